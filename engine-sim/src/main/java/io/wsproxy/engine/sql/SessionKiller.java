package io.wsproxy.engine.sql;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.engine.session.Session;

/** KILL [CONNECTION | QUERY] id and COM_PROCESS_KILL. */
public final class SessionKiller {
    private SessionKiller() {
    }

    /**
     * Cancels the target's running statement (it gets 1317) and, unless {@code queryOnly}, closes
     * its connection. Another account's session needs SUPER (1095); an unknown id is 1094.
     */
    public static void kill(Session session, long connectionId, boolean queryOnly) {
        Session target = session.node().sessions().find(connectionId)
                .orElseThrow(() -> ErrorCode.NO_SUCH_THREAD.error(connectionId));
        boolean own = target.account() != null
                && target.account().ref().equals(session.account().ref());
        if (!own && !Privileges.hasSuper(session)) {
            throw ErrorCode.KILL_DENIED.error(connectionId);
        }
        session.node().log().info("connection {} kills {} of connection {}", session.id(),
                queryOnly ? "the query" : "the connection", connectionId);
        if (queryOnly) {
            target.killQuery();
        } else {
            target.kill();
        }
    }
}
