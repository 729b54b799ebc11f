package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import java.io.IOException;

/** COM_RESET_CONNECTION: the session's state reset as MySQL does, then OK. */
final class ResetConnectionCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        session.reset();
        Results.ok(session, 0, 0, false);
        return true;
    }
}
