package io.wsproxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.support.EngineNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a MySQL client does on a fresh node, run through a real JDBC driver (one subclass per
 * driver): data statements, the proxy variables, and every error row of DESIGN.md section 3.
 */
abstract class DriverSuite {
    static final String ROOT_PASSWORD = "root-pw";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = EngineNode.start(dir.resolve("node"), ROOT_PASSWORD);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** A plain-TCP JDBC URL for this suite's driver. */
    abstract String url();

    Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    Connection root() throws SQLException {
        return connect("root", ROOT_PASSWORD);
    }

    static String unique(String prefix) {
        return prefix + NAMES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    }

    static List<List<String>> rows(Statement s, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void createsDatabaseAndTableThenInsertsAndSelectsRows() throws Exception {
        String db = unique("shop");
        try (Connection c = root(); Statement s = c.createStatement()) {
            // When
            s.execute("CREATE DATABASE " + db);
            s.execute("USE " + db);
            s.execute("CREATE TABLE items (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(40) NOT NULL, price DECIMAL(8,2))");
            int inserted = s.executeUpdate("INSERT INTO items (name, price) VALUES ('tea', 3.50), ('cake', 4.25)");
            // Then
            assertThat(inserted).isEqualTo(2);
            assertThat(rows(s, "SELECT id, name, price FROM items ORDER BY id"))
                    .containsExactly(List.of("1", "tea", "3.50"), List.of("2", "cake", "4.25"));
            assertThat(rows(s, "SELECT DATABASE()")).containsExactly(List.of(db));
        }
    }

    @Test
    void rollbackDiscardsTheTransactionAndCommitKeepsIt() throws Exception {
        String db = unique("tx");
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
            s.execute("USE " + db);
            s.execute("CREATE TABLE t (v INT)");
            // When
            s.execute("BEGIN");
            s.execute("INSERT INTO t VALUES (1)");
            s.execute("ROLLBACK");
            c.setAutoCommit(false);
            s.execute("INSERT INTO t VALUES (2)");
            c.commit();
            s.execute("INSERT INTO t VALUES (3)");
            c.rollback();
            c.setAutoCommit(true);
            // Then
            assertThat(rows(s, "SELECT v FROM t")).containsExactly(List.of("2"));
        }
    }

    @Test
    void showVariablesLikeProxyListsTheProxyVariables() throws Exception {
        try (Connection c = root(); Statement s = c.createStatement()) {
            Map<String, String> vars = new TreeMap<>();
            for (List<String> row : rows(s, "SHOW VARIABLES LIKE '%proxy%'")) {
                vars.put(row.get(0), row.get(1));
            }
            assertThat(vars).containsKeys("https_proxy_port", "http_proxy_port", "proxy_allowed_origins");
            assertThat(vars.keySet()).allMatch(name -> name.contains("proxy"));
        }
    }

    @Test
    void setGlobalHttpsProxyPortIsReadBackBySelectAndShow() throws Exception {
        try (Connection c = root(); Statement s = c.createStatement()) {
            try {
                // When
                s.execute("SET GLOBAL https_proxy_port = 8443");
                // Then
                assertThat(rows(s, "SELECT @@https_proxy_port")).containsExactly(List.of("8443"));
                assertThat(rows(s, "SELECT @@global.https_proxy_port AS p")).containsExactly(List.of("8443"));
                assertThat(rows(s, "SHOW GLOBAL VARIABLES LIKE 'https_proxy_port'"))
                        .containsExactly(List.of("https_proxy_port", "8443"));
            } finally {
                s.execute("SET GLOBAL https_proxy_port = DEFAULT");
            }
            assertThat(rows(s, "SELECT @@https_proxy_port")).containsExactly(List.of("0"));
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "SET GLOBAL https_proxy_port = -1         | 1231 | 42000",
        "SET GLOBAL https_proxy_port = 65536      | 1231 | 42000",
        "SET GLOBAL https_proxy_port = 'abc'      | 1232 | 42000",
        "SET GLOBAL https_proxy_port = 1.5        | 1232 | 42000",
        "SET GLOBAL https_proxy_port = NULL       | 1232 | 42000",
        "SET GLOBAL no_such_variable = 1          | 1193 | HY000",
        "SET GLOBAL port = 1                      | 1238 | HY000",
        "SET https_proxy_port = 1                 | 1229 | HY000",
        "SET GLOBAL = 3                           | 1064 | 42000",
        "SELEC 1                                  | 1064 | 42000",
    })
    void badStatementGetsItsMySqlErrorAndChangesNothing(String sql, int code, String sqlState) throws Exception {
        try (Connection c = root(); Statement s = c.createStatement()) {
            // When / Then
            assertThatThrownBy(() -> s.execute(sql))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(code);
                        assertThat(e.getSQLState()).isEqualTo(sqlState);
                    });
            // Then: nothing changed, and the session goes on
            assertThat(rows(s, "SELECT @@https_proxy_port, @@port > 0")).containsExactly(List.of("0", "1"));
        }
    }

    @Test
    void setGlobalWithoutSuperIsRefusedWith1227() throws Exception {
        String user = unique("plain");
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
        }
        try (Connection c = connect(user, "pw"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SET GLOBAL https_proxy_port = 8443"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1227);
                        assertThat(e.getSQLState()).isEqualTo("42000");
                    });
            assertThat(rows(s, "SELECT @@https_proxy_port")).containsExactly(List.of("0"));
        }
    }

    @Test
    void grantedSuperAllowsSetGlobal() throws Exception {
        String user = unique("admin");
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
            s.execute("GRANT SUPER ON *.* TO '" + user + "'@'%'");
            assertThat(rows(s, "SHOW GRANTS FOR '" + user + "'@'%'"))
                    .containsExactly(List.of("GRANT SUPER ON *.* TO '" + user + "'@'%'"));
        }
        try (Connection c = connect(user, "pw"); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL proxy_allowed_origins = 'https://studio.example'");
            assertThat(rows(s, "SELECT @@proxy_allowed_origins")).containsExactly(List.of("https://studio.example"));
            s.execute("SET GLOBAL proxy_allowed_origins = DEFAULT");
        }
    }

    @Test
    void wrongPasswordIsRefusedWith1045() {
        assertThatThrownBy(() -> connect("root", "not-the-password"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
    }
}
