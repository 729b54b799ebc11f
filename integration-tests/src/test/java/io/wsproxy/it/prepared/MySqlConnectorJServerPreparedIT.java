package io.wsproxy.it.prepared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side prepared statements through MySQL Connector/J, its cursor fetch, and COM_RESET_CONNECTION. */
class MySqlConnectorJServerPreparedIT extends ServerPreparedSuite {
    @Override
    String url(String options) {
        return node.mysqlUrl("sslMode=DISABLED&allowPublicKeyRetrieval=true&useServerPrepStmts=true"
                + (options.isEmpty() ? "" : "&" + options));
    }

    /**
     * useCursorFetch with a fetch size: Connector/J asks COM_STMT_EXECUTE for a cursor, reads the
     * EOF carrying SERVER_STATUS_CURSOR_EXISTS, then takes the rows with COM_STMT_FETCH.
     */
    @Test
    void cursorFetchReadsEveryRowInPiecesOfTheFetchSize() throws Exception {
        try (Connection c = root("useCursorFetch=true")) {
            useNewDatabase(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE n (v INT, label VARCHAR(10))");
                s.execute("INSERT INTO n SELECT X, CONCAT('row ', X) FROM SYSTEM_RANGE(1, 10)");
            }
            try (PreparedStatement ps = serverPrepared(c, "SELECT v, label FROM n WHERE v > ? ORDER BY v")) {
                ps.setFetchSize(3);
                for (int round = 0; round < 2; round++) {
                    ps.setInt(1, round);
                    List<Integer> seen = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            seen.add(rs.getInt(1));
                            assertThat(rs.getString(2)).isEqualTo("row " + rs.getInt(1));
                        }
                    }
                    assertThat(seen).hasSize(10 - round).startsWith(round + 1).endsWith(10);
                }
            }
            try (PreparedStatement ps = serverPrepared(c, "SELECT v FROM n WHERE v > ?")) {
                ps.setFetchSize(3);
                ps.setInt(1, 100);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("an empty cursor").isFalse();
                }
            }
        }
    }

    /**
     * Connector/J's resetServerState() sends COM_RESET_CONNECTION (MariaDB Connector/J's reset()
     * only does to a MariaDB server).
     */
    @Test
    void resetConnectionRollsBackAndForgetsUserVariablesButKeepsTheDatabase() throws Exception {
        try (Connection c = root()) {
            String db = useNewDatabase(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE r (v INT)");
                s.execute("SET @kept = 'before'");
                s.execute("BEGIN");
                s.execute("INSERT INTO r VALUES (1)");
            }
            // When
            c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).resetServerState();
            // Then
            try (PreparedStatement ps = serverPrepared(c, "SELECT @kept, DATABASE(), @@autocommit")) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rows(rs)).containsExactly(java.util.Arrays.asList(null, db, "1"));
                }
            }
            try (PreparedStatement ps = serverPrepared(c, "SELECT COUNT(*) FROM r")) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rows(rs)).as("the open transaction was rolled back").containsExactly(List.of("0"));
                }
            }
        }
    }
}
