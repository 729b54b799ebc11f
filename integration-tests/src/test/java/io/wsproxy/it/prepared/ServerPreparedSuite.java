package io.wsproxy.it.prepared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-side prepared statements (COM_STMT_*) through a real driver with
 * {@code useServerPrepStmts=true}, on the node directly: every type of PROTOCOL.md's value table
 * both ways in the binary protocol, NULLs, batches, re-execution, long data, cursors, close, and
 * the errors. One subclass per driver.
 */
abstract class ServerPreparedSuite {
    static final String ROOT_PASSWORD = "prep-root-pw";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNode() throws Exception {
        // With its proxy: a subclass runs the suite through the /mysql tunnel.
        node = ProxyCnf.http().start(dir.resolve("node"), ROOT_PASSWORD);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** A JDBC URL with server-side prepared statements on, and whatever {@code options} adds. */
    abstract String url(String options);

    Connection root() throws SQLException {
        return root("");
    }

    Connection root(String options) throws SQLException {
        return DriverManager.getConnection(url(options), "root", ROOT_PASSWORD);
    }

    /** A fresh database, current on {@code c}. */
    static String useNewDatabase(Connection c) throws SQLException {
        String db = "prep" + NAMES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
            s.execute("USE " + db);
        }
        return db;
    }

    /** The driver really prepared on the server: no silent fallback to client-side statements. */
    static PreparedStatement serverPrepared(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        assertThat(ps.getClass().getSimpleName()).as("statement class for %s", sql)
                .isEqualTo("ServerPreparedStatement");
        return ps;
    }

    static List<List<String>> rows(ResultSet rs) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void everyTypeGoesInAndComesBackThroughTheBinaryProtocol() throws Exception {
        try (Connection c = root()) {
            EveryType.createTable(c);
            // When
            try (PreparedStatement insert = serverPrepared(c, EveryType.insertSql())) {
                EveryType.bindValues(insert, 1);
                assertThat(insert.executeUpdate()).isEqualTo(1);
                EveryType.bindNulls(insert, 2);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            // Then
            try (PreparedStatement select = serverPrepared(c, EveryType.selectSql())) {
                select.setInt(1, 1);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    EveryType.assertValues(rs);
                    assertThat(rs.next()).isFalse();
                }
                select.setInt(1, 2);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    EveryType.assertNulls(rs);
                }
            }
        }
    }

    @Test
    void reExecutionWithNewValuesAndNullsReturnsEachRunsRows() throws Exception {
        try (Connection c = root()) {
            useNewDatabase(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
                s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, NULL)");
            }
            try (PreparedStatement ps = serverPrepared(c, "SELECT id, name FROM t WHERE id >= ? AND id <= ? ORDER BY id")) {
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, 1);
                    ps.setInt(2, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rows(rs)).containsExactly(List.of("1", "one"));
                    }
                    ps.setLong(1, 2);
                    ps.setInt(2, 3);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rows(rs)).containsExactly(List.of("2", "two"), java.util.Arrays.asList("3", null));
                    }
                    ps.setNull(1, java.sql.Types.INTEGER);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rows(rs)).as("NULL compares as unknown").isEmpty();
                    }
                }
            }
        }
    }

    @Test
    void batchInsertsEveryRowAndCountsThem() throws Exception {
        try (Connection c = root()) {
            useNewDatabase(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE b (id INT PRIMARY KEY, v VARCHAR(10))");
            }
            try (PreparedStatement ps = serverPrepared(c, "INSERT INTO b VALUES (?, ?)")) {
                for (int i = 1; i <= 50; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, i % 5 == 0 ? null : "v" + i);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertThat(counts).hasSize(50);
                assertThat(java.util.Arrays.stream(counts).boxed()).allSatisfy(
                        n -> assertThat(n).isIn(1, Statement.SUCCESS_NO_INFO));
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(v), SUM(id) FROM b")) {
                assertThat(rows(rs)).containsExactly(List.of("50", "40", "1275"));
            }
        }
    }

    @Test
    void insertReportsTheGeneratedKey() throws Exception {
        try (Connection c = root()) {
            useNewDatabase(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE k (id INT PRIMARY KEY AUTO_INCREMENT, v INT)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO k (v) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setInt(1, 10);
                ps.executeUpdate();
                ps.setInt(1, 20);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertThat(rows(keys)).containsExactly(List.of("2"));
                }
            }
        }
    }

    @Test
    void aStreamSentAsLongDataArrivesWhole() throws Exception {
        byte[] blob = new byte[300_000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 31);
        }
        try (Connection c = root()) {
            useNewDatabase(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE l (id INT, data BLOB, note TEXT)");
            }
            try (PreparedStatement ps = serverPrepared(c, "INSERT INTO l VALUES (?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setBinaryStream(2, new ByteArrayInputStream(blob), blob.length);
                ps.setCharacterStream(3, new java.io.StringReader("é".repeat(10_000)));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = serverPrepared(c, "SELECT data, note FROM l WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBytes(1)).isEqualTo(blob);
                    assertThat(rs.getString(2)).isEqualTo("é".repeat(10_000));
                }
            }
        }
    }

    @Test
    void preparedControlStatementsBindTheirParameters() throws Exception {
        try (Connection c = root()) {
            // Connector/J never prepares SET on the server; MariaDB Connector/J does.
            try (PreparedStatement set = c.prepareStatement("SET @greeting = ?")) {
                set.setString(1, "it's \\ here");
                set.execute();
            }
            try (PreparedStatement select = serverPrepared(c, "SELECT @greeting, @@version_comment")) {
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rows(rs)).containsExactly(List.of("it's \\ here", "wsproxy engine-sim"));
                }
            }
            try (PreparedStatement show = serverPrepared(c, "SHOW VARIABLES LIKE ?")) {
                show.setString(1, "max_prepared_stmt_count");
                try (ResultSet rs = show.executeQuery()) {
                    assertThat(rows(rs)).containsExactly(List.of("max_prepared_stmt_count", "16382"));
                }
            }
        }
    }

    @Test
    void badStatementsFailAtPrepareWithTheirMySqlErrorAndTheSessionGoesOn() throws Exception {
        try (Connection c = root()) {
            useNewDatabase(c);
            // Connector/J runs a statement the server refused to prepare as text, MariaDB's reports at once:
            // either way the client gets the engine's error.
            assertThatThrownBy(() -> executeWithOneParameter(c, "SELEC ?"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1064));
            assertThatThrownBy(() -> executeWithOneParameter(c, "SELECT * FROM missing WHERE id = ?"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1146));
            try (PreparedStatement ps = serverPrepared(c, "SELECT ? + 1")) {
                ps.setInt(1, 41);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rows(rs)).containsExactly(List.of("42"));
                }
            }
        }
    }

    private static void executeWithOneParameter(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, 1);
            ps.execute();
        }
    }

    @Test
    void executeErrorIsTheEnginesAndTheStatementStaysUsable() throws Exception {
        try (Connection c = root()) {
            useNewDatabase(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE u (id INT PRIMARY KEY)");
            }
            try (PreparedStatement ps = serverPrepared(c, "INSERT INTO u VALUES (?)")) {
                ps.setInt(1, 1);
                ps.executeUpdate();
                assertThatThrownBy(ps::executeUpdate)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1062));
                ps.setInt(1, 2);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }

    /**
     * Both drivers quietly fall back to client-side statements when the server refuses a prepare
     * (1461 here, tested on the wire in engine-sim): what a driver shows is that closed statements
     * leave room for new server-side ones.
     */
    @Test
    void closedStatementsLeaveRoomUnderMaxPreparedStmtCount() throws Exception {
        try (Connection admin = root(); Statement s = admin.createStatement()) {
            s.execute("SET GLOBAL max_prepared_stmt_count = 3");
            try (Connection c = root()) {
                for (int round = 0; round < 3; round++) {
                    List<PreparedStatement> open = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        PreparedStatement ps = serverPrepared(c, "SELECT " + i + " + ?");
                        ps.setInt(1, round);
                        try (ResultSet rs = ps.executeQuery()) {
                            assertThat(rows(rs)).containsExactly(List.of(Integer.toString(i + round)));
                        }
                        open.add(ps);
                    }
                    for (PreparedStatement ps : open) {
                        ps.close();
                    }
                }
            } finally {
                s.execute("SET GLOBAL max_prepared_stmt_count = DEFAULT");
            }
        }
    }

    @Test
    void transactionOfPreparedStatementsRollsBack() throws Exception {
        try (Connection c = root()) {
            useNewDatabase(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE tx (v DECIMAL(6,2))");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = serverPrepared(c, "INSERT INTO tx VALUES (?)")) {
                ps.setBigDecimal(1, new BigDecimal("1.25"));
                ps.executeUpdate();
                c.rollback();
                ps.setBigDecimal(1, new BigDecimal("2.50"));
                ps.executeUpdate();
                c.commit();
            }
            c.setAutoCommit(true);
            try (PreparedStatement ps = serverPrepared(c, "SELECT v FROM tx")) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rows(rs)).containsExactly(List.of("2.50"));
                }
            }
        }
    }
}
