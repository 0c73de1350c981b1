package dev.xanthus.relay;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for conditions that become true asynchronously. */
final class Await {

    private Await() {}

    static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(25);
        }
    }
}
