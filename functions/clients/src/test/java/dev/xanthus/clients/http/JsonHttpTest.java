package dev.xanthus.clients.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.http.ProviderErrors;
import dev.xanthus.sandbox.http.SimResponse;
import dev.xanthus.sandbox.http.SimServer;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonHttpTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private SimServer server;
    private JsonHttp http;

    @BeforeEach
    void start() {
        server = new SimServer("/v1", ProviderErrors.plain("error", "no route", "internal", "slow down"))
                .route("GET", "/things/{id}", request -> SimResponse.json(200, Map.of("id", request.pathParam("id"))))
                .route("POST", "/things", request -> SimResponse.json(200, Map.of("created", true)))
                .route("DELETE", "/things/{id}", request -> SimResponse.json(200, Map.of("deleted", true)))
                .start("127.0.0.1", 0);
        http = newHttp(RetryAdvice.retryAfter());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonHttp newHttp(RetryAdvice advice) {
        return new JsonHttp(
                JsonHttp.newHttpClient(), RetryPolicy.defaults(advice), sleeps::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ApiRequest get(String id) {
        return ApiRequest.get(
                URI.create(server.baseUri() + PathTemplate.expand("/things/{id}", id)),
                "/things/{id}",
                Map.of("Authorization", "Bearer secret"));
    }

    @Test
    void send_shouldRetryOnceAfterAdvisedDelay_whenRateLimitedWithRetryAfter() {
        server.faults().inject("GET /things/{id}", Fault.rateLimited(7), 1);

        ApiResponse response = http.send(get("a b"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("id").asText()).isEqualTo("a b");
        assertThat(server.calls("GET /things/{id}")).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void send_shouldGiveUpAfterThreeAttempts_whenServerKeepsFailing() {
        server.faults().injectAlways("GET /things/{id}", Fault.status(503, "{}"));

        ApiResponse response = http.send(get("x"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(server.calls("GET /things/{id}")).isEqualTo(3);
        assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void send_shouldRetry_whenConnectionIsDroppedOnGet() {
        // Two drops: the JDK's own stale-connection repeat absorbs one, our retry the other.
        server.faults().inject("GET /things/{id}", Fault.drop(), 2);

        ApiResponse response = http.send(get("x"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(server.calls("GET /things/{id}")).isEqualTo(3);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void send_shouldThrowTransportException_whenEveryAttemptIsDropped() {
        server.faults().injectAlways("GET /things/{id}", Fault.drop());

        assertThatThrownBy(() -> http.send(get("x")))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("GET /things/{id} failed")
                .hasMessageNotContaining("secret");
        // Three attempts of ours; within each, the JDK client repeats a GET once when the connection closes before
        // any response byte (its stale-connection rule, which cannot be switched off).
        assertThat(server.calls("GET /things/{id}")).isEqualTo(6);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void send_shouldNotRetryPost_whenServerFails() {
        server.faults().inject("POST /things", Fault.status(500, "{}"), 1);
        ApiRequest post = ApiRequest.write(
                "POST",
                URI.create(server.baseUri() + "/things"),
                "/things",
                Map.of(),
                "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        ApiResponse response = http.send(post);

        assertThat(response.status()).isEqualTo(500);
        assertThat(server.calls("POST /things")).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void send_shouldRetryDelete_onlyWhenMarkedIdempotent() {
        server.faults().inject("DELETE /things/{id}", Fault.status(502, "{}"), 2);
        URI uri = URI.create(server.baseUri() + "/things/1");

        assertThat(http.send(ApiRequest.delete(uri, "/things/{id}", Map.of(), false))
                        .status())
                .isEqualTo(502);
        assertThat(http.send(ApiRequest.delete(uri, "/things/{id}", Map.of(), true))
                        .status())
                .isEqualTo(200);
        assertThat(server.calls("DELETE /things/{id}")).isEqualTo(3);
    }

    @Test
    void send_shouldSurfaceRateLimit_whenAdvisedDelayIsLongerThanWeAccept() {
        server.faults().inject("GET /things/{id}", Fault.rateLimited(60), 1);

        ApiResponse response = http.send(get("x"));

        assertThat(response.status()).isEqualTo(429);
        assertThat(server.calls("GET /things/{id}")).isEqualTo(1);
    }

    @Test
    void retryAfter_shouldReadSecondsAndHttpDates() {
        RetryAdvice advice = RetryAdvice.retryAfter();

        assertThat(advice.delay(headers("Retry-After", "3"), NOW)).contains(Duration.ofSeconds(3));
        assertThat(advice.delay(headers("Retry-After", "Wed, 25 Nov 2026 12:00:09 GMT"), NOW))
                .contains(Duration.ofSeconds(9));
        assertThat(advice.delay(headers("Retry-After", "soon"), NOW)).isEmpty();
        assertThat(advice.delay(headers("X-Other", "1"), NOW)).isEmpty();
    }

    @Test
    void rateLimitReset_shouldReadEpochSeconds() {
        RetryAdvice advice = RetryAdvice.rateLimitReset();
        String reset = Long.toString(NOW.getEpochSecond() + 4);

        assertThat(advice.delay(headers("RateLimit-Reset", reset), NOW)).contains(Duration.ofSeconds(4));
        assertThat(advice.delay(headers("RateLimit-Reset", "1"), NOW)).contains(Duration.ZERO);
        assertThat(advice.delay(headers("RateLimit-Remaining", "0", "RateLimit-Reset", reset), NOW))
                .contains(Duration.ofSeconds(4));
    }

    @Test
    void rateLimitReset_shouldNotAdvise_whileRequestsAreLeft() {
        // A 5xx with 3,000 requests left must back off briefly, not wait for the whole bucket to refill.
        String reset = Long.toString(NOW.getEpochSecond() + 600);

        assertThat(RetryAdvice.rateLimitReset()
                        .delay(headers("RateLimit-Remaining", "3000", "RateLimit-Reset", reset), NOW))
                .isEmpty();
    }

    @Test
    void send_shouldWaitUntilRateLimitReset_whenHetznerStyleAdviceIsUsed() {
        JsonHttp hetznerStyle = newHttp(RetryAdvice.rateLimitReset());
        server.faults().inject("GET /things/{id}", Fault.status(429, "{}"), 1);

        assertThat(hetznerStyle.send(get("x")).status()).isEqualTo(200);
        // No RateLimit-Reset header on this answer: the jittered backoff (125..250 ms) applies instead.
        assertThat(sleeps).singleElement().satisfies(d -> assertThat(d.toMillis())
                .isBetween(125L, 250L));
    }

    @Test
    void expand_shouldEncodeEveryValue() {
        assertThat(PathTemplate.expand("/ns/{id}/values/{key}", "n1", "domain:a.com/x y"))
                .isEqualTo("/ns/n1/values/domain%3Aa.com%2Fx%20y");
    }

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }

    private static HttpHeaders headers(String name, String value, String name2, String value2) {
        return HttpHeaders.of(Map.of(name, List.of(value), name2, List.of(value2)), (a, b) -> true);
    }

    @Test
    void send_shouldEndTheAttemptAtTheRequestDeadline_insteadOfItsOwn30Seconds() {
        server.faults().injectAlways("GET /things/{id}", Fault.latency(Duration.ofSeconds(3)));

        try (Deadline.Scope scope = Deadline.start(Duration.ofMillis(300))) {
            assertThatThrownBy(() -> http.send(get("slow")))
                    .isInstanceOf(DeadlineExceededException.class)
                    .hasMessageContaining("GET /things/{id}")
                    .hasMessageNotContaining("slow");
        }
        assertThat(server.calls("GET /things/{id}")).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void send_shouldNotWaitToRetry_whenTheWaitWouldPassTheDeadline() {
        server.faults().inject("GET /things/{id}", Fault.rateLimited(7), 1);

        ApiResponse response;
        try (Deadline.Scope scope = Deadline.start(Duration.ofSeconds(5))) {
            response = http.send(get("a"));
        }

        assertThat(response.status()).isEqualTo(429);
        assertThat(server.calls("GET /things/{id}")).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void send_shouldNotCallAtAll_onceTheDeadlineHasPassed() {
        try (Deadline.Scope scope = Deadline.start(Duration.ZERO)) {
            assertThatThrownBy(() -> http.send(get("a"))).isInstanceOf(DeadlineExceededException.class);
        }
        assertThat(server.calls("GET /things/{id}")).isZero();
        assertThat(Deadline.remaining()).isEmpty();
    }

    @Test
    void deadline_shouldFollowWorkHandedToAnotherThread_andNestedScopesShouldRestoreTheOuterOne() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Deadline.Scope outer = Deadline.start(Duration.ofSeconds(20))) {
            java.util.concurrent.CompletableFuture<java.util.Optional<Duration>> seen =
                    java.util.concurrent.CompletableFuture.supplyAsync(Deadline::remaining, Deadline.propagating(pool));
            assertThat(seen.get())
                    .hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20)));
            try (Deadline.Scope inner = Deadline.start(Duration.ofSeconds(60))) {
                // an inner scope never extends the request's own deadline
                assertThat(Deadline.remaining())
                        .hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(20)));
            }
            assertThat(Deadline.remaining()).isPresent();
        } finally {
            pool.shutdown();
        }
        assertThat(Deadline.remaining()).isEmpty();
        assertThat(java.util.concurrent.CompletableFuture.supplyAsync(
                                Deadline::remaining, Deadline.propagating(Runnable::run))
                        .get())
                .isEmpty();
    }
}
