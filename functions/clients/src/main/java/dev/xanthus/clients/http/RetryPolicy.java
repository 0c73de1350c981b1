package dev.xanthus.clients.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before repeating a retryable request.
 *
 * @param maxAttempts total tries, the first included
 * @param baseDelay   the first backoff step when the provider gives no advice; it doubles each attempt, jittered
 * @param maxDelay    the longest wait we accept; if the provider asks for more we give up and surface its answer,
 *                    since a Lambda behind API Gateway has 30 s in all
 * @param advice      which header carries the provider's advised wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, RetryAdvice advice) {

    public static RetryPolicy defaults(RetryAdvice advice) {
        return new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(10), advice);
    }

    /** Exponential backoff with equal jitter: half the step is fixed, half random, so clients spread out. */
    Duration backoff(int failedAttempts) {
        long step = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(failedAttempts - 1, 20));
        long half = step / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    static boolean isRetryableStatus(int status) {
        return status == 429 || status >= 500;
    }
}
