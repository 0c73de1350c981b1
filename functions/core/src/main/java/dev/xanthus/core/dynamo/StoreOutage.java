package dev.xanthus.core.dynamo;

import dev.xanthus.core.error.AppException;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Turns "DynamoDB cannot be reached" into one answer and one log line. Every call of a client built by
 * {@link Dynamo#client} passes through here once, after the SDK's own retries: a failure that means the store is
 * unreachable or overloaded becomes {@code 503 STORE_UNAVAILABLE} with a Retry-After (instead of an unmapped SDK
 * exception, a 500 and a stack trace per request), and the outage is logged as it starts and as it ends, once each,
 * however many requests fail in between. Anything else (a failed condition, a validation error) passes unchanged and
 * proves the store is reachable.
 *
 * <p>Two halves: as an execution interceptor it sees every call's outcome (paginators included) and keeps the
 * state; {@link #guard} wraps the client so the failure reaches callers as an {@link AppException}. The SDK allows an
 * interceptor to replace an exception only with one of the same class, hence the wrapper.
 */
public final class StoreOutage implements ExecutionInterceptor {

    public static final String CODE = "STORE_UNAVAILABLE";
    /** Long enough for a restarted dynalite or a DynamoDB blip, short enough that nobody gives up. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);

    private final Clock clock;
    private final Consumer<String> warn;
    private final Consumer<String> info;
    private final AtomicReference<Instant> downSince = new AtomicReference<>();

    public StoreOutage(Clock clock) {
        this(clock, LOG::warn, LOG::info);
    }

    StoreOutage(Clock clock, Consumer<String> warn, Consumer<String> info) {
        this.clock = clock;
        this.warn = warn;
        this.info = info;
    }

    public boolean isDown() {
        return downSince.get() != null;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        reachable();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        if (!unavailable(failure)) {
            if (failure instanceof AwsServiceException) {
                reachable(); // DynamoDB answered, if only to say no
            }
            return;
        }
        Instant now = clock.instant();
        if (downSince.compareAndSet(null, now)) {
            warn.accept("DynamoDB unreachable since " + now + " (" + reason(failure) + "); answering 503 " + CODE
                    + " until it is back");
        }
    }

    /** The client whose calls throw {@code 503 STORE_UNAVAILABLE} instead of the SDK's exception for an outage. */
    DynamoDbClient guard(DynamoDbClient client) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                if (failure instanceof SdkException && unavailable(failure)) {
                    throw AppException.Unavailable.reported(
                            CODE,
                            "Xanthus's own database is unavailable for a moment. Try again in a few seconds.",
                            RETRY_AFTER);
                }
                throw failure;
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, handler);
    }

    private void reachable() {
        Instant since = downSince.getAndSet(null);
        if (since != null) {
            info.accept("DynamoDB back after "
                    + Math.max(0, Duration.between(since, clock.instant()).toSeconds()) + " s");
        }
    }

    /** Unreachable (I/O failure, a call or attempt timed out), failing (5xx) or throttling: all pass with time. */
    static boolean unavailable(Throwable failure) {
        if (failure instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException();
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause in a few words (e.g. "ConnectException: Connection refused"): no stack trace. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
