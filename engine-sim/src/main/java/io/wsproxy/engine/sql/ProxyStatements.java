package io.wsproxy.engine.sql;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.parse.Statement;
import io.wsproxy.control.parse.Statement.RestartProxy;
import io.wsproxy.engine.session.Session;

/** RESTART PROXY and SHOW PROXY STATUS, until the proxy exists (issues 3 and 4). */
final class ProxyStatements {
    private ProxyStatements() {
    }

    static void notYet(Session session, Statement statement) {
        if (statement instanceof RestartProxy) {
            Privileges.requireGlobal(session);
        }
        throw ErrorCode.NOT_SUPPORTED_YET.error(statement instanceof RestartProxy
                ? "RESTART PROXY (no proxy is built into this node yet)"
                : "SHOW PROXY STATUS (no proxy is built into this node yet)");
    }
}
