package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComStmtClose;

/**
 * COM_STMT_CLOSE: frees the statement. The client reads no reply, so none is sent, not even for
 * an unknown id or a short packet (MySQL ignores both).
 */
final class StmtCloseCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) {
        try {
            session.statements().close(ComStmtClose.decode(body).statementId());
        } catch (MalformedPacketException e) {
            // no reply to send it in
        }
        return true;
    }
}
