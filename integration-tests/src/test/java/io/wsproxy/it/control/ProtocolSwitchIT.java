package io.wsproxy.it.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.control.Ws.Failure;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.TestCerts;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * RESTART PROXY from ws:// to wss:// (I1, I7): when it returns OK the port speaks exactly the new
 * protocol, and sessions of the old instance drain, then get 1012. On a node with SSL.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProtocolSwitchIT {
    @TempDir
    static Path dir;
    static TestCerts certs;
    static EngineNode node;
    static Connection root;
    static HttpClient wss;
    static final HttpClient ws = Nodes.client();

    int httpPort;
    long generation;
    Ws session;

    @BeforeAll
    static void startNodeWithSsl() throws Exception {
        certs = TestCerts.create(dir.resolve("certs"));
        node = Nodes.startWithSsl(dir.resolve("node"), certs);
        root = ProxySql.root(node);
        wss = Nodes.trusting(certs);
    }

    @AfterAll
    static void stopNode() throws Exception {
        Nodes.closeAll(root, node);
    }

    @BeforeEach
    void runAnHttpProxyWithAnOpenSession() throws Exception {
        httpPort = Ports.free();
        ProxySql.startHttp(root, httpPort);
        generation = ProxySql.status(root).generation();
        session = Ws.session(ws, Ports.ws(httpPort), "root", Nodes.ROOT_PW);
        session.selectOne(1);
    }

    @AfterEach
    void closeSession() throws Exception {
        Nodes.closeAll(session);
    }

    @Test
    void restartFromHttpToHttpsOnAnotherPortServesWssThereAndDrainsTheOldSessions() throws Exception {
        int httpsPort = Ports.free();
        ProxySql.setPorts(root, 0, httpsPort);
        ProxySql.restart(root);

        assertHttpsRunningOn(httpsPort);
        assertThat(Ports.listening(httpPort)).as("the old http port right after RESTART PROXY").isFalse();
        assertDrainedWith1012();
    }

    @Test
    void restartFromHttpToHttpsOnTheSamePortServesOnlyWssThere() throws Exception {
        ProxySql.setPorts(root, 0, httpPort);
        try {
            ProxySql.restart(root);
        } catch (java.sql.SQLException e) {
            // I1 allows a refusal (the new instance could not bind before the old one let go): then
            // nothing changed.
            assertThat(e.getErrorCode()).as("RESTART PROXY refused: %s", e.getMessage()).isEqualTo(9103);
            ProxySql.Status status = ProxySql.status(root);
            assertThat(status.protocol()).isEqualTo("HTTP");
            assertThat(status.generation()).isEqualTo(generation);
            session.selectOne(2);
            System.out.println("protocol switch on the same port: refused with 9103");
            return;
        }
        System.out.println("protocol switch on the same port: RESTART PROXY ok");
        assertHttpsRunningOn(httpPort);
        assertDrainedWith1012();
    }

    /** SHOW PROXY STATUS says HTTPS on the port, wss:// works there and plain ws:// does not. */
    private void assertHttpsRunningOn(int port) throws Exception {
        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.protocol()).isEqualTo("HTTPS");
        assertThat(status.port()).isEqualTo(port);
        assertThat(status.generation()).isGreaterThan(generation);
        for (int i = 0; i < 5; i++) {
            try (Ws secure = Ws.session(wss, Ports.wss(port), "root", Nodes.ROOT_PW)) {
                secure.selectOne(1);
            }
            assertThatThrownBy(() -> Ws.session(ws, Ports.ws(port), "root", Nodes.ROOT_PW).abort())
                    .as("plain ws:// on the https port, attempt %d", i + 1).isInstanceOf(Failure.class);
        }
    }

    private void assertDrainedWith1012() throws Exception {
        Ws.Closed closed = session.awaitClose(Duration.ofSeconds(Nodes.DRAIN_SECONDS + 15));
        assertThat(closed).as("the old session after the drain").isNotNull();
        assertThat(closed.code()).isEqualTo(1012);
    }
}
