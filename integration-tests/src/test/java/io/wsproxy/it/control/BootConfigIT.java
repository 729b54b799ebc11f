package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.TestCerts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy at node start, from memsql.cnf (I3, I4): a valid setting boots a proxy; both ports,
 * or https without SSL, boot the node without one and say in both logs which file to fix.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BootConfigIT {
    @TempDir
    Path dir;

    @Test
    void bothPortsInMemsqlCnfBootTheNodeWithoutProxyAndBothLogsName9101AndTheFile() throws Exception {
        int[] ports = Ports.free(2);
        try (EngineNode node = Nodes.start(dir.resolve("node"), "http_proxy_port = " + ports[0],
                "https_proxy_port = " + ports[1])) {
            assertBootedWithoutProxy(node, 9101);
            assertThat(Ports.listening(ports[0])).isFalse();
            assertThat(Ports.listening(ports[1])).isFalse();
        }
    }

    @Test
    void httpsPortWithoutSslBootsTheNodeWithoutProxyAndBothLogsName9102AndTheFile() throws Exception {
        int port = Ports.free();
        try (EngineNode node = Nodes.start(dir.resolve("node"), "https_proxy_port = " + port)) {
            assertBootedWithoutProxy(node, 9102);
            assertThat(Ports.listening(port)).isFalse();
        }
    }

    @Test
    void httpsPortWithCertificatesBootsTheNodeWithAWssProxy() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        int port = Ports.free();
        try (EngineNode node = Nodes.startWithSsl(dir.resolve("node"), certs, "https_proxy_port = " + port);
                Connection root = ProxySql.root(node)) {
            assertThat(node.wsUri()).isEqualTo(URI.create("wss://127.0.0.1:" + port + "/ws"));
            ProxySql.Status status = ProxySql.status(root);
            assertThat(status.state()).isEqualTo("RUNNING");
            assertThat(status.protocol()).isEqualTo("HTTPS");
            assertThat(status.port()).isEqualTo(port);
            try (WsClient ws = WsClient.session(Nodes.trusting(certs), node.wsUri(), "root", Nodes.ROOT_PW)) {
                ws.selectOne(1);
            }
        }
    }

    @Test
    void httpPortBootsTheNodeWithAWsProxy() throws Exception {
        int port = Ports.free();
        try (EngineNode node = Nodes.start(dir.resolve("node"), "http_proxy_port = " + port);
                Connection root = ProxySql.root(node)) {
            assertThat(node.wsUri()).isEqualTo(Ports.ws(port));
            ProxySql.Status status = ProxySql.status(root);
            assertThat(status.state()).isEqualTo("RUNNING");
            assertThat(status.protocol()).isEqualTo("HTTP");
            assertThat(status.port()).isEqualTo(port);
            try (WsClient ws = WsClient.session(Nodes.client(), node.wsUri(), "root", Nodes.ROOT_PW)) {
                ws.selectOne(1);
            }
        }
    }

    /** No proxy= in the ready line, no RUNNING state, and a log line naming the code and memsql.cnf. */
    @Test
    void theFaultSwitchInMemsqlCnfIsRefusedWithALogLineAndNeverFiresOnAnotherSet() throws Exception {
        int port = Ports.free();
        try (EngineNode node = Nodes.start(dir.resolve("node"), "http_proxy_port = " + port,
                "proxy_inject_failure = boom"); Connection root = ProxySql.root(node)) {
            assertThat(Files.readString(node.baseDir().resolve("tracelogs/memsql.log")))
                    .contains("proxy_inject_failure", "runtime switch", "SET GLOBAL only");
            assertThat(ProxySql.global(root, "proxy_inject_failure")).isEmpty();

            ProxySql.setGlobal(root, "proxy_allowed_origins", "https://console.example");
            ProxySql.setGlobal(root, "proxy_auth_timeout", 20);

            ProxySql.Status status = ProxySql.status(root);
            assertThat(status.state()).isEqualTo("RUNNING");
            assertThat(status.port()).isEqualTo(port);
            assertThat(status.lastError()).isEmpty();
        }
    }

    private static void assertBootedWithoutProxy(EngineNode node, int code) throws Exception {
        assertThatThrownBy(node::proxyUrl).as("proxy= in the ready line").isInstanceOf(IllegalStateException.class);
        try (Connection root = ProxySql.root(node)) {
            ProxySql.Status status = ProxySql.status(root);
            assertThat(status.state()).isIn("FAILED", "STOPPED");
            assertThat(status.lastError()).contains(Integer.toString(code));
            // RESTART PROXY refuses the same setting with the same code.
            assertThatThrownBy(() -> ProxySql.restart(root)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo(code));
        }
        for (String log : new String[] {"memsql.log", "websocket_proxy.log"}) {
            assertThat(Nodes.tracelog(node, log).lines())
                    .as("tracelogs/%s: a line naming %d and memsql.cnf", log, code)
                    .anyMatch(line -> line.contains(Integer.toString(code)) && line.contains("memsql.cnf"));
        }
    }
}
