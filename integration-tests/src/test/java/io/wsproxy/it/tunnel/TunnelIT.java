package io.wsproxy.it.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Eventually;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.RawUpgrade;
import io.wsproxy.it.support.RawWs;
import io.wsproxy.it.support.TunnelListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md section 3 at the frame level: the engine's own bytes in binary frames, a text frame
 * closes the tunnel with 1003, the Origin rules of {@code /ws}, and a tunnel is a session of the
 * proxy (counted, closed when the engine hangs up).
 */
class TunnelIT {
    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithProxy() throws Exception {
        node = ProxyCnf.http().with("proxy_allowed_origins", "https://app.example").start(dir.resolve("node"), "t-pw");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static URI tunnel() {
        return URI.create("ws://" + node.proxyUrl().getAuthority() + "/mysql");
    }

    private static WebSocket open(TunnelListener raw) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(tunnel(), raw).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theEnginesGreetingArrivesAsItSentItInABinaryFrame() throws Exception {
        TunnelListener raw = new TunnelListener();
        WebSocket ws = open(raw);

        ByteBuffer greeting = raw.next();

        int length = (greeting.get(0) & 0xff) | (greeting.get(1) & 0xff) << 8 | (greeting.get(2) & 0xff) << 16;
        assertThat(greeting.get(3)).as("sequence id").isZero();
        assertThat(greeting.get(4)).as("protocol version 10 (HandshakeV10)").isEqualTo((byte) 10);
        assertThat(greeting.remaining()).as("one whole packet").isEqualTo(4 + length);
        ws.abort();
    }

    @Test
    void aTextFrameClosesTheTunnelWith1003() throws Exception {
        TunnelListener raw = new TunnelListener();
        WebSocket ws = open(raw);
        raw.next();

        ws.sendText("SELECT 1", true).get(10, TimeUnit.SECONDS);

        assertThat(raw.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1003);
    }

    @Test
    void aFirstFrameOverSixteenKibibytesClosesTheTunnelWith1009BeforeItReachesTheEngine() throws Exception {
        TunnelListener raw = new TunnelListener();
        WebSocket ws = open(raw);
        raw.next();

        // The client's first packet is its login: no login is that large; the proxy refuses it at its header.
        ws.sendBinary(ByteBuffer.wrap(new byte[16 * 1024 + 1]), true).get(10, TimeUnit.SECONDS);

        assertThat(raw.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    @Test
    void anUnmaskedClientFrameClosesTheTunnelWith1002() throws Exception {
        try (RawWs raw = RawWs.open(tunnel())) {
            raw.next(Duration.ofSeconds(10)); // the greeting

            raw.write(RawWs.frame(RawWs.FIN | RawWs.BINARY, new byte[] {1, 0, 0, 0, 1}, false));

            assertThat(raw.awaitClose(Duration.ofSeconds(30))).isEqualTo(1002);
        }
    }

    @Test
    void comQuitEndsTheEngineConnectionAndTheTunnelClosesNormally() throws Exception {
        TunnelListener raw = new TunnelListener();
        WebSocket ws = open(raw);
        raw.next();

        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 1}), true).get(10, TimeUnit.SECONDS); // COM_QUIT

        assertThat(raw.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void aTunnelIsASessionOfTheProxy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        TunnelListener raw = new TunnelListener();
        WebSocket ws = open(raw);
        raw.next();

        Eventually.await(Duration.ofSeconds(10), "the tunnel counted in /healthz", () -> sessions(http) == 1);
        ws.abort();
        Eventually.await(Duration.ofSeconds(10), "the tunnel gone from /healthz", () -> sessions(http) == 0);
    }

    private static int sessions(HttpClient http) {
        try {
            String body = http.send(java.net.http.HttpRequest.newBuilder(node.proxyUrl().resolve("/healthz")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("sessions").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void originsFollowTheRulesOfWs() throws Exception {
        assertThat(RawUpgrade.statusLine(tunnel(), "https://evil.example")).contains(" 403 ");
        assertThat(RawUpgrade.statusLine(tunnel(), "https://app.example")).contains(" 101 ");
        assertThat(RawUpgrade.statusLine(tunnel(), null)).as("no Origin: not a browser").contains(" 101 ");
        assertThat(RawUpgrade.statusLine(URI.create("ws://" + node.proxyUrl().getAuthority() + "/other"), null))
                .contains(" 404 ");
    }
}
