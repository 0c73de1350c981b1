package dev.xanthus.core.crypto;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.config.ConfigException;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;

/**
 * Resolves the data key once at start-up. In the cloud it is a KMS envelope: the configuration holds only the
 * encrypted data key, and KMS decrypts it once per cold start (SnapStart keeps the result in the snapshot).
 */
public final class DataKeys {

    private DataKeys() {}

    public static SecretBox secretBox(AppConfig config) {
        return new SecretBox(resolve(config.dataKey(), config.region()));
    }

    static byte[] resolve(AppConfig.DataKeySource source, String region) {
        if (source instanceof AppConfig.DataKeySource.Plain plain) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(plain.base64());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("DATA_KEY is malformed: expected base64 of 32 bytes");
            }
            if (key.length != 32) {
                throw new ConfigException("DATA_KEY is malformed: expected base64 of 32 bytes");
            }
            return key;
        }
        AppConfig.DataKeySource.Kms kms = (AppConfig.DataKeySource.Kms) source;
        var builder = KmsClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
        kms.endpoint().ifPresent(builder::endpointOverride);
        try (KmsClient client = builder.build()) {
            byte[] blob = Base64.getDecoder().decode(kms.ciphertextBase64());
            byte[] key = client.decrypt(DecryptRequest.builder()
                            .ciphertextBlob(SdkBytes.fromByteArray(blob))
                            .build())
                    .plaintext()
                    .asByteArray();
            if (key.length != 32) {
                throw new ConfigException("DATA_KEY_CIPHERTEXT does not decrypt to a 256-bit key");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DATA_KEY_CIPHERTEXT is malformed: expected base64");
        }
    }
}
