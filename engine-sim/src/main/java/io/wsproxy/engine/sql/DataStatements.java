package io.wsproxy.engine.sql;

import io.wsproxy.control.parse.Statement.CreateDatabase;
import io.wsproxy.control.parse.Statement.DropDatabase;
import io.wsproxy.control.parse.Statement.Passthrough;
import io.wsproxy.control.parse.Statement.ShowDatabases;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.control.vars.ExprEvaluator;
import io.wsproxy.engine.data.Column;
import io.wsproxy.engine.data.Execution;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireWriter;
import io.wsproxy.wire.message.ColumnDefinition41;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Statements for the H2 data plane, and the database statements the engine translates. */
final class DataStatements {
    /** The first word after leading whitespace and comments. */
    private static final Pattern FIRST_WORD =
            Pattern.compile("\\A(?:\\s+|/\\*.*?\\*/|--[ \\t][^\\n]*\\n?|#[^\\n]*\\n?)*([A-Za-z]+)", Pattern.DOTALL);

    private DataStatements() {
    }

    static void passthrough(Session session, Passthrough statement, boolean more) throws IOException {
        checkPrivilege(session, statement.sql());
        Execution execution = session.data().execute(statement.sql());
        if (execution instanceof Execution.Updated updated) {
            Results.ok(session, updated.affectedRows(), updated.lastInsertId(), more);
            return;
        }
        try (Execution.ResultStream rows = (Execution.ResultStream) execution) {
            List<ColumnDefinition41> columns = new ArrayList<>();
            for (Column column : rows.columns()) {
                columns.add(Results.of(column));
            }
            Results.begin(session, columns);
            WireWriter buffer = new WireWriter(256);
            byte[][] row;
            while ((row = rows.next()) != null) {
                Results.row(session, buffer, row);
            }
            Results.end(session, more);
        }
    }

    static void createDatabase(Session session, CreateDatabase statement, boolean more) throws IOException {
        Privileges.requireOnDatabase(session, Privilege.CREATE, statement.name());
        session.data().createDatabase(statement.name(), statement.ifNotExists());
        Results.ok(session, 1, 0, more);
    }

    static void dropDatabase(Session session, DropDatabase statement, boolean more) throws IOException {
        Privileges.requireOnDatabase(session, Privilege.DROP, statement.name());
        session.data().dropDatabase(statement.name(), statement.ifExists());
        Results.ok(session, 0, 0, more);
    }

    static void showDatabases(Session session, ShowDatabases statement, boolean more) throws IOException {
        List<byte[][]> rows = new ArrayList<>();
        for (String database : session.node().data().databases()) {
            boolean visible = "information_schema".equals(database)
                    || session.account().canAccessDatabase(database);
            boolean like = statement.likePattern() == null || ExprEvaluator.like(database, statement.likePattern());
            if (visible && like) {
                rows.add(Results.row(database));
            }
        }
        Results.table(session, List.of(Results.text("Database")), rows, more);
    }

    /**
     * A coarse check by statement kind against the current database: enough to keep a user
     * granted SELECT on db.* from writing to it. Statements without a current database are left
     * to the data plane (which answers 1046 when a table needs one).
     */
    static void checkPrivilege(Session session, String sql) {
        String database = session.data().database();
        Privilege needed = requiredPrivilege(sql);
        if (database != null && needed != null) {
            Privileges.requireOnDatabase(session, needed, database);
        }
    }

    static Privilege requiredPrivilege(String sql) {
        Matcher m = FIRST_WORD.matcher(sql);
        if (!m.find()) {
            return null;
        }
        return switch (m.group(1).toUpperCase(Locale.ROOT)) {
            case "SELECT", "WITH", "TABLE", "VALUES" -> Privilege.SELECT;
            case "INSERT", "REPLACE", "MERGE" -> Privilege.INSERT;
            case "UPDATE" -> Privilege.UPDATE;
            case "DELETE" -> Privilege.DELETE;
            case "CREATE" -> Privilege.CREATE;
            case "DROP", "TRUNCATE" -> Privilege.DROP;
            case "ALTER", "RENAME" -> Privilege.ALTER;
            default -> null;
        };
    }
}
