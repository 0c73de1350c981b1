package dev.xanthus.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets Manager's PutSecretValue and GetSecretValue (AWSCURRENT only) over the JSON 1.1 wire protocol, for
 * secrets a test creates. Facts and sources: {@code contracts/aws/kms-and-secrets-manager.md}.
 */
public final class SecretsManagerSimulator extends AwsJsonSimulator {

    private record Version(String id, String secretString, Instant created) {}

    private record Secret(String arn, String name, Version current) {}

    private final String region;
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

    private SecretsManagerSimulator(String region) {
        this.region = region;
        serve(
                "secretsmanager",
                "secretsmanager",
                Map.of(
                        "PutSecretValue", this::put,
                        "GetSecretValue", this::get));
    }

    public static SecretsManagerSimulator start(String region) {
        return new SecretsManagerSimulator(region);
    }

    /** Creates an empty secret (as CloudFormation does before anything writes it); returns its ARN. */
    public String createSecret(String name) {
        String arn = "arn:aws:secretsmanager:" + region + ":123456789012:secret:" + name + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        secrets.put(name, new Secret(arn, name, null));
        return arn;
    }

    /** The current value, if one was written. */
    public Optional<String> current(String name) {
        return Optional.ofNullable(secrets.get(name)).map(Secret::current).map(Version::secretString);
    }

    private Object put(JsonNode body) {
        Secret secret = find(AwsJson.text(body, "SecretId"));
        String value = AwsJson.text(body, "SecretString");
        String versionId =
                body.path("ClientRequestToken").asText(UUID.randomUUID().toString());
        secrets.put(
                secret.name(), new Secret(secret.arn(), secret.name(), new Version(versionId, value, Instant.now())));
        return version(secret, versionId, Map.of());
    }

    private Object get(JsonNode body) {
        Secret secret = find(AwsJson.text(body, "SecretId"));
        if (secret.current() == null) {
            throw new AwsJson.Fault(
                    "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
        }
        return version(
                secret,
                secret.current().id(),
                Map.of(
                        "SecretString",
                        secret.current().secretString(),
                        "CreatedDate",
                        secret.current().created().toEpochMilli() / 1000.0));
    }

    /** The members every answer about one version of a secret has, then {@code more}. */
    private static Map<String, Object> version(Secret secret, String versionId, Map<String, Object> more) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ARN", secret.arn());
        answer.put("Name", secret.name());
        answer.put("VersionId", versionId);
        answer.put("VersionStages", List.of("AWSCURRENT"));
        answer.putAll(more);
        return answer;
    }

    /** By name, full ARN, or the ARN without its random suffix. */
    private Secret find(String secretId) {
        for (Secret secret : secrets.values()) {
            if (secret.name().equals(secretId)
                    || secret.arn().equals(secretId)
                    || secret.arn().substring(0, secret.arn().length() - 7).equals(secretId)) {
                return secret;
            }
        }
        throw new AwsJson.Fault("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
}
