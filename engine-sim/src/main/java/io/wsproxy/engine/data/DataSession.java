package io.wsproxy.engine.data;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.wire.message.ComStmtExecute.ParamType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One MySQL session's view of the data plane: its own H2 connection, current database and
 * transaction. Used by the session's thread; {@link #cancel()} may come from any thread (KILL).
 */
public final class DataSession implements AutoCloseable {
    private final DataPlane plane;
    private final Connection connection;
    private String database;
    private volatile Statement running;
    private final QueryInterrupt interrupt = new QueryInterrupt();

    DataSession(DataPlane plane, Connection connection) throws SQLException {
        this.plane = plane;
        this.connection = connection;
        // With no database selected, unqualified names resolve in the read-only
        // information_schema, so no user table can land in H2's PUBLIC schema.
        connection.setSchema(DataPlane.NO_DATABASE_SCHEMA);
        try (Statement s = connection.createStatement()) {
            s.execute("SET SCHEMA_SEARCH_PATH " + DataPlane.FUNCTIONS_SCHEMA);
        }
    }

    public String database() {
        return database;
    }

    public void use(String db) {
        String name = canonical(db);
        if (!plane.exists(name)) {
            throw ErrorCode.BAD_DB.error(db);
        }
        try {
            connection.setSchema(name);
            database = name.equals(DataPlane.NO_DATABASE_SCHEMA) ? null : name;
        } catch (SQLException e) {
            throw DataErrors.translate(e, database);
        }
    }

    public void createDatabase(String name, boolean ifNotExists) {
        String db = canonical(name);
        if (plane.exists(db)) {
            if (ifNotExists) {
                return;
            }
            throw ErrorCode.DB_CREATE_EXISTS.error(name);
        }
        run("CREATE SCHEMA " + quote(db));
    }

    public void dropDatabase(String name, boolean ifExists) {
        String db = canonical(name);
        if (!plane.exists(db) || db.equals(DataPlane.NO_DATABASE_SCHEMA)) {
            if (ifExists) {
                return;
            }
            throw ErrorCode.DB_DROP_EXISTS.error(name);
        }
        run("DROP SCHEMA " + quote(db) + " CASCADE");
        if (db.equals(database)) {
            try {
                connection.setSchema(DataPlane.NO_DATABASE_SCHEMA);
            } catch (SQLException e) {
                throw DataErrors.translate(e, database);
            }
            database = null;
        }
    }

    public void setAutoCommit(boolean on) {
        try {
            connection.setAutoCommit(on);
        } catch (SQLException e) {
            throw DataErrors.translate(e, database);
        }
    }

    public boolean autoCommit() {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            throw DataErrors.translate(e, database);
        }
    }

    private boolean explicitTransaction;

    /** BEGIN: commits what is open, as MySQL does, then holds changes until COMMIT/ROLLBACK. */
    public void begin() {
        try {
            connection.commit();
            connection.setAutoCommit(false);
            explicitTransaction = true;
        } catch (SQLException e) {
            throw DataErrors.translate(e, database);
        }
    }

    public void commit() {
        endTransaction(true);
    }

    public void rollback() {
        endTransaction(false);
    }

    private boolean restoreAutoCommit = true;

    private void endTransaction(boolean commit) {
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            if (explicitTransaction && restoreAutoCommit) {
                connection.setAutoCommit(true);
            }
            explicitTransaction = false;
        } catch (SQLException e) {
            throw DataErrors.translate(e, database);
        }
    }

    /** Whether changes are pending: an explicit transaction, or autocommit off. */
    public boolean inTransaction() {
        try {
            return explicitTransaction || !connection.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Called by the session when SET autocommit changes: BEGIN must then not turn it back on. */
    public void sessionAutoCommit(boolean on) {
        restoreAutoCommit = on;
    }

    public Execution execute(String sql) {
        Statement statement = null;
        try {
            statement = connection.createStatement();
            Statement started = statement;
            return run(statement, () -> started.execute(MySqlLiterals.toH2(sql), Statement.RETURN_GENERATED_KEYS),
                    statement::close);
        } catch (SQLException e) {
            closeQuietly(statement);
            throw translate(e);
        }
    }

    /** COM_STMT_PREPARE of a data statement: H2 compiles it once, with its {@code ?} parameters. */
    public PreparedQuery prepare(String sql) {
        try {
            return PreparedQuery.prepare(connection, MySqlLiterals.toH2(sql), database);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** COM_STMT_EXECUTE of a data statement; the statement stays prepared, its result set closes with the rows. */
    public Execution execute(PreparedQuery query, List<ParamType> types, List<Object> values) {
        PreparedStatement statement = query.statement();
        try {
            query.bind(types, values);
            return run(statement, statement::execute, () -> {
                ResultSet rs = statement.getResultSet();
                if (rs != null) {
                    rs.close();
                }
            });
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * Runs one statement as the session's running one (KILL QUERY cancels it); {@code release} frees
     * what the statement holds once its update count or its rows have been read.
     */
    private Execution run(Statement statement, QueryInterrupt.SqlCall<Boolean> call, SqlRunnable release)
            throws SQLException {
        interrupt.reset();
        running = statement;
        try {
            if (interrupt.during(call)) {
                return new Rows(statement.getResultSet(), database, () -> {
                    running = null;
                    release.runQuietly();
                });
            }
            long affected = Math.max(0, statement.getLargeUpdateCount());
            long lastId = generatedKey(statement);
            running = null;
            release.run();
            return new Execution.Updated(affected, lastId, 0);
        } catch (SQLException | RuntimeException e) {
            running = null;
            throw e;
        }
    }

    /** A JDBC cleanup step. */
    @FunctionalInterface
    interface SqlRunnable {
        void run() throws SQLException;

        default void runQuietly() {
            try {
                run();
            } catch (SQLException ignored) {
                // closing is best effort
            }
        }
    }

    private SqlException translate(SQLException e) {
        SqlException mapped = DataErrors.translate(e, database);
        // Unqualified names resolve in information_schema when no database is selected.
        if (database == null && (mapped.code() == 1146 || e.getErrorCode() == 90096 || e.getErrorCode() == 90085)) {
            return ErrorCode.NO_DB.error();
        }
        return mapped;
    }

    private static long generatedKey(Statement statement) {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            long last = 0;
            while (keys.next()) {
                last = keys.getLong(1);
            }
            return last;
        } catch (SQLException | RuntimeException e) {
            return 0;
        }
    }

    /** COM_FIELD_LIST: the columns of a table in the current database. */
    public List<Column> fieldList(String table, String wildcard) {
        if (database == null) {
            throw ErrorCode.NO_DB.error();
        }
        String pattern = wildcard == null || wildcard.isEmpty() ? "%" : wildcard;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + quote(database) + "." + quote(canonical(table))
                        + " WHERE FALSE")) {
            List<Column> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Column c = ColumnMapping.of(rs.getMetaData(), i, database).column();
                if (io.wsproxy.control.vars.ExprEvaluator.like(c.name(), pattern)) {
                    columns.add(c);
                }
            }
            return columns;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** KILL QUERY: the running statement fails with 1317, SLEEP included. */
    public void cancel() {
        Statement s = running;
        if (s != null) {
            interrupt.request();
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // finished meanwhile
            }
        }
    }

    private void run(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void closeQuietly(Statement s) {
        if (s != null) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public void close() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.close();
        } catch (SQLException ignored) {
            // the session is going away either way
        }
    }

    DatabaseMetaData metaData() throws SQLException {
        return connection.getMetaData();
    }
}
