package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.engine.sql.SessionKiller;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComProcessKill;
import java.io.IOException;

/** COM_PROCESS_KILL: {@code KILL CONNECTION id} as a command. */
final class ProcessKillCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        SessionKiller.kill(session, ComProcessKill.decode(body).connectionId(), false);
        Results.ok(session, 0, 0, false);
        return true;
    }
}
