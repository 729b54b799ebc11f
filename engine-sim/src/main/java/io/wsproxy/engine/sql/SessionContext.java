package io.wsproxy.engine.sql;

import io.wsproxy.control.vars.EvalContext;
import io.wsproxy.control.vars.Scope;
import io.wsproxy.engine.session.Session;

/** What expressions in SET and SELECT @@... see of a session. */
class SessionContext implements EvalContext {
    private final Session session;

    SessionContext(Session session) {
        this.session = session;
    }

    @Override
    public Object systemVariable(Scope scope, String name) {
        return session.variables().read(scope, name);
    }

    @Override
    public Object userVariable(String name) {
        return session.variables().userVariable(name);
    }

    @Override
    public String database() {
        return session.data().database();
    }

    @Override
    public String user() {
        return session.account().ref().user() + "@" + session.clientHost();
    }

    @Override
    public String currentUser() {
        return session.account().ref().user() + "@" + session.account().ref().host();
    }

    @Override
    public long connectionId() {
        return session.id();
    }

    @Override
    public String version() {
        return session.node().variables().globalString("version");
    }
}
