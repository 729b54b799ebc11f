package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;

/** COM_QUIT: the server closes the connection without a reply. */
final class QuitCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) {
        return false;
    }
}
