package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.WsClient.Failure;
import io.wsproxy.it.support.EngineNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * I1, same port and protocol: RESTART PROXY swaps the instance behind the bound port. Under load
 * (open sessions querying, new connections arriving) no query fails, no connection is refused and
 * no session is closed.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SamePortRestartIT {
    static final int SESSIONS = 16;
    static final int RESTARTS = 20;
    static final int CONNECTORS = 3;
    static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final Queue<String> failedQueries = new ConcurrentLinkedQueue<>();
    private final Queue<String> failedConnections = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpectedCloses = new ConcurrentLinkedQueue<>();
    private final AtomicLongArray sessionQueries = new AtomicLongArray(SESSIONS);
    private final AtomicLong freshConnections = new AtomicLong();
    private volatile boolean stop;

    @Test
    void twentyRestartsOnTheSamePortLoseNoQueryConnectionOrSession() throws Exception {
        try (EngineNode node = Nodes.start(dir.resolve("node")); Connection root = ProxySql.root(node)) {
            int port = Ports.free();
            ProxySql.startHttp(root, port);
            long generation = ProxySql.status(root).generation();

            HttpClient sessionsClient = Nodes.client();
            List<WsClient> sessions = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                WsClient ws = WsClient.session(sessionsClient, Ports.ws(port), "root", Nodes.ROOT_PW);
                sessions.add(ws);
                threads.add(start("session-" + i, queryLoop(ws, i)));
            }
            HttpClient connectorsClient = Nodes.client();
            for (int i = 0; i < CONNECTORS; i++) {
                threads.add(start("connector-" + i, connectLoop(connectorsClient, port)));
            }
            int restarts = 0;
            try {
                for (int r = 1; r <= RESTARTS && awaitProgress("before restart " + r); r++) {
                    ProxySql.restart(root);
                    restarts++;
                    ProxySql.Status status = ProxySql.status(root);
                    assertThat(status.state()).as("state after restart %d", r).isEqualTo("RUNNING");
                    assertThat(status.protocol()).isEqualTo("HTTP");
                    assertThat(status.port()).isEqualTo(port);
                    assertThat(status.generation()).as("generation after restart %d", r).isGreaterThan(generation);
                    generation = status.generation();
                }
                if (restarts == RESTARTS) {
                    awaitProgress("after the last restart");
                }
            } finally {
                stop = true;
                for (Thread t : threads) {
                    t.join(TimeUnit.SECONDS.toMillis(30));
                }
            }
            for (int i = 0; i < SESSIONS; i++) {
                WsClient ws = sessions.get(i);
                if (ws.closedNow() != null) {
                    unexpectedCloses.add("session " + i + " ended with " + ws.closedNow());
                }
                ws.close();
            }
            long queries = 0;
            for (int i = 0; i < SESSIONS; i++) {
                queries += sessionQueries.get(i);
            }
            System.out.printf("same-port restart: %d restarts, %d queries over %d sessions, %d new connections "
                    + "(each authenticated and queried), %d failed queries, %d failed connections, "
                    + "%d unexpected closes%n", restarts, queries, SESSIONS, freshConnections.get(),
                    failedQueries.size(), failedConnections.size(), unexpectedCloses.size());
            assertThat(failedQueries).as("failed queries").isEmpty();
            assertThat(failedConnections).as("refused or failed new connections").isEmpty();
            assertThat(unexpectedCloses).as("sessions closed by the server").isEmpty();
            assertThat(restarts).isEqualTo(RESTARTS);
        }
    }

    private static Thread start(String name, Runnable loop) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** One open session: SELECT 1 until told to stop; the first failure ends it. */
    private Runnable queryLoop(WsClient ws, int index) {
        return () -> {
            long id = 0;
            while (!stop) {
                try {
                    ws.selectOne(++id);
                    sessionQueries.incrementAndGet(index);
                } catch (Failure e) {
                    (e.closed() != null ? unexpectedCloses : failedQueries).add("session " + index + " query " + id
                            + ": " + e.getMessage());
                    return;
                }
            }
        };
    }

    /** New connections, one after another: open, authenticate, SELECT 1, close. */
    private Runnable connectLoop(HttpClient client, int port) {
        return () -> {
            while (!stop) {
                WsClient ws;
                try {
                    ws = WsClient.session(client, Ports.ws(port), "root", Nodes.ROOT_PW);
                } catch (Failure e) {
                    failedConnections.add("connection " + (freshConnections.get() + 1) + ": " + e.getMessage());
                    continue;
                }
                try {
                    ws.selectOne(1);
                    freshConnections.incrementAndGet();
                } catch (Failure e) {
                    (e.closed() != null ? unexpectedCloses : failedQueries).add("new connection's query: "
                            + e.getMessage());
                } finally {
                    ws.close();
                }
            }
        };
    }

    /**
     * Waits until every session has answered a query and each connector has made a new connection
     * since the call; false as soon as the load has seen a failure.
     */
    private boolean awaitProgress(String when) throws InterruptedException {
        long[] sessionsBefore = new long[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            sessionsBefore[i] = sessionQueries.get(i);
        }
        long connectionsBefore = freshConnections.get();
        BooleanSupplier progressed = () -> {
            for (int i = 0; i < SESSIONS; i++) {
                if (sessionQueries.get(i) <= sessionsBefore[i]) {
                    return false;
                }
            }
            return freshConnections.get() >= connectionsBefore + CONNECTORS;
        };
        long deadline = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
        while (!progressed.getAsBoolean()) {
            if (!failedQueries.isEmpty() || !failedConnections.isEmpty() || !unexpectedCloses.isEmpty()) {
                return false;
            }
            assertThat(System.nanoTime()).as("no progress of the load %s", when).isLessThan(deadline);
            Thread.sleep(5);
        }
        return true;
    }
}
