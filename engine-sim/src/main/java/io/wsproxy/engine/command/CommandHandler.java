package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import java.io.IOException;

/** Serves one COM_* command; the body starts after the command byte. */
interface CommandHandler {
    /** Writes the reply; returns false when the connection must end (COM_QUIT). */
    boolean handle(Session session, WireReader body) throws IOException;
}
