package io.wsproxy.it.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launcher I/O never holds up the control plane (DESIGN.md section 4): while one session's RESTART
 * PROXY waits on a launch that takes 5 s to bind (the launcher's test hook), another session's
 * SHOW PROXY STATUS and SET GLOBAL answer at once, and the RESTART runs with the variables it read.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowLaunchIT {
    static final long BIND_DELAY_MS = 5000;
    /** What "at once" means here: the bound, far below the 5 s launch. */
    static final long ANSWER_MS = 100;

    @TempDir
    static Path dir;
    static EngineNode node;
    static Connection restarting;
    static Connection other;

    @BeforeAll
    static void startNodeWithASlowLauncher() throws Exception {
        Files.createDirectories(dir.resolve("node"));
        Files.writeString(dir.resolve("node").resolve("memsql.cnf"),
                "[server]\nport = 0\nbind_address = 127.0.0.1\n");
        node = EngineNode.start(dir.resolve("node"), Nodes.ROOT_PW,
                List.of("-Dwsproxy.test.bind-delay-ms=" + BIND_DELAY_MS));
        restarting = ProxySql.root(node);
        other = ProxySql.root(node);
    }

    @AfterAll
    static void stopNode() throws Exception {
        Nodes.closeAll(restarting, other, node);
    }

    @Test
    void statusAndSetGlobalAnswerWhileARestartWaitsOnASlowLaunch() throws Exception {
        int[] ports = Ports.free(2);
        ProxySql.setPorts(restarting, ports[0], 0);
        long started = System.nanoTime();
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
            try {
                ProxySql.restart(restarting);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitLaunchInFlight();

        List<Long> statusMs = new ArrayList<>();
        List<Long> setMs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            ProxySql.Status status = ProxySql.status(other);
            statusMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
            assertThat(status.state()).as("the state while the launch is in flight").isEqualTo("STOPPED");
            t = System.nanoTime();
            ProxySql.setGlobal(other, "http_proxy_port", ports[1]);
            setMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
        }
        assertThat(restart).as("the RESTART is still waiting on its launch").isNotDone();
        System.out.printf("slow launch: SHOW PROXY STATUS %s ms, SET GLOBAL %s ms%n", statusMs, setMs);
        assertThat(median(statusMs)).as("SHOW PROXY STATUS, ms").isLessThan(ANSWER_MS);
        assertThat(median(setMs)).as("SET GLOBAL, ms").isLessThan(ANSWER_MS);

        restart.get(60, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(BIND_DELAY_MS);
        ProxySql.Status status = ProxySql.status(other);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.port()).as("RESTART PROXY ran with the port it read, not a later SET").isEqualTo(ports[0]);
        assertThat(Ports.listening(ports[0])).isTrue();
    }

    /** The node logs the test hook when the launch has begun to wait. */
    private static void awaitLaunchInFlight() throws Exception {
        Path log = node.baseDir().resolve("tracelogs/websocket_proxy.log");
        Eventually.await(Duration.ofSeconds(10), "the launch to begin",
                () -> {
                    try {
                        return Files.exists(log)
                                && Files.readString(log).contains("waiting " + BIND_DELAY_MS + " ms");
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
