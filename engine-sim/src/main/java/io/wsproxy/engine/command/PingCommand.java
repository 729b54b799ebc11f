package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import java.io.IOException;

/** COM_PING: OK. */
final class PingCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        Results.ok(session, 0, 0, false);
        return true;
    }
}
