package dev.xanthus.clients.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP for the provider clients: timeouts, and retries of GETs and idempotent DELETEs on 429, 5xx and
 * broken connections, waiting as long as the provider advises. Writes (POST, PUT, PATCH) are sent exactly once.
 * Logs carry the method, the path template and the status, never a URI with values, a header or a body.
 *
 * <p>Note: within one attempt the JDK client itself repeats a GET once when a connection closes before any response
 * byte (it takes the connection for a stale pooled one), so a dropped GET can reach the server twice per attempt.
 */
public final class JsonHttp {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(JsonHttp.class);

    private final HttpClient client;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    public JsonHttp(HttpClient client, RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.client = client;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The production wiring: the process-wide HTTP client, default retries, real time. */
    public static JsonHttp create(RetryAdvice advice) {
        return new JsonHttp(SharedClient.INSTANCE, RetryPolicy.defaults(advice), Sleeper.SYSTEM, Clock.systemUTC());
    }

    /** An HTTP client with our connect timeout; build one per process and share it. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends the request, repeating it when that is safe and useful; returns the last answer whatever its status. Within a
     * {@link Deadline}, each attempt gets at most what is left of it, and a retry whose wait would not end in time is
     * not made: a failed attempt then stands, a slow read throws {@link DeadlineExceededException}, and nothing is sent
     * once the deadline has passed.
     */
    public ApiResponse send(ApiRequest request) {
        for (int attempt = 1; ; attempt++) {
            boolean mayRetry = request.retryable() && attempt < policy.maxAttempts();
            ApiResponse response;
            try {
                response = execute(request, attemptTimeout(request));
            } catch (IOException e) {
                Duration delay = policy.backoff(attempt);
                // A write cut off by the deadline may still have been carried out: it stays a transport failure, which
                // the
                // callers of writes already treat as a lost answer (look up, adopt or undo).
                if (request.retryable()
                        && Deadline.remaining().filter(Duration::isZero).isPresent()) {
                    LOG.warn(
                            "{} failed on attempt {} at the request deadline: {}",
                            request.describe(),
                            attempt,
                            e.getClass().getSimpleName());
                    throw new DeadlineExceededException(request.describe(), e);
                }
                if (!mayRetry || !fitsDeadline(delay)) {
                    LOG.warn(
                            "{} failed on attempt {}: {}",
                            request.describe(),
                            attempt,
                            e.getClass().getSimpleName());
                    throw new TransportException(request.describe(), request.uri(), e);
                }
                LOG.info(
                        "{} failed on attempt {} ({}); retrying in {} ms",
                        request.describe(),
                        attempt,
                        e.getClass().getSimpleName(),
                        delay.toMillis());
                pause(request, delay, e);
                continue;
            }
            if (!mayRetry || !RetryPolicy.isRetryableStatus(response.status())) {
                LOG.debug("{} -> {} (attempt {})", request.describe(), response.status(), attempt);
                return response;
            }
            int failedAttempts = attempt;
            Optional<Duration> advised = policy.advice().delay(response.headers(), clock.instant());
            Duration delay = advised.orElseGet(() -> policy.backoff(failedAttempts));
            if (delay.compareTo(policy.maxDelay()) > 0) {
                LOG.info(
                        "{} -> {}; advised wait {} s is too long, giving up",
                        request.describe(),
                        response.status(),
                        delay.toSeconds());
                return response;
            }
            if (!fitsDeadline(delay)) {
                LOG.info(
                        "{} -> {}; a wait of {} ms would pass the request deadline, giving up",
                        request.describe(),
                        response.status(),
                        delay.toMillis());
                return response;
            }
            LOG.info(
                    "{} -> {} on attempt {}; retrying in {} ms",
                    request.describe(),
                    response.status(),
                    attempt,
                    delay.toMillis());
            pause(request, delay, null);
        }
    }

    /** Our own per-attempt limit, or less when the request's deadline is nearer; throws once it has passed. */
    private static Duration attemptTimeout(ApiRequest request) {
        Optional<Duration> left = Deadline.remaining();
        if (left.isEmpty()) {
            return REQUEST_TIMEOUT;
        }
        if (left.get().isZero()) {
            throw new DeadlineExceededException(request.describe(), null);
        }
        return left.get().compareTo(REQUEST_TIMEOUT) < 0 ? left.get() : REQUEST_TIMEOUT;
    }

    /** Whether waiting {@code delay} still leaves time for another attempt. */
    private static boolean fitsDeadline(Duration delay) {
        return Deadline.remaining().map(left -> left.compareTo(delay) > 0).orElse(true);
    }

    private ApiResponse execute(ApiRequest request, Duration timeout) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        request.headers().forEach(builder::header);
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", request.contentType());
            builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        }
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private void pause(ApiRequest request, Duration delay, IOException cause) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            if (cause != null) {
                interrupted.addSuppressed(cause);
            }
            throw new TransportException(request.describe(), request.uri(), interrupted);
        }
    }

    /** Built on first use, so a process that never calls a provider never starts the client's threads. */
    private static final class SharedClient {
        static final HttpClient INSTANCE = newHttpClient();
    }
}
