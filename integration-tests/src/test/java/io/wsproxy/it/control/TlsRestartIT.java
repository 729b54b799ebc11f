package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.support.WsClient.Failure;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.TestCerts;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * RESTART PROXY of a wss:// proxy reads ssl_cert / ssl_key again (I1): bad material is refused with
 * 9105 and the running instance keeps its own; renewed material is taken on the same port without
 * touching open sessions. The files named in memsql.cnf are rewritten in place by the tests.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsRestartIT {
    @TempDir
    static Path dir;
    static TestCerts certs;
    static byte[] cert;
    static byte[] key;
    static EngineNode node;
    static Connection root;
    static HttpClient trustsOriginal;
    static int port;

    long generation;
    WsClient session;

    @BeforeAll
    static void startNodeWithWssProxy() throws Exception {
        certs = TestCerts.create(dir.resolve("certs"));
        cert = Files.readAllBytes(certs.serverCert());
        key = Files.readAllBytes(certs.serverKey());
        port = Ports.free();
        node = Nodes.startWithSsl(dir.resolve("node"), certs, "https_proxy_port = " + port);
        root = ProxySql.root(node);
        trustsOriginal = Nodes.trusting(certs);
    }

    @AfterAll
    static void stopNode() throws Exception {
        Nodes.closeAll(root, node);
    }

    @BeforeEach
    void originalMaterialAndAnOpenSession() throws Exception {
        Files.write(certs.serverCert(), cert);
        Files.write(certs.serverKey(), key);
        ProxySql.restart(root);
        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.protocol()).isEqualTo("HTTPS");
        generation = status.generation();
        session = WsClient.session(trustsOriginal, Ports.wss(port), "root", Nodes.ROOT_PW);
        session.selectOne(1);
    }

    @AfterEach
    void closeSession() throws Exception {
        Nodes.closeAll(session);
    }

    @Test
    void restartProxyWithAnUnreadableCertificateFailsWith9105AndTheRunningProxyKeepsServing() throws Exception {
        Files.writeString(certs.serverCert(), "not a certificate\n");

        assertRestartFailsWith9105();
        assertNothingChanged();
    }

    @Test
    void restartProxyWithAKeyThatDoesNotMatchTheCertificateFailsWith9105() throws Exception {
        TestCerts other = TestCerts.create(dir.resolve("other-" + System.nanoTime()));
        Files.copy(other.serverKey(), certs.serverKey(), StandardCopyOption.REPLACE_EXISTING);

        assertRestartFailsWith9105();
        assertNothingChanged();
    }

    @Test
    void restartProxyOnTheSamePortTakesARenewedCertificateAndKeepsOpenSessions() throws Exception {
        TestCerts renewed = TestCerts.create(dir.resolve("renewed-" + System.nanoTime()));
        Files.copy(renewed.serverCert(), certs.serverCert(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(renewed.serverKey(), certs.serverKey(), StandardCopyOption.REPLACE_EXISTING);

        ProxySql.restart(root);

        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.protocol()).isEqualTo("HTTPS");
        assertThat(status.port()).isEqualTo(port);
        assertThat(status.generation()).isGreaterThan(generation);
        try (WsClient fresh = WsClient.session(Nodes.trusting(renewed), Ports.wss(port), "root", Nodes.ROOT_PW)) {
            fresh.selectOne(1);
        }
        assertThatThrownBy(() -> WsClient.open(trustsOriginal, Ports.wss(port)).abort())
                .as("a client trusting only the old CA").isInstanceOf(Failure.class);
        // Opened under the old material: the same-port swap leaves it running.
        session.selectOne(2);
        assertThat(session.closedNow()).isNull();
    }

    private static void assertRestartFailsWith9105() {
        assertThatThrownBy(() -> ProxySql.restart(root)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).as("RESTART PROXY: %s", e.getMessage()).isEqualTo(9105);
            assertThat(e.getSQLState()).isEqualTo("HY000");
        });
    }

    /** I1: same state, the session answers, new wss:// sessions get the original certificate. */
    private void assertNothingChanged() throws Exception {
        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.protocol()).isEqualTo("HTTPS");
        assertThat(status.port()).isEqualTo(port);
        assertThat(status.generation()).isEqualTo(generation);
        session.selectOne(2);
        try (WsClient fresh = WsClient.session(trustsOriginal, Ports.wss(port), "root", Nodes.ROOT_PW)) {
            fresh.selectOne(1);
        }
    }
}
