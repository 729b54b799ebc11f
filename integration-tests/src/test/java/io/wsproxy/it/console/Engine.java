package io.wsproxy.it.console;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Eventually;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** What the console tests ask a node directly, as root over Connector/J. */
final class Engine {
    private Engine() {
    }

    private static Connection root(EngineNode node, String rootPassword) throws SQLException {
        return DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", rootPassword);
    }

    /** Waits until some session of the node is executing exactly {@code sql}. */
    static void awaitRunning(EngineNode node, String rootPassword, String sql) {
        try (Connection c = root(node, rootPassword); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT = ?")) {
            s.setString(1, sql);
            Eventually.await(Duration.ofSeconds(30), "the engine runs " + sql, () -> {
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getInt(1) > 0;
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
            });
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code SET GLOBAL proxy_allowed_origins = origins; RESTART PROXY}. */
    static void allowOrigins(EngineNode node, String rootPassword, String origins) throws SQLException {
        try (Connection c = root(node, rootPassword); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL proxy_allowed_origins = '" + origins + "'");
            s.execute("RESTART PROXY");
        }
    }
}
