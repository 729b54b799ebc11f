package io.wsproxy.it.support;

import java.util.concurrent.TimeUnit;

/** Stopping the child processes the tests start. */
public final class Processes {
    private Processes() {
    }

    /** SIGTERM (a clean shutdown: nodes and proxies close their sessions with 1001), then SIGKILL after 20 s. */
    public static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
