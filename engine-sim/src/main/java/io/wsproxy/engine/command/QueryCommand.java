package io.wsproxy.engine.command;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.SqlWarning;
import io.wsproxy.control.parse.SqlSplitter;
import io.wsproxy.engine.session.Session;
import io.wsproxy.engine.sql.StatementExecutor;
import io.wsproxy.wire.WireReader;
import java.io.IOException;
import java.util.List;

/**
 * COM_QUERY: one or more statements (multi-statements when the client enabled them). Each
 * statement's reply carries SERVER_MORE_RESULTS_EXISTS except the last; the first error ends
 * the query, as in MySQL.
 */
final class QueryCommand implements CommandHandler {
    private final StatementExecutor executor = new StatementExecutor();

    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        List<String> statements = SqlSplitter.split(body.restString());
        if (statements.isEmpty()) {
            throw ErrorCode.EMPTY_QUERY.error();
        }
        if (statements.size() > 1 && !session.multiStatements()) {
            throw ErrorCode.PARSE_ERROR.error(abbreviate(statements.get(1)), 1);
        }
        for (int i = 0; i < statements.size(); i++) {
            try {
                executor.execute(session, statements.get(i), i < statements.size() - 1);
            } catch (SqlException e) {
                session.warnings().clear();
                session.warnings().add(new SqlWarning(SqlWarning.Level.ERROR, e.code(), e.getMessage()));
                throw e;
            }
        }
        return true;
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 80 ? sql : sql.substring(0, 80);
    }
}
