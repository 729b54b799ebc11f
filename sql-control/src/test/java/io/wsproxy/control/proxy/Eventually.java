package io.wsproxy.control.proxy;

import java.util.function.BooleanSupplier;

/** Waits on a condition, never for a fixed time; fails after 10 s. */
final class Eventually {
    private Eventually() {
    }

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }
}
