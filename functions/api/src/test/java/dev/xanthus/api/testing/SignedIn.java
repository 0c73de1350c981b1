package dev.xanthus.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A user signed in to the API under test ({@link ApiClient#signIn}), with the requests the end-to-end tests send as
 * that user. One place for what the apps, vps and OCI integration tests each wrapped.
 *
 * @param patience how long {@link #await} polls before it fails the test
 */
public record SignedIn(int port, String token, String jwt, String namespaceId, Duration patience) {

    /** Signs in with a fresh sandbox token, clearing the keys of {@code clearProviders} ("hetzner", "oci"). */
    public static SignedIn as(int port, Duration patience, String... clearProviders) throws Exception {
        ApiClient.Login login = ApiClient.signIn(port, clearProviders);
        return new SignedIn(port, login.token(), login.jwt(), login.namespaceId(), patience);
    }

    public HttpResponse<String> send(String method, String path, Object body) throws Exception {
        return ApiClient.send(port, method, path, body, jwt);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** {@code GET path}, expecting 200: its data's {@code name} as text. */
    public String field(String path, String name) throws Exception {
        return ApiClient.data(get(path), 200).path(name).asText();
    }

    /** Polls {@code GET path} until its data matches, for at most {@code patience}; returns that data. */
    public JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
        return ApiClient.await(port, jwt, path, done, patience);
    }

    /** Polls the job until it has succeeded or failed; returns its last view. */
    public JsonNode awaitJob(String jobId) throws Exception {
        return await("/api/v1/jobs/" + jobId, j -> j.path("status").asText().matches("succeeded|failed"));
    }

    /** Stores the Hetzner simulator's key as this user's Hetzner key. */
    public SignedIn withHetznerKey() throws Exception {
        HttpResponse<String> put =
                send("PUT", "/api/v1/settings/hetzner", Map.of("key", HetznerSimulator.DEFAULT_TOKEN));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return this;
    }

    /** Stores the OCI simulator's sandbox user and API key as this user's OCI credentials. */
    public SignedIn withOciKey() throws Exception {
        HttpResponse<String> put = send("PUT", "/api/v1/settings/oci", OciSandbox.credentials());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return this;
    }

    /** Creates a cx23 in fsn1 (UTC), expecting 201; returns the answer's data ({@code server}, {@code config}). */
    public JsonNode createServer(String name) throws Exception {
        return createServer(name, "cx23", "UTC");
    }

    /** Creates a Hetzner server in fsn1, expecting 201; returns the answer's data ({@code server}, {@code config}). */
    public JsonNode createServer(String name, String serverType, String timeZone) throws Exception {
        return ApiClient.data(
                send(
                        "POST",
                        "/api/v1/vps",
                        Map.of("name", name, "location", "fsn1", "serverType", serverType, "timezone", timeZone)),
                201);
    }

    /** The value of {@code key} in the sandbox account's namespace (the shared Cloudflare simulator), or null. */
    public String kv(String key) {
        return CloudflareSandbox.SIM
                .kvValue(CloudflareSimConfig.SANDBOX_ACCOUNT_ID, namespaceId, key)
                .orElse(null);
    }
}
