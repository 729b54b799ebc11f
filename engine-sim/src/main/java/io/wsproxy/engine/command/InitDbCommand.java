package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComInitDb;
import java.io.IOException;

/** COM_INIT_DB: what {@code USE db} does, for clients that send the command. */
final class InitDbCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        session.use(ComInitDb.decode(body).schema());
        session.warnings().clear();
        Results.ok(session, 0, 0, false);
        return true;
    }
}
