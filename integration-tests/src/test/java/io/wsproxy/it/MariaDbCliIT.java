package io.wsproxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Eventually;
import io.wsproxy.it.support.MariaDbCli;
import io.wsproxy.it.support.MariaDbCli.Result;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The same checks through the mariadb command-line client, over TCP and the Unix socket. */
class MariaDbCliIT {
    private static final String PW = "cli-pw";

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNode() throws Exception {
        MariaDbCli.binary();
        node = EngineNode.start(dir.resolve("node"), PW);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static Result root(String sql) throws Exception {
        return MariaDbCli.run(MariaDbCli.tcp(node, "root", PW), sql);
    }

    @Test
    void runsDataStatementsAndATransactionOverTcp() throws Exception {
        // When
        Result r = root("CREATE DATABASE clidb; USE clidb; CREATE TABLE t (id INT, s VARCHAR(10));"
                + " INSERT INTO t VALUES (1, 'one'), (2, 'two');"
                + " BEGIN; INSERT INTO t VALUES (3, 'three'); ROLLBACK;"
                + " SELECT id, s FROM t ORDER BY id;");
        // Then
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("1\tone\n2\ttwo\n");
    }

    @Test
    void readsAndSetsProxyVariables() throws Exception {
        Result show = root("SHOW VARIABLES LIKE '%proxy_port%'");
        assertThat(show.stdout()).isEqualTo("http_proxy_port\t0\nhttps_proxy_port\t0\n");

        Result set = root("SET GLOBAL https_proxy_port = 8443; SELECT @@https_proxy_port; SET GLOBAL https_proxy_port = 0");
        assertThat(set.exitCode()).as(set.stderr()).isZero();
        assertThat(set.stdout()).isEqualTo("8443\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SET GLOBAL https_proxy_port = 65536   | ERROR 1231 (42000)",
        "SET GLOBAL https_proxy_port = 'abc'   | ERROR 1232 (42000)",
        "SET GLOBAL no_such_variable = 1       | ERROR 1193 (HY000)",
        "SET GLOBAL port = 1                   | ERROR 1238 (HY000)",
        "SET https_proxy_port = 1              | ERROR 1229 (HY000)",
        "SET GLOBAL https_proxy_port =         | ERROR 1064 (42000)",
    })
    void printsTheMySqlErrorAndExitsNonZero(String sql, String error) throws Exception {
        Result r = root(sql);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains(error);
    }

    @Test
    void userWithoutSuperGets1227() throws Exception {
        assertThat(root("CREATE USER 'cliuser'@'%' IDENTIFIED BY 'pw'").exitCode()).isZero();
        Result r = MariaDbCli.run(MariaDbCli.tcp(node, "cliuser", "pw"), "SET GLOBAL https_proxy_port = 8443");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("ERROR 1227 (42000)");
    }

    /** Issue 14: KILL QUERY typed in the CLI ends another client's SLEEP at once, with 1317. */
    @Test
    void killQueryFromTheCliEndsASleepWith1317InUnderASecond() throws Exception {
        String url = node.mysqlUrl("sslMode=DISABLED&allowPublicKeyRetrieval=true");
        try (Connection sleeper = DriverManager.getConnection(url, "root", PW);
                Connection observer = DriverManager.getConnection(url, "root", PW)) {
            // Given
            long id = onlyLong(sleeper, "SELECT CONNECTION_ID()");
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
                try (Statement s = sleeper.createStatement()) {
                    s.executeQuery("SELECT SLEEP(5)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Eventually.await(Duration.ofSeconds(30), "the engine runs the SLEEP", () -> onlyLong(observer,
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT = 'SELECT SLEEP(5)'") == 1);
            // When
            Result kill = root("KILL QUERY " + id);
            long killed = System.nanoTime();
            // Then
            assertThat(kill.exitCode()).as(kill.stderr()).isZero();
            SQLException interrupted = outcome.get(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            assertThat((Object) interrupted).as("SLEEP(5) must not finish normally").isNotNull();
            assertThat(interrupted.getErrorCode()).isEqualTo(1317);
            assertThat(interrupted.getSQLState()).isEqualTo("70100");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(onlyLong(sleeper, "SELECT 7")).as("the killed query's connection goes on").isEqualTo(7);
        }
    }

    private static long onlyLong(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    @Test
    void connectsOverTheUnixSocketAsLocalhost() throws Exception {
        Result r = MariaDbCli.run(MariaDbCli.socket(node, "root", PW), "SELECT USER(), @@version_comment");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("root@localhost\twsproxy engine-sim\n");
    }
}
