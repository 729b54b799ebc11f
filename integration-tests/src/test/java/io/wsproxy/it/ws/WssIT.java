package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertError;
import static io.wsproxy.it.ws.Sessions.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.TestCerts;
import io.wsproxy.it.support.Tls;
import io.wsproxy.it.support.WsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} (DESIGN.md section 6): TLS from the node's ssl_cert/ssl_key, and the engine told
 * whether the client side was TLS, so a REQUIRE SSL account is refused over {@code ws://} (1045,
 * then close 1008) and accepted over {@code wss://}. Two nodes with the same certificates: one
 * with an HTTPS proxy, one with an HTTP proxy.
 */
class WssIT {
    private static final String PW = "wss-root-pw";
    private static final String SSL_USER = "sec";
    private static final String SSL_USER_PW = "sec-pw";

    @TempDir
    static Path dir;
    static EngineNode https;
    static EngineNode http;
    static SSLContext trustingTestCa;

    @BeforeAll
    static void startNodes() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        trustingTestCa = Tls.trusting(certs.caCert());
        https = ProxyCnf.https(certs).start(dir.resolve("https-node"), PW);
        http = ProxyCnf.http().withSsl(certs).start(dir.resolve("http-node"), PW);
        for (EngineNode node : new EngineNode[] {https, http}) {
            try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", PW)) {
                c.createStatement().execute(
                        "CREATE USER '" + SSL_USER + "'@'%' IDENTIFIED BY '" + SSL_USER_PW + "' REQUIRE SSL");
            }
        }
    }

    @AfterAll
    static void stopNodes() {
        for (EngineNode node : new EngineNode[] {https, http}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private static WsClient wss() throws IOException {
        return WsClient.to(https.wsUri()).trusting(trustingTestCa).connect();
    }

    @Test
    void httpsProxyAdvertisesWssInItsReadyLine() {
        assertThat(https.proxyUrl().getScheme()).isEqualTo("https");
        assertThat(https.wsUri().getScheme()).isEqualTo("wss");
    }

    @Test
    void queryOverWssWorks() throws Exception {
        try (WsClient client = WsClient.to(https.wsUri()).trusting(trustingTestCa)
                .withSubprotocol(WsClient.SUBPROTOCOL).connect()) {
            // When
            client.send(Msg.auth("root", PW));
            // Then
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
            assertThat(client.subprotocol()).isEqualTo("wsproxy.v1");
            assertThat(query(client, 1, "SELECT 'over tls'").onlyRow().get(0).asText()).isEqualTo("over tls");
        }
    }

    @Test
    void healthzOverHttpsAnswers200() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingTestCa).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(https.proxyUrl().resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void clientThatDoesNotTrustTheCertificateFailsTheTlsHandshake() {
        assertThatThrownBy(() -> WsClient.connect(https.wsUri()).close())
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(WsClient.UpgradeRefusedException.class)
                .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    @Test
    void plainWsToTheHttpsPortIsNotUpgraded() {
        URI plain = URI.create("ws://" + https.wsUri().getAuthority() + "/ws");
        assertThatThrownBy(() -> WsClient.connect(plain).close()).isInstanceOf(IOException.class);
    }

    @Test
    void requireSslUserIsAcceptedOverWss() throws Exception {
        try (WsClient client = wss()) {
            // When
            client.send(Msg.auth(SSL_USER, SSL_USER_PW));
            // Then
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
            assertThat(query(client, 1, "SELECT CURRENT_USER()").onlyRow().get(0).asText()).isEqualTo("sec@%");
        }
    }

    @Test
    void requireSslUserIsRefusedOverWsWith1045ThenClose1008() throws Exception {
        try (WsClient client = WsClient.connect(http.wsUri())) {
            // When
            client.send(Msg.auth(SSL_USER, SSL_USER_PW));
            // Then
            JsonNode error = client.next();
            assertError(error, 1045, "28000");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void accountWithoutRequireSslWorksOverWsOnTheSameNode() throws Exception {
        try (WsClient client = Sessions.root(http)) {
            assertThat(query(client, 1, "SELECT 1").onlyRow().get(0).asInt()).isEqualTo(1);
        }
    }
}
