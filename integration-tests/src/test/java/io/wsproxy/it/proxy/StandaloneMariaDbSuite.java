package io.wsproxy.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.MariaDbServer;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.WsClient;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone proxy in front of a real MariaDB server (DESIGN.md section 6: "fronts any
 * MySQL-protocol server"): the {@code /ws} protocol works unchanged and MariaDB's own error codes
 * and SQLSTATEs reach the client as MariaDB sent them. One subclass per way to reach the server:
 * its Unix socket, TCP, TCP with TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StandaloneMariaDbSuite {
    static final String USER = "app";
    static final String PASSWORD = "s3cret-pw";
    private static final Duration REPLY = Duration.ofSeconds(30);

    MariaDbServer mariadb;
    ProxyProcess proxy;
    private HttpClient http;

    /** Creates {@link #USER} with every privilege, as MariaDB will see it come ({@code host}), with {@code require} ("" or " REQUIRE SSL"). */
    static MariaDbServer withApp(MariaDbServer server, String host, String require) throws Exception {
        server.sql("CREATE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'" + require + ";"
                + " GRANT ALL ON *.* TO '" + USER + "'@'" + host + "'");
        return server;
    }

    /** Starts MariaDB with user {@link #USER} as the proxy will reach it. */
    abstract MariaDbServer startMariaDb(Path dir) throws Exception;

    abstract ProxyProcess startProxy(Path dir) throws Exception;

    /** How MariaDB names the proxy's connections: 'app'@'localhost' over its socket, the address over TCP. */
    abstract String clientHost();

    @BeforeAll
    void startMariaDbAndProxy(@TempDir Path dir) throws Exception {
        mariadb = startMariaDb(dir.resolve("mariadb"));
        proxy = startProxy(dir.resolve("proxy"));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stopProxyThenMariaDb() throws Exception {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } finally {
            if (mariadb != null) {
                int exit = mariadb.stop();
                assertThat(exit).as("mariadbd shuts down cleanly on SIGTERM; log:%n%s", mariadb.log()).isZero();
            }
        }
    }

    WsClient session() {
        WsClient client = WsClient.connect(http, proxy.wsUri());
        client.authenticate(USER, PASSWORD);
        return client;
    }

    @Test
    void authenticatesAgainstMariaDbAndSelectsRowsWithMappedValues() {
        try (WsClient client = WsClient.connect(http, proxy.wsUri())) {
            JsonNode ready = client.authenticate(USER, PASSWORD);
            assertThat(ready.path("serverVersion").asText()).contains("MariaDB");
            assertThat(ready.path("connectionId").asLong()).isPositive();

            List<JsonNode> reply = client.query(1, "SELECT 1 AS a, 'x' AS b, NULL AS c, CAST(2.50 AS DECIMAL(5,2)) AS d", REPLY);

            assertThat(reply).extracting(m -> m.path("type").asText()).containsExactly("columns", "rows", "end");
            assertThat(reply.get(0).path("columns")).extracting(c -> c.path("name").asText())
                    .containsExactly("a", "b", "c", "d");
            JsonNode row = reply.get(1).path("rows").get(0);
            assertThat(row.get(0).isNumber()).isTrue();
            assertThat(row.get(0).asInt()).isEqualTo(1);
            assertThat(row.get(1).asText()).isEqualTo("x");
            assertThat(row.get(2).isNull()).isTrue();
            assertThat(row.get(3).isTextual()).as("DECIMAL is an exact string").isTrue();
            assertThat(row.get(3).asText()).isEqualTo("2.50");
            assertThat(reply.get(2).path("id").asInt()).isEqualTo(1);
            assertThat(reply.get(2).path("rowCount").asLong()).isEqualTo(1);
            assertThat(reply.get(2).path("more").asBoolean()).isFalse();
        }
    }

    @Test
    void ddlAndDmlReportAutoIncrementIdsAndAffectedRows() {
        try (WsClient client = session()) {
            assertThat(only(client.query(1, "CREATE DATABASE shop", REPLY), "ok").path("more").asBoolean()).isFalse();
            only(client.query(2, "CREATE TABLE shop.items (id INT AUTO_INCREMENT PRIMARY KEY,"
                    + " name VARCHAR(40) NOT NULL, price DECIMAL(8,2) NOT NULL)", REPLY), "ok");

            JsonNode first = only(client.query(3, "INSERT INTO shop.items (name, price) VALUES ('apple', 1.25)", REPLY), "ok");
            JsonNode second = only(client.query(4, "INSERT INTO shop.items (name, price) VALUES ('pear', 2.00), ('fig', 3.10)", REPLY), "ok");
            JsonNode update = only(client.query(5, "UPDATE shop.items SET price = price + 1 WHERE price < 3", REPLY), "ok");

            assertThat(first.path("affectedRows").asLong()).isEqualTo(1);
            assertThat(first.path("lastInsertId").asLong()).isEqualTo(1);
            assertThat(second.path("affectedRows").asLong()).isEqualTo(2);
            assertThat(second.path("lastInsertId").asLong()).as("MySQL reports the first id of a multi-row insert").isEqualTo(2);
            assertThat(update.path("affectedRows").asLong()).isEqualTo(2);
            assertThat(update.path("id").asInt()).isEqualTo(5);

            List<JsonNode> rows = client.query(6, "SELECT id, name, price FROM shop.items ORDER BY id", REPLY);
            assertThat(rows.get(1).path("rows").toString())
                    .isEqualTo("[[1,\"apple\",\"2.25\"],[2,\"pear\",\"3.00\"],[3,\"fig\",\"3.10\"]]");
        }
    }

    @Test
    void multiStatementQueryReturnsEachResultInOrder() {
        try (WsClient client = session()) {
            client.query(1, "CREATE DATABASE multi", REPLY);
            client.query(2, "CREATE TABLE multi.t (v INT)", REPLY);

            List<JsonNode> reply = client.query("m", "INSERT INTO multi.t VALUES (1), (2), (3);"
                    + " SELECT SUM(v) AS total FROM multi.t; UPDATE multi.t SET v = v * 10 WHERE v > 1;"
                    + " SELECT v FROM multi.t ORDER BY v", REPLY);

            assertThat(reply).extracting(m -> m.path("type").asText())
                    .containsExactly("ok", "columns", "rows", "end", "ok", "columns", "rows", "end");
            assertThat(reply).allSatisfy(m -> assertThat(m.path("id").asText()).isEqualTo("m"));
            assertThat(reply.get(0).path("affectedRows").asLong()).isEqualTo(3);
            assertThat(reply.get(0).path("more").asBoolean()).isTrue();
            assertThat(reply.get(2).path("rows").toString()).isEqualTo("[[\"6\"]]"); // SUM(INT) is DECIMAL
            assertThat(reply.get(3).path("more").asBoolean()).isTrue();
            assertThat(reply.get(4).path("affectedRows").asLong()).isEqualTo(2);
            assertThat(reply.get(4).path("more").asBoolean()).isTrue();
            assertThat(reply.get(6).path("rows").toString()).isEqualTo("[[1],[20],[30]]");
            assertThat(reply.get(7).path("rowCount").asLong()).isEqualTo(3);
            assertThat(reply.get(7).path("more").asBoolean()).isFalse();
        }
    }

    @Test
    void missingTableIs1146With42S02AndTheSessionStaysUsable() {
        try (WsClient client = session()) {
            JsonNode error = only(client.query(7, "SELECT * FROM mysql.no_such_table", REPLY), "error");

            assertThat(error.path("id").asInt()).isEqualTo(7);
            assertThat(error.path("code").asInt()).isEqualTo(1146);
            assertThat(error.path("sqlState").asText()).isEqualTo("42S02");
            assertThat(error.path("message").asText()).isEqualTo("Table 'mysql.no_such_table' doesn't exist");
            assertThat(client.query(8, "SELECT 2", REPLY).get(1).path("rows").toString()).isEqualTo("[[2]]");
        }
    }

    @Test
    void syntaxErrorIs1064With42000() {
        try (WsClient client = session()) {
            JsonNode error = only(client.query(9, "SELEC 1", REPLY), "error");

            assertThat(error.path("code").asInt()).isEqualTo(1064);
            assertThat(error.path("sqlState").asText()).isEqualTo("42000");
            assertThat(error.path("message").asText()).contains("MariaDB server version").contains("SELEC 1");
        }
    }

    @Test
    void wrongPasswordIs1045With28000ThenClose1008() {
        try (WsClient client = WsClient.connect(http, proxy.wsUri())) {
            client.sendAuth(USER, "wrong-" + PASSWORD);

            JsonNode error = client.next(REPLY);
            WsClient.Close closed = client.awaitClose(REPLY);

            String context = error + "; proxy log:\n" + proxy.file("websocket_proxy.log");
            assertThat(error.path("type").asText()).as("%s", context).isEqualTo("error");
            assertThat(error.path("code").asInt()).as("%s", context).isEqualTo(1045);
            assertThat(error.has("id")).as("a session-level error has no id").isFalse();
            assertThat(error.path("sqlState").asText()).isEqualTo("28000");
            assertThat(error.path("message").asText()).startsWith("Access denied for user 'app'@'" + clientHost() + "'");
            assertThat(closed.code()).isEqualTo(1008);
        }
    }

    /** MariaDB hangs up right after its ERR packet: the error must win that race every time. */
    @Test
    void everyWrongPasswordGetsMariaDbs1045NotALostConnection() {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try (WsClient client = WsClient.connect(http, proxy.wsUri())) {
                client.sendAuth(USER, "wrong-" + i);
                JsonNode error = client.next(REPLY);
                outcomes.add(error.path("code").asInt() + " " + error.path("sqlState").asText() + " close "
                        + client.awaitClose(REPLY).code());
            }
        }

        assertThat(outcomes).containsOnly("1045 28000 close 1008");
    }

    /**
     * PROTOCOL.md "Values in rows" for every MySQL type of its table, on a server that has them
     * all (engine-sim's H2 stores MEDIUMINT, YEAR, FLOAT, TEXT, SET, BIT and BIGINT UNSIGNED as
     * other types): one row of values, one row of NULLs. JSON is inline where the engine sends
     * a JSON column (ValuesIT, engine-sim); MariaDB's JSON is text on the wire.
     */
    @Test
    void everyMySqlTypeOfTheValueTableMapsToItsJsonKind() {
        try (WsClient client = session()) {
            only(client.query(1, "CREATE DATABASE IF NOT EXISTS typed", REPLY), "ok");
            only(client.query(2, "CREATE TABLE typed.t (ti TINYINT, si SMALLINT, mi MEDIUMINT, i INT, y YEAR,"
                    + " bi BIGINT, bu BIGINT UNSIGNED, f FLOAT, d DOUBLE, de DECIMAL(20,6), c CHAR(3), vc VARCHAR(10),"
                    + " tx TEXT, e ENUM('a','b'), st SET('x','y'), j JSON, dt DATE, tm TIME, dtm DATETIME,"
                    + " ts TIMESTAMP NULL, bn BINARY(2), vb VARBINARY(4), bl BLOB, bt BIT(8))", REPLY), "ok");
            only(client.query(3, "INSERT INTO typed.t VALUES (-128, 32767, -8388608, 2147483647, 2024,"
                    + " -9223372036854775808, 18446744073709551615, 1.5, 2.25, 12345678901234.123456, 'abc', 'v',"
                    + " 'long text', 'b', 'x,y', '{\"k\": [1, true, null]}', '2024-02-29', '-12:34:56',"
                    + " '2024-02-29 23:59:58', '2024-02-29 23:59:59', 0x0102, 0xDEADBEEF, 0x00FF, b'10100101')", REPLY),
                    "ok");
            only(client.query(4, "INSERT INTO typed.t VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                    + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)", REPLY),
                    "ok");

            List<JsonNode> reply = client.query(5, "SELECT * FROM typed.t ORDER BY ti IS NULL", REPLY);

            assertThat(reply.get(0).path("type").asText()).isEqualTo("columns");
            assertThat(reply.get(0).path("columns")).extracting(c -> c.path("type").asText()).containsExactly(
                    "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "YEAR", "BIGINT", "BIGINT", "FLOAT", "DOUBLE",
                    "DECIMAL", "CHAR", "VARCHAR", "TEXT", "ENUM", "SET",
                    "TEXT", // MariaDB's JSON is LONGTEXT with a check: text on the wire, so a string value
                    "DATE", "TIME", "DATETIME",
                    "TIMESTAMP", "BINARY", "VARBINARY", "BLOB", "BIT");
            JsonNode values = reply.get(1).path("rows").get(0);
            assertThat(values.toString()).isEqualTo("[-128,32767,-8388608,2147483647,2024,-9223372036854775808,"
                    + "18446744073709551615,1.5,2.25,\"12345678901234.123456\",\"abc\",\"v\",\"long text\",\"b\","
                    + "\"x,y\",\"{\\\"k\\\": [1, true, null]}\",\"2024-02-29\",\"-12:34:56\",\"2024-02-29 23:59:58\","
                    + "\"2024-02-29 23:59:59\",\"AQI=\",\"3q2+7w==\",\"AP8=\",\"pQ==\"]");
            JsonNode nulls = reply.get(1).path("rows").get(1);
            assertThat(nulls).hasSize(24).allSatisfy(v -> assertThat(v.isNull()).isTrue());
        }
    }

    static JsonNode only(List<JsonNode> reply, String type) {
        assertThat(reply).hasSize(1);
        assertThat(reply.get(0).path("type").asText()).as("reply %s", reply).isEqualTo(type);
        return reply.get(0);
    }
}
