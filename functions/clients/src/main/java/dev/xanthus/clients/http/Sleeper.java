package dev.xanthus.clients.http;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the delay instead of sleeping through it. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = delay -> Thread.sleep(delay.toMillis());

    void sleep(Duration delay) throws InterruptedException;
}
