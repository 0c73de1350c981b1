package dev.xanthus.api.vps;

import static dev.xanthus.api.testing.ApiClient.code;
import static dev.xanthus.api.testing.ApiClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.core.server.HetznerKeys;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The keys of the vps function over HTTP: the user's Hetzner key (checked, stored sealed and masked, unreadable after
 * a token change) and the account's SSH key (the private half only as a download).
 */
class VpsKeysIT extends VpsOverHttp {

    @Test
    void badHetznerKey_shouldBe400WithHetznersMessage_andStoreNothing() throws Exception {
        signIn();

        HttpResponse<String> put = user.send("PUT", "/api/v1/settings/hetzner", Map.of("key", "not_the_right_key_123"));

        assertThat(put.statusCode()).as(put.body()).isEqualTo(400);
        assertThat(code(put)).isEqualTo("INVALID_HETZNER_KEY");
        assertThat(JSON.readTree(put.body()).path("error").path("message").asText())
                .contains("Hetzner does not accept");
        assertThat(put.body()).doesNotContain("not_the_right_key_123");
    }

    @Test
    void hetznerKey_shouldBeStoredMasked_andUnreadableAfterTokenChange() throws Exception {
        signInWithHetznerKey();
        JsonNode status = data(user.get("/api/v1/settings/hetzner"), 200);
        assertThat(status.path("exists").asBoolean()).isTrue();
        assertThat(status.path("masked").asText()).isEqualTo("xant…oken");
        assertThat(user.kv(HetznerKeys.KV_KEY)).startsWith("\"").doesNotContain("sandbox");

        signIn();
        HttpResponse<String> unreadable = user.get("/api/v1/settings/hetzner");
        assertThat(unreadable.statusCode()).isEqualTo(409);
        assertThat(code(unreadable)).isEqualTo("HETZNER_KEY_UNREADABLE");
        // Servers other tests left in the shared namespace stay listed as "unknown"; with none, the list says why.
        HttpResponse<String> list = user.get("/api/v1/vps");
        if (list.statusCode() == 200) {
            JSON.readTree(list.body()).path("data").forEach(s -> {
                if ("hetzner".equals(s.path("provider").asText())) {
                    assertThat(s.path("status").asText()).isEqualTo("unknown");
                }
            });
        } else {
            assertThat(code(list)).isEqualTo("HETZNER_KEY_UNREADABLE");
        }

        assertThat(user.send("DELETE", "/api/v1/settings/hetzner", null).statusCode())
                .isEqualTo(200);
        assertThat(data(user.get("/api/v1/settings/hetzner"), 200)
                        .path("exists")
                        .asBoolean())
                .isFalse();
        HttpResponse<String> withoutKey = user.get("/api/v1/vps");
        assertThat(withoutKey.statusCode()).isIn(200, 409);
        if (withoutKey.statusCode() == 409) {
            assertThat(code(withoutKey)).isEqualTo("HETZNER_KEY_REQUIRED");
        }
    }

    @Test
    void sshKeyRoutes_shouldServeThePublicKey_andThePrivateKeyOnlyAsADownload() throws Exception {
        signIn();

        JsonNode key = data(user.get("/api/v1/vps/ssh-key"), 200);
        HttpResponse<String> file = user.get("/api/v1/vps/ssh-key/private");

        assertThat(key.path("public_key").asText()).startsWith("ssh-rsa AAAA");
        assertThat(key.toString()).doesNotContain("PRIVATE KEY");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment")
                .contains("xanthus-key.pem");
        assertThat(file.body()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(data(user.get("/api/v1/vps/timezones"), 200).findValuesAsText(""))
                .isEmpty();
        assertThat(data(user.get("/api/v1/vps/timezones"), 200).toString()).contains("\"Europe/Berlin\"");
    }
}
