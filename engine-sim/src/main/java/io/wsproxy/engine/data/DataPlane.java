package io.wsproxy.engine.data;

import io.wsproxy.control.SqlException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's data: one embedded H2 database in MySQL mode under {@code data/}, where each MySQL
 * database is an H2 schema. H2's own PUBLIC schema is never shown or used for user tables.
 */
public final class DataPlane implements AutoCloseable {
    /**
     * MODE=MySQL for the dialect; DATABASE_TO_LOWER and CASE_INSENSITIVE_IDENTIFIERS so names
     * behave as MySQL's do on a client; DB_CLOSE_DELAY=-1 keeps it open between sessions.
     */
    private static final String SETTINGS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
            + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE";

    static final String NO_DATABASE_SCHEMA = "information_schema";
    /**
     * Where the MySQL functions H2 lacks live (SLEEP): H2's PUBLIC schema, hidden from SHOW
     * DATABASES, on every session's schema search path so a call resolves whatever the current
     * database is.
     */
    static final String FUNCTIONS_SCHEMA = "public";

    private final String url;
    private final Connection admin;

    private DataPlane(String url, Connection admin) {
        this.url = url;
        this.admin = admin;
    }

    public static DataPlane open(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("engine") + SETTINGS;
        try {
            Connection admin = DriverManager.getConnection(url, "engine", "");
            installFunctions(admin);
            return new DataPlane(url, admin);
        } catch (SQLException e) {
            throw DataErrors.translate(e, null);
        }
    }

    private static void installFunctions(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE ALIAS IF NOT EXISTS " + FUNCTIONS_SCHEMA + ".SLEEP FOR '"
                    + QueryInterrupt.class.getName() + ".sleep'");
        }
    }

    public DataSession openSession() {
        try {
            return new DataSession(this, DriverManager.getConnection(url, "engine", ""));
        } catch (SQLException e) {
            throw DataErrors.translate(e, null);
        }
    }

    /** information_schema and the user databases, sorted, as SHOW DATABASES lists them. */
    public List<String> databases() {
        List<String> names = new ArrayList<>();
        names.add(NO_DATABASE_SCHEMA);
        synchronized (admin) {
            try (Statement s = admin.createStatement();
                    ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!lower.equals("public") && !lower.equals(NO_DATABASE_SCHEMA)) {
                        names.add(name);
                    }
                }
            } catch (SQLException e) {
                throw DataErrors.translate(e, null);
            }
        }
        names.subList(1, names.size()).sort(String::compareTo);
        return names;
    }

    boolean exists(String database) {
        return databases().stream().anyMatch(d -> d.equalsIgnoreCase(database));
    }

    @Override
    public void close() {
        try {
            synchronized (admin) {
                admin.close();
            }
        } catch (SQLException e) {
            throw new SqlException(1105, "HY000", "closing the data plane: " + e.getMessage());
        }
    }
}
