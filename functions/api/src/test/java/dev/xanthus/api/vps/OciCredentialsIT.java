package dev.xanthus.api.vps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.OciSandbox;
import dev.xanthus.clients.oci.OciKeys;
import dev.xanthus.core.server.OciSettings;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.oci.OciSimulator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The user's OCI credentials over HTTP: checked with a signed call, stored sealed and never shown, a Go plaintext
 * token sealed on first read; Oracle down or the key revoked in the console answer clearly, never a 500.
 */
class OciCredentialsIT extends OciOverHttp {

    @Test
    void credentials_shouldBeCheckedWithASignedCall_storedSealed_andNeverShown() throws Exception {
        signIn();
        assertThat(ApiClient.data(user.send("GET", "/api/v1/settings/oci", null), 200)
                        .path("configured")
                        .asBoolean())
                .isFalse();

        Map<String, Object> badTenancy = OciSandbox.credentials();
        badTenancy.put("tenancy", "ocid1.tenancy.oc1..x; rm -rf /");
        HttpResponse<String> bad = user.send("PUT", "/api/v1/settings/oci", badTenancy);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.code(bad)).isEqualTo("INVALID_OCI_CREDENTIALS");
        assertThat(JSON.readTree(bad.body())
                        .path("error")
                        .path("details")
                        .path("field")
                        .asText())
                .isEqualTo("tenancy");

        Map<String, Object> wrongFingerprint = OciSandbox.credentials();
        wrongFingerprint.put("fingerprint", "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff");
        HttpResponse<String> mismatch = user.send("PUT", "/api/v1/settings/oci", wrongFingerprint);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(mismatch.body())
                        .path("error")
                        .path("details")
                        .path("field")
                        .asText())
                .isEqualTo("fingerprint");

        // A well-formed key Oracle never saw: the simulator refuses the signature (401) and we answer 400.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var stranger = generator.generateKeyPair();
        Map<String, Object> unknown = OciSandbox.credentials();
        unknown.put("private_key", OciKeys.privateKeyPem(stranger.getPrivate()));
        unknown.put("fingerprint", OciKeys.publicKeyFingerprint(stranger.getPublic()));
        int refusedBefore = OCI.http().calls("GET /users/{userId}");
        HttpResponse<String> refused = user.send("PUT", "/api/v1/settings/oci", unknown);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(ApiClient.code(refused)).isEqualTo("OCI_CREDENTIALS_REJECTED");
        assertThat(OCI.http().calls("GET /users/{userId}")).isEqualTo(refusedBefore + 1);
        assertThat(user.kv(OciSettings.KV_KEY)).isNull();

        JsonNode stored = ApiClient.data(user.send("PUT", "/api/v1/settings/oci", OciSandbox.credentials()), 200);
        assertThat(stored.path("configured").asBoolean()).isTrue();
        assertThat(stored.path("home_region").asText()).isEqualTo(OCI.region());
        assertThat(stored.has("private_key")).isFalse();
        String sealed = user.kv(OciSettings.KV_KEY);
        assertThat(sealed).doesNotContain("PRIVATE KEY", OciSimulator.SANDBOX_TENANCY, "MII");

        JsonNode read = ApiClient.data(user.send("GET", "/api/v1/settings/oci", null), 200);
        assertThat(read.path("fingerprint").asText()).isEqualTo(OCI.sandboxKey().fingerprint());
        assertThat(read.toString()).doesNotContain("PRIVATE");

        assertThat(ApiClient.data(user.send("DELETE", "/api/v1/settings/oci", null), 200)
                        .path("configured")
                        .asBoolean())
                .isFalse();
        assertThat(user.kv(OciSettings.KV_KEY)).isNull();
        assertThat(ApiClient.code(user.send("GET", "/api/v1/vps/oci/options", null)))
                .isEqualTo("OCI_CREDENTIALS_REQUIRED");
    }

    @Test
    void goPlaintextToken_shouldBeSealedOnFirstRead_andThePlaintextRemoved() throws Exception {
        signIn();
        Map<String, Object> go = OciSandbox.credentials();
        String token = Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(go));
        CloudflareSandbox.SIM.putKvValues(ACCOUNT, user.namespaceId(), Map.of(OciSettings.GO_KV_KEY, token));

        JsonNode read = ApiClient.data(user.send("GET", "/api/v1/settings/oci", null), 200);

        assertThat(read.path("configured").asBoolean()).isTrue();
        assertThat(read.path("tenancy").asText()).isEqualTo(OciSimulator.SANDBOX_TENANCY);
        assertThat(user.kv(OciSettings.GO_KV_KEY)).isNull();
        assertThat(user.kv(OciSettings.KV_KEY)).isNotNull().doesNotContain("PRIVATE KEY");
        assertThat(ApiClient.data(user.send("GET", "/api/v1/vps/oci/options", null), 200)
                        .path("shapes")
                        .size())
                .isPositive();
    }

    @Test
    void oracleOutage_shouldBeA502_neverA500() throws Exception {
        signInWithOciKey();
        OCI.http()
                .faults()
                .inject(
                        "GET /shapes",
                        Fault.status(503, "{\"code\":\"ServiceUnavailable\",\"message\":\"Service Unavailable\"}"),
                        10);

        HttpResponse<String> outage = user.send("GET", "/api/v1/vps/oci/options", null);

        assertThat(outage.statusCode()).isEqualTo(502);
        assertThat(ApiClient.code(outage)).isEqualTo("OCI_UNAVAILABLE");
        assertThat(outage.body()).doesNotContain("Exception");
    }

    @Test
    void aKeyRemovedInTheOciConsole_shouldBe409CredentialsRejected_neverA500() throws Exception {
        signInWithOciKey();
        // The user removed the API key in the OCI console: every signed call is now refused.
        String keyId = OciSimulator.SANDBOX_TENANCY + "/" + OciSimulator.SANDBOX_USER + "/"
                + OCI.sandboxKey().fingerprint();
        HttpResponse<String> removed = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(OCI.baseUri() + "/__admin/keys?keyId="
                                        + java.net.URLEncoder.encode(keyId, StandardCharsets.UTF_8)))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(removed.body()).contains("true");
        try {
            HttpResponse<String> revoked = user.send("GET", "/api/v1/vps/oci/options", null);

            assertThat(revoked.statusCode()).isEqualTo(409);
            assertThat(ApiClient.code(revoked)).isEqualTo("OCI_CREDENTIALS_REJECTED");
        } finally {
            OCI.registerKey(
                    OciSimulator.SANDBOX_TENANCY,
                    OciSimulator.SANDBOX_USER,
                    OCI.sandboxKey().publicKey());
        }
    }
}
