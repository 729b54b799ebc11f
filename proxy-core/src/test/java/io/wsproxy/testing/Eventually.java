package io.wsproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that other threads make true, instead of a fixed sleep. */
public final class Eventually {
    private static final Duration DEFAULT = Duration.ofSeconds(10);

    private Eventually() {
    }

    /** Up to 10 s. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, DEFAULT, condition);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("%s within %s", what, timeout).isTrue();
    }
}
