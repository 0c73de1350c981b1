package dev.xanthus.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.account.AccountKeys;
import dev.xanthus.core.kv.KvStore;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

/** Values written by the Go program open here, and values we write have the Go program's exact shape. */
class GoCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode fixture() throws Exception {
        return JSON.readTree(GoCompatibilityTest.class.getResourceAsStream("/go-fixtures/fixture.json"));
    }

    @Test
    void goEncryptedHetznerKey_shouldDecrypt_withTheSameCloudflareToken() throws Exception {
        JsonNode f = fixture();
        // The KV value is a JSON string holding the base64, as json.Marshal wrote it.
        String stored = JSON.readValue(f.path("kv_config_hetzner_api_key").asText(), String.class);

        String plaintext = new GoTokenCipher(f.path("cloudflare_token").asText()).decrypt(stored);

        assertThat(plaintext).isEqualTo(f.path("hetzner_plaintext").asText());
        assertThatThrownBy(() -> new GoTokenCipher("another_token").decrypt(stored))
                .isInstanceOf(SecretBox.SealedValueException.class);
    }

    @Test
    void ourEncryption_shouldOpenWithAnIndependentGcm_asGoWouldOpenIt() throws Exception {
        String token = "cf_token_for_reverse_direction";
        String encoded = new GoTokenCipher(token).encrypt("hz-secret");

        byte[] data = Base64.getDecoder().decode(encoded);
        GCMBlockCipher gcm = new GCMBlockCipher(new AESEngine());
        byte[] key = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        gcm.init(false, new AEADParameters(new KeyParameter(key), 128, Arrays.copyOf(data, 12)));
        byte[] out = new byte[gcm.getOutputSize(data.length - 12)];
        int n = gcm.processBytes(data, 12, data.length - 12, out, 0);
        n += gcm.doFinal(out, n);

        assertThat(new String(out, 0, n, StandardCharsets.UTF_8)).isEqualTo("hz-secret");
        assertThat(data.length).isEqualTo(12 + "hz-secret".length() + 16);
    }

    @Test
    void goCsrRecord_shouldDecodeIntoOurRecord() throws Exception {
        AccountCsr record =
                KvStore.JSON.readValue(fixture().path("kv_config_ssl_csr").asText(), AccountCsr.class);

        assertThat(record.csr()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(record.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(record.createdAt()).isEqualTo("2025-03-14T09:26:53.589793Z");
    }

    @Test
    void ourCsrRecord_shouldHaveGosFieldsSubjectBytesAndKeyFormat() throws Exception {
        AccountCsr ours = AccountKeys.generate(Clock.systemUTC());
        JsonNode asStored = JSON.readTree(KvStore.JSON.writeValueAsString(ours));

        assertThat(asStored.fieldNames()).toIterable().containsExactlyInAnyOrder("csr", "private_key", "created_at");
        PKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(ours.csr()))) {
            csr = (PKCS10CertificationRequest) parser.readObject();
        }
        assertThat(Base64.getEncoder().encodeToString(csr.getSubject().getEncoded()))
                .isEqualTo(fixture().path("csr_subject_der_base64").asText());
        try (PEMParser parser = new PEMParser(new StringReader(ours.privateKey()))) {
            PrivateKeyInfo key = (PrivateKeyInfo) parser.readObject();
            assertThat(key.getPrivateKeyAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.1");
        }
        assertThat(ours.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.11");
    }
}
