package io.wsproxy.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.RawWs;
import io.wsproxy.it.support.WsClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md section 1, the proxy's memory bounds seen from a client: waiting queries past the
 * session's byte budget get 9111 and the session goes on; before {@code auth} a frame over 16 KiB
 * is refused at its header (1009) without waiting for its payload; a text message that is not
 * UTF-8 closes the session with 1007.
 */
class MemoryBoundsIT {
    private static final Duration QUICK = Duration.ofSeconds(10);
    /** About 23 MB of rows: far more than the socket buffers hold, so the query runs until the client reads. */
    private static final String BIG = "SELECT X AS n, REPEAT('x', 200) AS pad FROM SYSTEM_RANGE(1, 100000)";

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithProxy() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), "mem-root-pw");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static RawWs rawSession() throws Exception {
        RawWs ws = RawWs.open(node.wsUri());
        ws.send(Msg.auth("root", node.rootPassword()));
        assertThat(ws.nextJson(QUICK).path("type").asText()).isEqualTo("ready");
        return ws;
    }

    /** A query of about {@code bytes} bytes that answers with one short row. */
    private static String paddedQuery(long id, int bytes) {
        return Msg.query(id, "SELECT " + id + " AS n /* " + "p".repeat(bytes) + " */");
    }

    @Test
    void queriesPastTheSessionsBudgetGet9111AndEveryOtherQueryIsAnswered() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            client.send(Msg.auth("root", node.rootPassword()));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
            // Given: a large result the client does not read yet, so its query keeps running
            client.send(Msg.query(0, BIG));
            client.pause();

            // When: six queries of 900,000 bytes wait behind it; the budget is 4 MiB (4,194,304 bytes)
            for (int id = 1; id <= 6; id++) {
                client.send(paddedQuery(id, 900_000));
            }
            client.resume();

            // Then: four wait and run, the fifth and sixth get 9111 at once, and the big result ends whole
            List<JsonNode> finals = new ArrayList<>();
            long bigRows = 0;
            while (finals.size() < 7) {
                JsonNode m = client.next();
                String type = m.path("type").asText();
                if (type.equals("rows") && m.path("id").asLong() == 0) {
                    bigRows += m.path("rows").size();
                }
                if (type.equals("error") || (type.equals("end") || type.equals("ok")) && !m.path("more").asBoolean()) {
                    finals.add(m);
                }
            }
            assertThat(bigRows).isEqualTo(100_000);
            List<JsonNode> busy = finals.stream().filter(m -> m.path("type").asText().equals("error")).toList();
            assertThat(busy).extracting(m -> m.path("id").asLong()).containsExactly(5L, 6L);
            for (JsonNode error : busy) {
                assertThat(error.path("code").asInt()).isEqualTo(9111);
                assertThat(error.path("sqlState").asText()).isEqualTo("08004");
                assertThat(error.path("message").asText()).contains("budget of 4194304 bytes");
            }
            assertThat(finals.stream().filter(m -> m.path("type").asText().equals("end")))
                    .extracting(m -> m.path("id").asLong()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
            // and the session goes on
            client.send(Msg.query(7, "SELECT 7"));
            assertThat(client.next().path("type").asText()).isEqualTo("columns");
        }
    }

    @Test
    void aFrameOver16KiBBeforeAuthIsRefusedAtItsHeaderWith1009() throws Exception {
        try (RawWs ws = RawWs.open(node.wsUri())) {
            // When: only the header and 100 bytes of a 1 MiB text frame; the rest never comes
            byte[] frame = RawWs.frame(RawWs.TEXT, true, new byte[1 << 20]);
            ws.write(Arrays.copyOf(frame, 114));

            // Then: refused now, not after waiting for a payload the proxy would have had to keep
            assertThat(ws.awaitClose(QUICK)).isEqualTo(1009);
        }
    }

    @Test
    void aFragmentedMessageOver16KiBBeforeAuthIsRefusedWith1009() throws Exception {
        try (RawWs ws = RawWs.open(node.wsUri())) {
            // When: 4 KiB fragments, none of them large, that never end
            ws.write(RawWs.frame(RawWs.TEXT, false, new byte[4096]));
            for (int i = 0; i < 4; i++) {
                ws.writeQuietly(RawWs.frame(RawWs.CONTINUATION, false, new byte[4096]));
            }

            // Then
            assertThat(ws.awaitClose(QUICK)).isEqualTo(1009);
        }
    }

    @Test
    void aLargeQueryRightBehindAuthInTheSameWriteIsAnswered() throws Exception {
        try (RawWs ws = RawWs.open(node.wsUri())) {
            // When: auth and a 200 KB query leave in one write, as a pipelining client sends them
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(RawWs.text(Msg.auth("root", node.rootPassword())));
            both.writeBytes(RawWs.text(paddedQuery(1, 200_000)));
            ws.write(both.toByteArray());

            // Then
            assertThat(ws.nextJson(QUICK).path("type").asText()).isEqualTo("ready");
            assertThat(ws.nextJson(QUICK).path("type").asText()).isEqualTo("columns");
        }
    }

    @Test
    void textThatIsNotUtf8ClosesTheSessionWith1007() throws Exception {
        try (RawWs ws = rawSession()) {
            // When: valid JSON, then one byte that no UTF-8 text contains
            byte[] bad = "{\"type\":\"ping\"}\u0000".getBytes(StandardCharsets.UTF_8);
            bad[bad.length - 1] = (byte) 0xff;
            ws.write(RawWs.frame(RawWs.TEXT, true, bad));

            // Then
            assertThat(ws.awaitClose(QUICK)).isEqualTo(1007);
        }
    }

    @Test
    void anOverlongUtf8EncodingBeforeAuthClosesWith1007() throws Exception {
        try (RawWs ws = RawWs.open(node.wsUri())) {
            // When: "/" encoded in two bytes (0xC0 0xAF), which RFC 3629 forbids
            ws.write(RawWs.frame(RawWs.TEXT, true, new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"'}));

            // Then
            assertThat(ws.awaitClose(QUICK)).isEqualTo(1007);
        }
    }
}
