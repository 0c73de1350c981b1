package dev.xanthus.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * KMS for symmetric keys: GenerateDataKey, GenerateDataKeyWithoutPlaintext and Decrypt over the JSON 1.1 wire
 * protocol. A ciphertext blob names its key (as a real one does), so Decrypt needs no KeyId. Facts and sources:
 * {@code contracts/aws/kms-and-secrets-manager.md}.
 */
public final class KmsSimulator extends AwsJsonSimulator {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String region;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    private KmsSimulator(String region) {
        this.region = region;
        serve(
                "TrentService",
                "kms",
                Map.of(
                        "GenerateDataKey", body -> generate(body, true),
                        "GenerateDataKeyWithoutPlaintext", body -> generate(body, false),
                        "Decrypt", this::decrypt));
    }

    public static KmsSimulator start(String region) {
        return new KmsSimulator(region);
    }

    /** Creates a symmetric key; returns its ARN. */
    public String createKey(String alias) {
        String id = UUID.randomUUID().toString();
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        keys.put(id, material);
        if (alias != null) {
            aliases.put("alias/" + alias, id);
        }
        return arn(id);
    }

    private Object generate(JsonNode body, boolean withPlaintext) {
        String id = resolve(AwsJson.text(body, "KeyId"));
        int length =
                switch (body.path("KeySpec").asText(body.has("NumberOfBytes") ? "" : "missing")) {
                    case "AES_256" -> 32;
                    case "AES_128" -> 16;
                    case "" -> body.path("NumberOfBytes").asInt();
                    default ->
                        throw new AwsJson.Fault(
                                "ValidationException", "Please specify either number of bytes or key spec.");
                };
        if (length < 1 || length > 1024) {
            throw new AwsJson.Fault("ValidationException", "NumberOfBytes must be between 1 and 1024");
        }
        byte[] plaintext = new byte[length];
        RANDOM.nextBytes(plaintext);
        String blob = Base64.getEncoder().encodeToString(seal(id, plaintext));
        return withPlaintext
                ? Map.of(
                        "CiphertextBlob",
                        blob,
                        "KeyId",
                        arn(id),
                        "Plaintext",
                        Base64.getEncoder().encodeToString(plaintext))
                : Map.of("CiphertextBlob", blob, "KeyId", arn(id));
    }

    private Object decrypt(JsonNode body) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(AwsJson.text(body, "CiphertextBlob"));
        } catch (IllegalArgumentException e) {
            throw new AwsJson.Fault("SerializationException", "CiphertextBlob is not base64");
        }
        if (blob.length < 1 + 16 + 12 + 16) {
            throw new AwsJson.Fault("InvalidCiphertextException", null);
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        in.get();
        String id = new UUID(in.getLong(), in.getLong()).toString();
        byte[] material = keys.get(id);
        if (material == null) {
            throw new AwsJson.Fault("InvalidCiphertextException", null);
        }
        if (body.hasNonNull("KeyId") && !resolve(body.path("KeyId").asText()).equals(id)) {
            throw new AwsJson.Fault(
                    "IncorrectKeyException",
                    "The key ID in the request does not identify a CMK that can" + " perform this operation.");
        }
        byte[] iv = new byte[12];
        in.get(iv);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(material, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(id.getBytes());
            byte[] plaintext = cipher.doFinal(sealed);
            return Map.of(
                    "KeyId",
                    arn(id),
                    "Plaintext",
                    Base64.getEncoder().encodeToString(plaintext),
                    "EncryptionAlgorithm",
                    "SYMMETRIC_DEFAULT");
        } catch (GeneralSecurityException e) {
            throw new AwsJson.Fault("InvalidCiphertextException", null);
        }
    }

    /** Version byte, the key's UUID, a 12-byte IV, then AES-GCM of the plaintext bound to the key id. */
    private byte[] seal(String id, byte[] plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.get(id), "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(id.getBytes());
            byte[] sealed = cipher.doFinal(plaintext);
            UUID uuid = UUID.fromString(id);
            return ByteBuffer.allocate(1 + 16 + 12 + sealed.length)
                    .put((byte) 1)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits())
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key id, key ARN, alias name or alias ARN, as KMS accepts them. */
    private String resolve(String keyId) {
        String[] arn = keyId.split(":", 6);
        String given = keyId.startsWith("arn:") && arn.length == 6 ? arn[5] : keyId;
        String id = given.startsWith("alias/") ? aliases.get(given) : given.replaceFirst("^key/", "");
        if (id == null || !keys.containsKey(id)) {
            throw new AwsJson.Fault("NotFoundException", "Key '" + keyId + "' does not exist");
        }
        return id;
    }

    private String arn(String id) {
        return "arn:aws:kms:" + region + ":123456789012:key/" + id;
    }
}
