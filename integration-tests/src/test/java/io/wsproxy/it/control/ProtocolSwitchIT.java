package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wsproxy.it.support.WsClient.Failure;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.TestCerts;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
 * protocol, and sessions of the old instance drain, then get 1012; when the new protocol cannot
 * start, the error comes back and the old instance serves on, its sessions untouched. On a node
 * with SSL.
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
    WsClient session;

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
        session = WsClient.session(ws, Ports.ws(httpPort), "root", Nodes.ROOT_PW);
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

        ProxySql.restart(root); // the https listener binds beside the http one, then the http one goes

        assertHttpsRunningOn(httpPort);
        assertDrainedWith1012();
    }

    @Test
    void aSamePortSwitchWhoseTlsFailsReturnsTheErrorAndTheOldProxyServesOn() throws Exception {
        byte[] good = Files.readAllBytes(certs.serverCert());
        Files.writeString(certs.serverCert(), "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
        SQLException refused;
        try {
            ProxySql.setPorts(root, 0, httpPort);
            refused = catchThrowableOfType(SQLException.class, () -> ProxySql.restart(root));
        } finally {
            Files.write(certs.serverCert(), good);
        }

        assertThat((Object) refused).as("RESTART PROXY with a broken certificate").isNotNull();
        assertThat(refused.getErrorCode()).isEqualTo(9105);
        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.protocol()).isEqualTo("HTTP");
        assertThat(status.port()).isEqualTo(httpPort);
        assertThat(status.generation()).isEqualTo(generation);
        session.selectOne(2); // the session opened before the RESTART runs on
        try (WsClient fresh = WsClient.session(ws, Ports.ws(httpPort), "root", Nodes.ROOT_PW)) {
            fresh.selectOne(3);
        }
        assertThat(session.closing()).isFalse();
    }

    /** SHOW PROXY STATUS says HTTPS on the port, wss:// works there and plain ws:// does not. */
    private void assertHttpsRunningOn(int port) throws Exception {
        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.protocol()).isEqualTo("HTTPS");
        assertThat(status.port()).isEqualTo(port);
        assertThat(status.generation()).isGreaterThan(generation);
        for (int i = 0; i < 5; i++) {
            try (WsClient secure = WsClient.session(wss, Ports.wss(port), "root", Nodes.ROOT_PW)) {
                secure.selectOne(1);
            }
            assertThatThrownBy(() -> WsClient.session(ws, Ports.ws(port), "root", Nodes.ROOT_PW).abort())
                    .as("plain ws:// on the https port, attempt %d", i + 1).isInstanceOf(Failure.class);
        }
    }

    private void assertDrainedWith1012() throws Exception {
        WsClient.Close closed = session.awaitEnd(Duration.ofSeconds(Nodes.DRAIN_SECONDS + 15));
        assertThat(closed).as("the old session after the drain").isNotNull();
        assertThat(closed.code()).isEqualTo(1012);
    }
}
