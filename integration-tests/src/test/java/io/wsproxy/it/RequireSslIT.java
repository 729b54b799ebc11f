package io.wsproxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.MariaDbCli;
import io.wsproxy.it.support.MariaDbCli.Result;
import io.wsproxy.it.support.TestCerts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A REQUIRE SSL account: refused over plain TCP (1045), accepted over TLS, by every client. */
class RequireSslIT {
    private static final String PW = "ssl-root-pw";

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithSsl() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        certs.configure(dir.resolve("node"));
        node = EngineNode.start(dir.resolve("node"), PW);
        try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", PW)) {
            c.createStatement().execute("CREATE USER 'sec'@'%' IDENTIFIED BY 'sec-pw' REQUIRE SSL");
        }
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static String haveSsl(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT @@have_ssl")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void nodeWithCertificatesReportsHaveSslYes() throws Exception {
        try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", PW)) {
            assertThat(haveSsl(c)).isEqualTo("YES");
        }
    }

    @Test
    void connectorJOverPlainTcpIsRefusedWith1045() {
        assertThatThrownBy(() -> DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "sec", "sec-pw"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1045);
                    assertThat(e.getSQLState()).isEqualTo("28000");
                });
    }

    @Test
    void connectorJOverTlsIsAccepted() throws Exception {
        try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=REQUIRED"), "sec", "sec-pw")) {
            assertThat(haveSsl(c)).isEqualTo("YES");
        }
    }

    @Test
    void mariadbConnectorJOverPlainTcpIsRefusedWith1045() {
        assertThatThrownBy(() -> DriverManager.getConnection(node.mariadbUrl("sslMode=disable"), "sec", "sec-pw"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1045);
                    assertThat(e.getSQLState()).isEqualTo("28000");
                });
    }

    @Test
    void mariadbConnectorJOverTlsIsAccepted() throws Exception {
        try (Connection c = DriverManager.getConnection(node.mariadbUrl("sslMode=trust"), "sec", "sec-pw")) {
            assertThat(haveSsl(c)).isEqualTo("YES");
        }
    }

    @Test
    void mariadbCliWithoutSslIsRefusedWith1045() throws Exception {
        List<String> args = MariaDbCli.tcp(node, "sec", "sec-pw");
        args.add("--skip-ssl");
        Result r = MariaDbCli.run(args, "SELECT 1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("ERROR 1045 (28000)");
    }

    @Test
    void mariadbCliWithSslIsAcceptedOverAnEncryptedConnection() throws Exception {
        List<String> args = MariaDbCli.tcp(node, "sec", "sec-pw");
        args.add("--ssl");
        Result r = MariaDbCli.run(args, "SELECT CURRENT_USER(); \\s");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("sec@%\n");
        assertThat(r.stdout()).containsPattern("SSL:\\s+Cipher in use is");
    }
}
