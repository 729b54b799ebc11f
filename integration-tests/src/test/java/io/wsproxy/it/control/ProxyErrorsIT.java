package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.support.EngineNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * RESTART PROXY refusals (9101, 9102, 9103) and the privilege check (1227): I1 says a refused
 * RESTART changes nothing observable, so each test opens a session first and checks that it, the
 * running port and SHOW PROXY STATUS are as before. One node without SSL for the class; each test
 * starts from an HTTP proxy on a fresh port.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyErrorsIT {
    @TempDir
    static Path dir;
    static EngineNode node;
    static Connection root;
    static final HttpClient http = Nodes.client();

    int running;
    ProxySql.Status before;
    WsClient session;

    @BeforeAll
    static void startNodeWithoutSsl() throws Exception {
        node = Nodes.start(dir.resolve("node"));
        root = ProxySql.root(node);
    }

    @AfterAll
    static void stopNode() throws Exception {
        Nodes.closeAll(root, node);
    }

    @BeforeEach
    void runAnHttpProxyWithAnOpenSession() throws Exception {
        running = Ports.free();
        ProxySql.startHttp(root, running);
        before = ProxySql.status(root);
        assertThat(before.state()).isEqualTo("RUNNING");
        session = WsClient.session(http, Ports.ws(running), "root", Nodes.ROOT_PW);
        session.selectOne(1);
    }

    @AfterEach
    void closeSession() throws Exception {
        Nodes.closeAll(session);
    }

    @Test
    void setGlobalCreatingConflictSucceedsWithWarning9101() throws Exception {
        int https = Ports.free();
        try (Statement s = root.createStatement()) {
            s.execute("SET GLOBAL https_proxy_port = " + https);
            SQLWarning warning = s.getWarnings();
            assertThat((Throwable) warning).as("Statement.getWarnings() after the SET").isNotNull();
            assertThat(warning.getErrorCode()).isEqualTo(9101);
        }
        try (Statement s = root.createStatement()) {
            s.execute("SET GLOBAL http_proxy_port = " + running);
            try (ResultSet rs = s.executeQuery("SHOW WARNINGS")) {
                assertThat(rs.next()).as("a row in SHOW WARNINGS").isTrue();
                assertThat(rs.getString("Level")).isEqualTo("Warning");
                assertThat(rs.getInt("Code")).isEqualTo(9101);
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(ProxySql.global(root, "https_proxy_port")).isEqualTo(Integer.toString(https));
        assertNothingChanged();
    }

    @Test
    void restartProxyWithBothPortsSetFailsWith9101AndTheRunningProxyKeepsServing() throws Exception {
        ProxySql.setGlobal(root, "https_proxy_port", Ports.free());

        assertRestartFails(9101);
        assertRestartFails(9101); // until one of them is 0
        assertNothingChanged();
    }

    @Test
    void restartProxyForHttpsWithoutSslFailsWith9102() throws Exception {
        int https = Ports.free();
        ProxySql.setPorts(root, 0, https);

        assertRestartFails(9102);
        assertThat(Ports.listening(https)).isFalse();
        assertNothingChanged();
    }

    @Test
    void restartOnBusyPortFailsWith9103AndOldInstanceKeepsServing() throws Exception {
        try (ServerSocket busy = Ports.hold(Ports.free())) {
            ProxySql.setGlobal(root, "http_proxy_port", busy.getLocalPort());

            assertRestartFails(9103);
            assertNothingChanged();
        }
        // The refused attempt's engine socket is gone again; the running generation's stays.
        assertThat(proxySockets()).contains("proxy-" + before.generation() + ".sock")
                .doesNotContain("proxy-" + (before.generation() + 1) + ".sock");
    }

    @Test
    void userWithoutSuperGets1227ForSetGlobalAndRestartProxy() throws Exception {
        try (Statement s = root.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS 'plain'@'%' IDENTIFIED BY 'plain-pw'");
        }
        int other = Ports.free();
        try (Connection plain = ProxySql.connect(node, "plain", "plain-pw")) {
            assertFailsWith1227(() -> ProxySql.setGlobal(plain, "http_proxy_port", other));
            assertFailsWith1227(() -> ProxySql.restart(plain));
        }
        assertThat(ProxySql.global(root, "http_proxy_port")).isEqualTo(Integer.toString(running));
        assertNothingChanged();
    }

    @Test
    void invalidPortValuesAreRefusedAndChangeNothing() throws Exception {
        int other = Ports.free();
        assertSetFails("SET GLOBAL http_proxy_port = 65536", 1231);
        assertSetFails("SET GLOBAL http_proxy_port = -1", 1231);
        assertSetFails("SET GLOBAL http_proxy_port = 'abc'", 1232);
        assertSetFails("SET GLOBAL http_proxy_port = NULL", 1232);
        // All or nothing: the valid assignment before the bad one is not applied either.
        assertSetFails("SET GLOBAL http_proxy_port = " + other + ", GLOBAL https_proxy_port = 70000", 1231);
        assertSetFails("SET http_proxy_port = " + other, 1229);

        assertThat(ProxySql.global(root, "http_proxy_port")).isEqualTo(Integer.toString(running));
        assertThat(ProxySql.global(root, "https_proxy_port")).isEqualTo("0");
        ProxySql.restart(root); // the variables still ask for the running port: a same-port restart
        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.port()).isEqualTo(running);
        assertThat(status.generation()).isGreaterThan(before.generation());
        session.selectOne(2);
    }

    private static void assertSetFails(String sql, int code) {
        assertThatThrownBy(() -> {
            try (Statement s = root.createStatement()) {
                s.execute(sql);
            }
        }).as(sql).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(code));
    }

    private static void assertFailsWith1227(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(1227);
            assertThat(e.getSQLState()).isEqualTo("42000");
            assertThat(e.getMessage()).contains("SUPER");
        });
    }

    private static void assertRestartFails(int code) {
        assertThatThrownBy(() -> ProxySql.restart(root)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).as("error code of RESTART PROXY: %s", e.getMessage()).isEqualTo(code);
            assertThat(e.getSQLState()).isEqualTo("HY000");
        });
    }

    /** I1 after a refusal: same state, the open session answers, the port accepts new sessions. */
    private void assertNothingChanged() throws Exception {
        assertThat(ProxySql.status(root)).usingRecursiveComparison().ignoringFields("sessions").isEqualTo(before);
        session.selectOne(2);
        try (WsClient fresh = WsClient.session(http, Ports.ws(running), "root", Nodes.ROOT_PW)) {
            fresh.selectOne(1);
        }
    }

    private static List<String> proxySockets() throws IOException {
        try (Stream<Path> files = Files.list(node.baseDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("proxy-\\d+\\.sock")).toList();
        }
    }
}
