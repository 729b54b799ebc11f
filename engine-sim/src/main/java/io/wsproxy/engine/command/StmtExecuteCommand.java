package io.wsproxy.engine.command;

import io.wsproxy.control.SqlException;
import io.wsproxy.control.SqlWarning;
import io.wsproxy.engine.data.Execution;
import io.wsproxy.engine.session.BinaryResults;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.ServerStatement;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComStmtExecute;
import java.io.IOException;
import java.util.List;

/**
 * COM_STMT_EXECUTE: binds the parameters and runs the statement; an OK, or its rows in the binary
 * protocol, at once or, when the client asks for a cursor, through COM_STMT_FETCH. Iteration
 * counts other than 1 (MariaDB's bulk form) are not negotiated, and are run once.
 */
final class StmtExecuteCommand implements CommandHandler {
    private static final String COMMAND = "mysqld_stmt_execute";

    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        ComStmtExecute execute = ComStmtExecute.decode(body, session.capabilities(),
                id -> session.statements().find(id).map(ServerStatement::shape).orElse(null));
        ServerStatement statement = session.statements().require(execute.statementId(), COMMAND);
        statement.cursor(null);
        Execution result;
        try {
            List<Object> values = statement.bind(execute);
            result = statement.prepared().execute(session, execute.types(), values);
        } catch (SqlException e) {
            session.warnings().clear();
            session.warnings().add(new SqlWarning(SqlWarning.Level.ERROR, e.code(), e.getMessage()));
            throw e;
        } finally {
            statement.clearLongData();
        }
        if (result instanceof Execution.Updated updated) {
            Results.ok(session, updated.affectedRows(), updated.lastInsertId(), false);
        } else if (execute.wantsCursor()) {
            statement.cursor(BinaryResults.open(session, (Execution.ResultStream) result));
        } else {
            BinaryResults.write(session, (Execution.ResultStream) result);
        }
        return true;
    }
}
