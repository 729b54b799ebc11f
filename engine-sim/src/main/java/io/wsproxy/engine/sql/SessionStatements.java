package io.wsproxy.engine.sql;

import io.wsproxy.control.SqlWarning;
import io.wsproxy.control.parse.Statement.Kill;
import io.wsproxy.control.parse.Statement.ShowWarnings;
import io.wsproxy.control.parse.Statement.TransactionControl;
import io.wsproxy.control.parse.Statement.Use;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** SHOW WARNINGS, USE, BEGIN/COMMIT/ROLLBACK, KILL. */
final class SessionStatements {
    private SessionStatements() {
    }

    static void showWarnings(Session session, ShowWarnings statement, boolean more) throws IOException {
        List<SqlWarning> shown = new ArrayList<>();
        for (SqlWarning warning : session.warnings()) {
            if (!statement.errorsOnly() || warning.level() == SqlWarning.Level.ERROR) {
                shown.add(warning);
            }
        }
        if (statement.countOnly()) {
            String label = statement.errorsOnly() ? "@@session.error_count" : "@@session.warning_count";
            Results.table(session, List.of(Results.bigint(label)),
                    List.<byte[][]>of(Results.row(Integer.toString(shown.size()))), more);
            return;
        }
        long limit = statement.limit() == null ? Long.MAX_VALUE : statement.limit();
        List<byte[][]> rows = new ArrayList<>();
        for (SqlWarning warning : shown) {
            if (rows.size() >= limit) {
                break;
            }
            rows.add(Results.row(warning.level().label(), Integer.toString(warning.code()), warning.message()));
        }
        Results.table(session, List.of(Results.text("Level"), Results.bigint("Code"), Results.text("Message")),
                rows, more);
    }

    static void use(Session session, Use statement, boolean more) throws IOException {
        session.use(statement.database());
        Results.ok(session, 0, 0, more);
    }

    static void transaction(Session session, TransactionControl statement, boolean more) throws IOException {
        switch (statement.kind()) {
            case BEGIN -> session.data().begin();
            case COMMIT -> session.data().commit();
            case ROLLBACK -> session.data().rollback();
        }
        Results.ok(session, 0, 0, more);
    }

    static void kill(Session session, Kill statement, boolean more) throws IOException {
        SessionKiller.kill(session, statement.connectionId(), statement.queryOnly());
        if (!session.killed()) {
            Results.ok(session, 0, 0, more);
        }
    }
}
