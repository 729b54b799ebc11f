package io.wsproxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.MariaDbCli;
import io.wsproxy.it.support.MariaDbCli.Result;
import java.nio.file.Path;
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

    @Test
    void connectsOverTheUnixSocketAsLocalhost() throws Exception {
        Result r = MariaDbCli.run(MariaDbCli.socket(node, "root", PW), "SELECT USER(), @@version_comment");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("root@localhost\twsproxy engine-sim\n");
    }
}
