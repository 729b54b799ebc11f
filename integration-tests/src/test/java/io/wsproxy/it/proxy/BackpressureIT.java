package io.wsproxy.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.JvmMemory;
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
 * DESIGN.md section 6: "when a WebSocket's write queue is full, the proxy stops reading that
 * session's backend socket; memory per session stays bounded whatever the result size". A client
 * that stops reading a result of about 230 MB of JSON (several times the bound, and most of the
 * proxy's 256 MiB heap) must not grow the proxy's memory, must not slow another session down,
 * and must still get every row once it reads again.
 */
class BackpressureIT {
    private static final int ROWS = 1_000_000;
    private static final int PAD = 200;
    /** H2's SYSTEM_RANGE streams its rows; each row is about 230 bytes of JSON. */
    private static final String BIG = "SELECT X AS n, CONCAT('row-', X) AS label, REPEAT('x', " + PAD + ") AS pad"
            + " FROM SYSTEM_RANGE(1, " + ROWS + ")";
    private static final long MAX_GROWTH = 64L * 1024 * 1024;
    private static final Duration QUICK = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aStalledReaderKeepsTheProxysMemoryBoundedAndOthersServedThenGetsEveryRow() throws Exception {
        try (EngineNode node = EngineNode.start(dir.resolve("node"), "pw");
                ProxyProcess proxy = ProxyProcess.start(dir.resolve("proxy"), node.socket(),
                        List.of("-Xmx256m", "-XX:NativeMemoryTracking=summary"));
                WsClient a = WsClient.connect(HttpClient.newHttpClient(), proxy.wsUri());
                WsClient b = WsClient.connect(HttpClient.newHttpClient(), proxy.wsUri())) {
            a.authenticate("root", "pw");
            b.authenticate("root", "pw");
            assertThat(b.query(0, "SELECT 1", QUICK)).hasSize(3);
            long heapBefore = JvmMemory.heapUsedAfterGc(proxy.pid());
            long offHeapBefore = JvmMemory.offHeapCommitted(proxy.pid());

            // When: A asks for the big result, reads its first messages, then stops reading
            a.sendQuery("big", BIG);
            JsonNode columns = a.next(Duration.ofSeconds(60));
            assertThat(columns.path("type").asText()).as("%s", columns).isEqualTo("columns");
            long rowsBeforeStall = 0;
            List<JsonNode> firstRows = List.of(a.next(Duration.ofSeconds(60)), a.next(Duration.ofSeconds(60)));
            a.pause();
            for (JsonNode rows : firstRows) {
                assertThat(rows.path("type").asText()).as("%s", rows.path("type")).isEqualTo("rows");
                rowsBeforeStall += rows.path("rows").size();
            }
            Duration settled = proxy.awaitIdle(Duration.ofSeconds(180));
            int queuedAtStall = a.queued();

            long heapMax = 0;
            long offHeapMax = 0;
            List<Long> heapSamples = new ArrayList<>();
            List<Long> bMillis = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                long started = System.nanoTime();
                List<JsonNode> reply = b.query(i, "SELECT 1", QUICK);
                bMillis.add((System.nanoTime() - started) / 1_000_000);
                assertThat(reply).extracting(m -> m.path("type").asText()).containsExactly("columns", "rows", "end");
                assertThat(reply.get(1).path("rows").toString()).isEqualTo("[[1]]");
                if (i % 2 == 0) {
                    long heap = JvmMemory.heapUsedAfterGc(proxy.pid());
                    heapSamples.add(heap);
                    heapMax = Math.max(heapMax, heap);
                    offHeapMax = Math.max(offHeapMax, JvmMemory.offHeapCommitted(proxy.pid()));
                }
            }
            int queuedWhileStalled = a.queued();

            // Then: A reads again and gets the whole result, in order
            long resumed = System.nanoTime();
            a.resume();
            Rest rest = readRest(a, rowsBeforeStall + 1);
            long drainMs = (System.nanoTime() - resumed) / 1_000_000;

            System.out.printf("BackpressureIT: proxy heap after GC %.1f MiB before, samples while stalled %s MiB"
                            + " (max %.1f, growth %.1f MiB); off-heap (NMT Other) %.1f -> max %.1f MiB;"
                            + " proxy idle %d ms after the stall; B's SELECT 1 in ms %s;"
                            + " A had %d rows before the stall, read the rest in %d ms%n",
                    mib(heapBefore), heapSamples.stream().map(h -> String.format("%.1f", mib(h))).toList(), mib(heapMax),
                    mib(heapMax - heapBefore), mib(offHeapBefore), mib(offHeapMax), settled.toMillis(), bMillis,
                    rowsBeforeStall, drainMs);

            assertThat(heapMax - heapBefore).as("heap growth while A is stalled (bytes)").isLessThanOrEqualTo(MAX_GROWTH);
            assertThat(offHeapMax - offHeapBefore).as("off-heap growth while A is stalled (bytes)")
                    .isLessThanOrEqualTo(MAX_GROWTH);
            assertThat(bMillis).allSatisfy(ms -> assertThat(ms).isLessThan(QUICK.toMillis()));
            assertThat(queuedWhileStalled).as("A's client really stopped reading").isEqualTo(queuedAtStall);
            assertThat(rest.end().path("id").asText()).isEqualTo("big");
            assertThat(rest.end().path("more").asBoolean()).isFalse();
            assertThat(rest.end().path("rowCount").asLong()).isEqualTo(ROWS);
            assertThat(rowsBeforeStall + rest.rows()).isEqualTo(ROWS);
        }
    }

    private record Rest(long rows, JsonNode end) {
    }

    /** Reads {@code rows} messages up to the {@code end}; every row must be the next one in order. */
    private static Rest readRest(WsClient a, long firstN) {
        long expected = firstN;
        String pad = "x".repeat(PAD);
        while (true) {
            JsonNode message = a.next(Duration.ofSeconds(60));
            if (!"rows".equals(message.path("type").asText())) {
                assertThat(message.path("type").asText()).as("%s", message).isEqualTo("end");
                return new Rest(expected - firstN, message);
            }
            for (JsonNode row : message.path("rows")) {
                if (row.get(0).asLong() != expected || !row.get(1).asText().equals("row-" + expected)
                        || !row.get(2).asText().equals(pad)) {
                    throw new AssertionError("row " + expected + " expected, got " + row);
                }
                expected++;
            }
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
