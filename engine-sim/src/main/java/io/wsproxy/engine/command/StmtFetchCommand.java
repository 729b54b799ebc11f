package io.wsproxy.engine.command;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.engine.session.Cursor;
import io.wsproxy.engine.session.ServerStatement;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComStmtFetch;
import java.io.IOException;

/** COM_STMT_FETCH: the next rows of the statement's cursor; the cursor closes after its last row. */
final class StmtFetchCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        ComStmtFetch fetch = ComStmtFetch.decode(body);
        ServerStatement statement = session.statements().require(fetch.statementId(), "mysqld_stmt_fetch");
        Cursor cursor = statement.cursor();
        if (cursor == null) {
            throw ErrorCode.STMT_HAS_NO_OPEN_CURSOR.error(fetch.statementId());
        }
        if (cursor.fetch(session, fetch.rowCount())) {
            statement.cursor(null);
        }
        return true;
    }
}
