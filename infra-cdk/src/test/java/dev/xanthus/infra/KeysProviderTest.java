package dev.xanthus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.xanthus.core.auth.JwtKeyLoader;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.crypto.DataKeys;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.sandbox.aws.KmsSimulator;
import dev.xanthus.sandbox.aws.SecretsManagerSimulator;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys custom resource ({@code keys-provider.js}) executed by Node with the AWS SDK v3 it gets in Lambda's
 * nodejs22.x runtime (pinned in package.json), against KMS and Secrets Manager wire simulators, answering
 * CloudFormation on an HTTPS pre-signed URL as in AWS; then the functions' own cold-start code reads what it made.
 */
class KeysProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROVIDER =
            TestStacks.MODULE.resolve("src/main/resources/" + KeysConstruct.PROVIDER_SOURCE);
    private static final String REGION = "eu-central-1";

    @TempDir
    static Path dir;

    private static KmsSimulator kms;
    private static SecretsManagerSimulator secrets;
    private static HttpsServer cloudFormation;
    private static final LinkedBlockingQueue<String> responses = new LinkedBlockingQueue<>();
    private static Path caFile;
    private static String keyArn;
    private static String secretArn;

    @BeforeAll
    static void start() throws Exception {
        kms = KmsSimulator.start(REGION);
        secrets = SecretsManagerSimulator.start(REGION);
        keyArn = kms.createKey("xanthus-data-key");
        secretArn = secrets.createSecret("xanthus-jwt");
        cloudFormation = responseEndpoint();
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    }

    @AfterAll
    static void stop() {
        kms.close();
        secrets.close();
        cloudFormation.stop(0);
    }

    @Test
    void create_shouldMakeKeysTheFunctionsReadAtColdStart_update_shouldRotateThem_delete_shouldKeepThem()
            throws Exception {
        JsonNode created =
                run(event("Create", null, Map.of("KeyId", keyArn, "SecretId", secretArn, "Generation", "1")));

        assertThat(created.path("Status").asText()).as(created.toString()).isEqualTo("SUCCESS");
        String physicalId = created.path("PhysicalResourceId").asText();
        assertThat(physicalId).startsWith("xanthus-keys-");
        JsonNode data = created.path("Data");
        assertThat(data.path("OriginVerify").asText()).matches("[A-Za-z0-9_-]{43}");
        AppConfig config = functionConfig(data.path("DataKeyCiphertext").asText());
        ECKey signing = JwtKeyLoader.load(config);
        ECKey published = ECKey.parse(data.path("JwtPublicJwk").asText());
        assertThat(signing.isPrivate()).isTrue();
        assertThat(signing.toPublicJWK()).isEqualTo(published);
        assertThat(published.getKeyID()).isEqualTo(physicalId.substring("xanthus-keys-".length()));
        SecretBox box = DataKeys.secretBox(config);
        assertThat(box.open(box.seal("session secret", "ctx"), "ctx")).isEqualTo("session secret");
        assertThat(secrets.current("xanthus-jwt").orElseThrow())
                .doesNotContain("BEGIN")
                .contains("\"d\"");

        JsonNode updated =
                run(event("Update", physicalId, Map.of("KeyId", keyArn, "SecretId", secretArn, "Generation", "2")));

        assertThat(updated.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(updated.path("PhysicalResourceId").asText()).isNotEqualTo(physicalId);
        ECKey rotated = JwtKeyLoader.load(
                functionConfig(updated.path("Data").path("DataKeyCiphertext").asText()));
        assertThat(rotated.toPublicJWK())
                .isNotEqualTo(published)
                .isEqualTo(ECKey.parse(updated.path("Data").path("JwtPublicJwk").asText()));
        assertThat(updated.path("Data").path("DataKeyCiphertext").asText())
                .isNotEqualTo(data.path("DataKeyCiphertext").asText());
        String secretAfterUpdate = secrets.current("xanthus-jwt").orElseThrow();

        JsonNode deleted = run(event(
                "Delete",
                updated.path("PhysicalResourceId").asText(),
                Map.of("KeyId", keyArn, "SecretId", secretArn, "Generation", "2")));

        assertThat(deleted.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(deleted.path("PhysicalResourceId").asText())
                .isEqualTo(updated.path("PhysicalResourceId").asText());
        assertThat(secrets.current("xanthus-jwt")).contains(secretAfterUpdate);
    }

    @Test
    void create_withAnUnknownKey_shouldAnswerFailedWithTheReason_andWriteNoSecret() throws Exception {
        String otherSecret = secrets.createSecret("xanthus-jwt-untouched");

        JsonNode failed = run(
                event("Create", null, Map.of("KeyId", "alias/missing", "SecretId", otherSecret, "Generation", "1")));

        assertThat(failed.path("Status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("Reason").asText()).isEqualTo("NotFoundException");
        assertThat(secrets.current("xanthus-jwt-untouched")).isEmpty();
    }

    private static Map<String, Object> event(String type, String physicalId, Map<String, String> properties) {
        Map<String, Object> event = new HashMap<>();
        event.put("RequestType", type);
        event.put(
                "ResponseURL",
                "https://127.0.0.1:" + cloudFormation.getAddress().getPort()
                        + "/cloudformation-custom-resource-response?X-Amz-Signature=abc");
        event.put("StackId", "arn:aws:cloudformation:" + REGION + ":123456789012:stack/xanthus/" + UUID.randomUUID());
        event.put("RequestId", UUID.randomUUID().toString());
        event.put("LogicalResourceId", "KeysGenerated");
        event.put("ResourceType", "Custom::XanthusKeys");
        event.put("ResourceProperties", properties);
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
        }
        return event;
    }

    /** Runs the handler once in Node as Lambda would, and returns what it PUT to the response URL. */
    private static JsonNode run(Map<String, Object> event) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        "node",
                        "-e",
                        "require(process.argv[1]).handler(JSON.parse(process.argv[2])).then(() => process.exit(0),"
                                + " (e) => { console.error(e); process.exit(3); })",
                        PROVIDER.toString(),
                        JSON.writeValueAsString(event))
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.endsWith("_PROXY") || k.endsWith("_proxy"));
        env.put("NODE_PATH", TestStacks.MODULE.resolve("node_modules").toString());
        env.put("NODE_EXTRA_CA_CERTS", caFile.toString());
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        env.put("AWS_ENDPOINT_URL_KMS", kms.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        Process node = pb.start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        String response = responses.poll(5, TimeUnit.SECONDS);
        assertThat(response)
                .as("CloudFormation got no response; node said: %s", output)
                .isNotNull();
        return JSON.readTree(response);
    }

    /** The environment CDK gives the functions (see XanthusStack), pointed at the simulators. */
    private static AppConfig functionConfig(String dataKeyCiphertext) {
        return AppConfig.from(Map.of(
                "TABLE_NAME",
                "xanthus",
                "AWS_REGION",
                REGION,
                "JWT_SECRET_ARN",
                secretArn,
                "SECRETS_MANAGER_ENDPOINT",
                secrets.endpoint().toString(),
                "DATA_KEY_CIPHERTEXT",
                dataKeyCiphertext,
                "KMS_ENDPOINT",
                kms.endpoint().toString()));
    }

    /** CloudFormation's pre-signed S3 URL, here HTTPS on 127.0.0.1 with a certificate Node is told to trust. */
    private static HttpsServer responseEndpoint() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1");
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.valueOf(now.toEpochMilli()),
                                Date.from(now.minusSeconds(60)),
                                Date.from(now.plusSeconds(3600)),
                                name,
                                pair.getPublic())
                        .addExtension(
                                Extension.subjectAlternativeName,
                                false,
                                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(cert);
        }
        caFile = Files.writeString(dir.resolve("response-ca.pem"), pem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls", pair.getPrivate(), new char[0], new X509Certificate[] {cert});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // S3 takes the PUT only without a content type (the URL is signed without one).
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            boolean ok = exchange.getRequestMethod().equals("PUT") && (contentType == null || contentType.isEmpty());
            if (ok) {
                responses.add(body);
            }
            exchange.sendResponseHeaders(ok ? 200 : 403, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
