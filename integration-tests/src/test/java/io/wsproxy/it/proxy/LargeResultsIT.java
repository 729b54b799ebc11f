package io.wsproxy.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.JvmMemory;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.WsClient;
import io.wsproxy.it.support.WebSocketSocketFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1,000,000-row result (about 230 MB) through the Data API's {@code query/tuples} and through
 * the {@code /mysql} tunnel, to a client that stops reading part way: the proxy's heap and
 * off-heap memory grow by less than 64 MiB (it stops reading the engine instead of buffering), another session's
 * {@code SELECT 1} still answers at once, and the client gets every row once it reads on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeResultsIT {
    private static final long ROWS = 1_000_000;
    private static final String BIG = "SELECT X AS n, REPEAT('x', 200) AS pad FROM SYSTEM_RANGE(1, " + ROWS + ")";
    private static final long MAX_GROWTH = 64L * 1024 * 1024;
    private static final Duration QUICK = Duration.ofSeconds(5);

    EngineNode node;
    ProxyProcess proxy;
    WsClient other;

    @BeforeAll
    void startNodeAndProxy(@TempDir Path dir) throws Exception {
        node = EngineNode.start(dir.resolve("node"), "pw");
        proxy = ProxyProcess.start(dir.resolve("proxy"), node.socket(), List.of("-Xmx256m", "-XX:NativeMemoryTracking=summary"),
                "--http-api");
        other = WsClient.connect(HttpClient.newHttpClient(), proxy.wsUri());
        other.authenticate("root", "pw");
    }

    @AfterAll
    void stop() {
        other.close();
        proxy.close();
        node.close();
    }

    /** The proxy's heap (after a GC) and off-heap (Netty's direct buffers, NMT "Other") memory, in bytes. */
    private record Memory(long heap, long offHeap) {
        static Memory of(ProxyProcess proxy) throws Exception {
            return new Memory(JvmMemory.heapUsedAfterGc(proxy.pid()), JvmMemory.offHeapCommitted(proxy.pid()));
        }
    }

    /**
     * While the reader is stalled: the proxy's largest growth of heap or off-heap memory over
     * {@code before}; another session must answer meanwhile.
     */
    private long stalledGrowth(Memory before, String what) throws Exception {
        Duration settled = proxy.awaitIdle(Duration.ofSeconds(180));
        long max = 0;
        long maxOffHeap = 0;
        List<Long> selectMillis = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            long started = System.nanoTime();
            List<com.fasterxml.jackson.databind.JsonNode> reply = other.query(i, "SELECT 1", QUICK);
            selectMillis.add((System.nanoTime() - started) / 1_000_000);
            assertThat(reply.get(1).path("rows").toString()).isEqualTo("[[1]]");
            if (i % 2 == 0) {
                Memory now = Memory.of(proxy);
                max = Math.max(max, now.heap());
                maxOffHeap = Math.max(maxOffHeap, now.offHeap());
            }
        }
        System.out.printf("LargeResultsIT %s: proxy idle %d ms after the stall; heap after GC %.1f -> max %.1f MiB;"
                + " off-heap %.1f -> max %.1f MiB; another session's SELECT 1 in ms %s%n", what, settled.toMillis(),
                mib(before.heap()), mib(max), mib(before.offHeap()), mib(maxOffHeap), selectMillis);
        assertThat(selectMillis).allSatisfy(ms -> assertThat(ms).isLessThan(QUICK.toMillis()));
        return Math.max(max - before.heap(), maxOffHeap - before.offHeap());
    }

    @Test
    void aMillionRowQueryTuplesStreamsWithBoundedProxyMemory() throws Exception {
        Memory before = Memory.of(proxy);
        HttpRequest request = HttpRequest.newBuilder(proxy.url().resolve("/api/v2/query/tuples"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("root:pw".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"" + BIG + "\"}")).build();

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body(); JsonParser json = new JsonFactory().createParser(body)) {
            // Reads into the first rows, then stops reading.
            long seen = rowsUntil(json, 1000, 0);
            long growth = stalledGrowth(before, "query/tuples");
            long total = rowsUntil(json, Long.MAX_VALUE, seen);

            assertThat(growth).as("proxy memory growth while the reader is stalled").isLessThan(MAX_GROWTH);
            assertThat(total).isEqualTo(ROWS);
        }
    }

    /** Reads rows of {@code results[0].rows} (checking each one's n is the next) until {@code stop} or the end. */
    private static long rowsUntil(JsonParser json, long stop, long seen) throws Exception {
        long n = seen;
        while (n < stop) {
            JsonToken t = json.nextToken();
            if (t == null) {
                return n;
            }
            if (t == JsonToken.FIELD_NAME && json.currentName().equals("error")) {
                throw new AssertionError("the body ended with an error: " + json.readValueAsTree());
            }
            // A row: an array inside the array of the field "rows".
            if (t == JsonToken.START_ARRAY && json.getParsingContext().getParent().inArray()
                    && "rows".equals(json.getParsingContext().getParent().getParent().getCurrentName())) {
                json.nextToken();
                assertThat(json.getLongValue()).as("row %d", n + 1).isEqualTo(n + 1);
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    json.skipChildren();
                }
                n++;
            }
        }
        return n;
    }

    @Test
    void aMillionRowTunnelReadStreamsWithBoundedProxyMemory() throws Exception {
        Memory before = Memory.of(proxy);
        String url = WebSocketSocketFactory.jdbcUrl(URI.create("ws://" + proxy.url().getAuthority() + "/mysql"));
        try (Connection c = DriverManager.getConnection(url, "root", "pw"); Statement s = c.createStatement()) {
            s.setFetchSize(1000); // MariaDB Connector/J streams the result instead of reading it whole
            try (ResultSet rs = s.executeQuery(BIG)) {
                long n = 0;
                while (n < 1000 && rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(++n);
                }
                long growth = stalledGrowth(before, "tunnel");
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(++n);
                }

                assertThat(growth).as("proxy memory growth while the reader is stalled").isLessThan(MAX_GROWTH);
                assertThat(n).isEqualTo(ROWS);
            }
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
