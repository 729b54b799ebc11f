package io.wsproxy.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.RawUpgrade;
import io.wsproxy.it.support.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /ws} upgrade (PROTOCOL.md section 1, DESIGN.md section 6): the subprotocol, and the
 * Origin check against cross-site WebSocket hijacking: the proxy's own origin and
 * {@code proxy_allowed_origins} pass, any other Origin gets 403; no Origin (not a browser) passes.
 */
class UpgradeIT {
    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithAllowedOrigins() throws Exception {
        node = ProxyCnf.http().with("proxy_allowed_origins", "https://app.example.com,http://other.test")
                .start(dir.resolve("node"), "upgrade-root-pw");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static int port() {
        return node.wsUri().getPort();
    }

    @Test
    void healthzAnswers200() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(node.proxyUrl().resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void offeredSubprotocolIsSelected() throws Exception {
        try (WsClient client = WsClient.to(node.wsUri()).withSubprotocol(WsClient.SUBPROTOCOL).connect()) {
            assertThat(client.subprotocol()).isEqualTo("wsproxy.v1");
            client.send(Msg.auth("root", node.rootPassword()));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
        }
    }

    @Test
    void withoutAnOfferNoSubprotocolIsSelected() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            assertThat(client.subprotocol()).isEmpty();
        }
    }

    @Test
    void upgradeWithoutOriginIsAccepted() throws Exception {
        assertThat(WsClient.to(node.wsUri()).upgradeStatus()).isEqualTo(101);
        assertThat(RawUpgrade.statusLine(node.wsUri(), null)).startsWith("HTTP/1.1 101");
    }

    static Stream<String> acceptedOrigins() {
        return Stream.of("http://127.0.0.1:" + port(), "http://localhost:" + port(), "https://app.example.com",
                "http://other.test");
    }

    @ParameterizedTest
    @MethodSource("acceptedOrigins")
    void ownAndAllowedOriginsAreAccepted(String origin) throws Exception {
        try (WsClient client = WsClient.to(node.wsUri()).withOrigin(origin).connect()) {
            client.send(Msg.auth("root", node.rootPassword()));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
        }
        assertThat(RawUpgrade.statusLine(node.wsUri(), origin)).startsWith("HTTP/1.1 101");
    }

    static Stream<String> foreignOrigins() {
        return Stream.of("https://evil.example", "http://127.0.0.1:" + (port() == 65535 ? 1 : port() + 1),
                "https://127.0.0.1:" + port(), "http://app.example.com", "https://app.example.com:8443",
                "https://app.example.com.evil.test", "https://evil.test/https://app.example.com",
                "http://other.test.evil", "null");
    }

    @ParameterizedTest
    @MethodSource("foreignOrigins")
    void foreignOriginIsRefusedWith403(String origin) throws Exception {
        // When a browser on another site tries to open the socket
        int status = WsClient.to(node.wsUri()).withOrigin(origin).upgradeStatus();
        // Then
        assertThat(status).isEqualTo(403);
        assertThat(RawUpgrade.statusLine(node.wsUri(), origin)).startsWith("HTTP/1.1 403");
    }

    @Test
    void pageOnLocalhostReachingLocalhostIsAccepted() throws Exception {
        String authority = "localhost:" + port();
        assertThat(RawUpgrade.statusLine(node.wsUri(), authority, "http://" + authority)).startsWith("HTTP/1.1 101");
    }

    /**
     * A page on evil.example whose name was rebound to 127.0.0.1 sends its own name as Host and
     * as Origin: matching Origin against Host would let it in, so the proxy's own origin must be
     * its own address, not whatever Host says.
     */
    @Test
    void originEchoingAForeignHostHeaderIsRefusedWith403() throws Exception {
        String authority = "evil.example:" + port();
        assertThat(RawUpgrade.statusLine(node.wsUri(), authority, "http://" + authority)).startsWith("HTTP/1.1 403");
    }

    @Test
    void unknownPathIsNotAWebSocketEndpoint() throws Exception {
        URI other = URI.create("ws://" + node.wsUri().getAuthority() + "/not-ws");
        assertThat(WsClient.to(other).upgradeStatus()).isEqualTo(404);
    }
}
