package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComStmtReset;
import java.io.IOException;

/** COM_STMT_RESET: drops long data and the cursor; OK, or 1243 for an unknown statement. */
final class StmtResetCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        long id = ComStmtReset.decode(body).statementId();
        session.statements().require(id, "mysqld_stmt_reset").reset();
        Results.ok(session, 0, 0, false);
        return true;
    }
}
