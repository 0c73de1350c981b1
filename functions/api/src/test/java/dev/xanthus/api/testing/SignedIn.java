package dev.xanthus.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A user signed in to the API under test ({@link ApiClient#signIn}), with the requests the end-to-end tests send as
 * that user. One place for what ApplicationsApiTest, VpsApiTest, OciApiTest and OciExistingApiTest each wrapped.
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

    /** Polls {@code GET path} until its data matches, for at most {@code patience}; returns that data. */
    public JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
        return ApiClient.await(port, jwt, path, done, patience);
    }
}
