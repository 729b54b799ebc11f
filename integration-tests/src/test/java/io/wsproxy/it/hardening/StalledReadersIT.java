package io.wsproxy.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.JvmMemory;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.WsClient;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 sessions each ask for a large result (about 10 MB of JSON) and stop reading halfway through
 * it, against the standalone proxy (-Xmx256m) in front of an engine-sim node. The proxy's heap
 * stays bounded (each stalled session holds a rows message and the engine bytes read ahead of it,
 * not its result; its write queue's high-water mark is off-heap), a fresh session is served at
 * once, and each stalled session, when its client closes it, ends on the proxy too: the proxy's
 * session count is back to zero.
 */
class StalledReadersIT {
    private static final int STALLED = 50;
    private static final int ROWS = 50_000;
    private static final String BIG = "SELECT X AS n, REPEAT('x', 200) AS pad FROM SYSTEM_RANGE(1, " + ROWS + ")";
    /**
     * Per stalled session: the rows message being built and the engine packets read ahead of it,
     * two buffers that fill to 64 KiB and so double to 128 KiB each, and the session's own state.
     */
    private static final long PER_SESSION = 384 * 1024;

    @TempDir
    Path dir;

    @Test
    void fiftySessionsThatStopReadingHalfwayHoldBoundedMemoryAndEndCleanlyWhenClosed() throws Exception {
        try (EngineNode node = EngineNode.start(dir.resolve("node"), "pw");
                ProxyProcess proxy = ProxyProcess.start(dir.resolve("proxy"), node.socket(), List.of("-Xmx256m"))) {
            HttpClient http = HttpClient.newHttpClient();
            long baseline = JvmMemory.heapUsedAfterGc(proxy.pid());

            // Given: 50 sessions, each half way through its result, then not reading
            List<WsClient> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED; i++) {
                WsClient client = WsClient.connect(proxy.wsUri());
                client.send(Msg.auth("root", "pw"));
                assertThat(client.next().path("type").asText()).isEqualTo("ready");
                client.send(Msg.query(i, BIG));
                long rows = 0;
                while (rows < ROWS / 2) {
                    JsonNode m = client.next();
                    rows += m.path("rows").size();
                }
                client.pause();
                stalled.add(client);
            }

            // When: every result has stopped moving
            long heap = JvmMemory.heapUsedAfterGc(proxy.pid());
            long t0 = System.nanoTime();
            try (WsClient fresh = WsClient.connect(proxy.wsUri())) {
                fresh.send(Msg.auth("root", "pw"));
                assertThat(fresh.next().path("type").asText()).isEqualTo("ready");
                fresh.send(Msg.query("fresh", "SELECT 42 AS answer"));
                assertThat(fresh.next().path("type").asText()).isEqualTo("columns");
                assertThat(fresh.next().path("rows").get(0).get(0).asInt()).isEqualTo(42);
            }
            long freshMs = (System.nanoTime() - t0) / 1_000_000;
            int openBefore = proxy.healthz(http).path("sessions").asInt();

            // Then: each stalled session's close ends it on the proxy too
            // (each close waits briefly for the server's close frame, queued behind unread rows: all at once)
            java.util.concurrent.ExecutorService closers = java.util.concurrent.Executors.newFixedThreadPool(STALLED);
            stalled.forEach(c -> closers.submit(c::close));
            closers.shutdown();
            proxy.awaitNoSessions(http, Duration.ofSeconds(30));
            long after = JvmMemory.heapUsedAfterGc(proxy.pid());
            System.out.printf("stalled: %d sessions stopped reading halfway through %,d-row results: proxy heap after GC"
                    + " %,d KiB before, %,d KiB stalled (bound %,d KiB), %,d KiB after they closed; a fresh session"
                    + " answered in %d ms; %d open sessions went to 0%n", STALLED, ROWS, baseline >> 10, heap >> 10,
                    (baseline + STALLED * PER_SESSION) >> 10, after >> 10, freshMs, openBefore);
            assertThat(openBefore).isEqualTo(STALLED);
            assertThat(heap).isLessThan(baseline + STALLED * PER_SESSION);
            assertThat(freshMs).isLessThan(5_000);
            assertThat(proxy.isAlive()).isTrue();
        }
    }
}
