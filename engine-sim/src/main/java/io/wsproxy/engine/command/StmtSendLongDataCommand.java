package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComStmtSendLongData;

/**
 * COM_STMT_SEND_LONG_DATA: appends to a parameter's value. There is no reply: a piece for a
 * parameter that does not exist, or past max_allowed_packet, fails the next COM_STMT_EXECUTE, as
 * in MySQL; an unknown statement or a short packet is ignored.
 */
final class StmtSendLongDataCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) {
        ComStmtSendLongData piece;
        try {
            piece = ComStmtSendLongData.decode(body);
        } catch (MalformedPacketException e) {
            return true;
        }
        long max = session.node().variables().globalLong("max_allowed_packet");
        session.statements().find(piece.statementId())
                .ifPresent(s -> s.appendLongData(piece.paramId(), piece.data(), max));
        return true;
    }
}
