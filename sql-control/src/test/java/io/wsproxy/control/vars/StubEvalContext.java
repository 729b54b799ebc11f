package io.wsproxy.control.vars;

import java.util.HashMap;
import java.util.Map;

/** What a session shows an expression, without an engine: variables from a SessionVariables, fixed identity. */
final class StubEvalContext implements EvalContext {
    private final SessionVariables session;
    private final Map<String, Object> columns = new HashMap<>();

    StubEvalContext(SessionVariables session) {
        this.session = session;
    }

    /** A row for SHOW VARIABLES WHERE: column names are case-insensitive, as in MySQL. */
    StubEvalContext withColumn(String name, Object value) {
        columns.put(name.toLowerCase(), value);
        return this;
    }

    @Override
    public Object systemVariable(Scope scope, String name) {
        return session.read(scope, name);
    }

    @Override
    public Object userVariable(String name) {
        return session.userVariable(name);
    }

    @Override
    public String database() {
        return "shop";
    }

    @Override
    public String user() {
        return "app@10.0.0.7";
    }

    @Override
    public String currentUser() {
        return "app@%";
    }

    @Override
    public long connectionId() {
        return 42;
    }

    @Override
    public String version() {
        return "8.0.35-wsproxy";
    }

    @Override
    public Object column(String name) {
        String key = name.toLowerCase();
        if (!columns.containsKey(key)) {
            return EvalContext.super.column(name);
        }
        return columns.get(key);
    }
}
