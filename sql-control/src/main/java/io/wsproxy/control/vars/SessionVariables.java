package io.wsproxy.control.vars;

import io.wsproxy.control.ErrorCode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One session's values of the session variables (copied from the globals at connect, as MySQL
 * does) and its user variables. Used by the session's own thread only.
 */
public final class SessionVariables {
    private final VariableRegistry registry;
    private final Map<String, Object> values;
    private final Map<String, Object> userVariables = new HashMap<>();

    SessionVariables(VariableRegistry registry, Map<String, Object> values) {
        this.registry = registry;
        this.values = values;
    }

    /**
     * {@code SELECT @@x} semantics: no scope reads the session value when there is one, else the
     * global; {@code @@session.x} of a global-only variable and {@code @@global.x} of a
     * session-only one are 1238; unknown is 1193. Returns the SELECT form (1/0 for booleans).
     */
    public Object read(Scope scope, String name) {
        VariableSpec spec = registry.require(name);
        if (scope == Scope.SESSION && !spec.session()) {
            throw ErrorCode.INCORRECT_GLOBAL_LOCAL_VAR.error(spec.name(), "GLOBAL");
        }
        if (scope == Scope.GLOBAL && !spec.global()) {
            throw ErrorCode.INCORRECT_GLOBAL_LOCAL_VAR.error(spec.name(), "SESSION");
        }
        Object value = scope != Scope.GLOBAL && spec.session() ? values.get(spec.name())
                : registry.globalRaw(spec.name());
        return spec.type().select(value);
    }

    /** The canonical value: the session's, or the global one for a global-only variable. */
    public Object get(String name) {
        VariableSpec spec = registry.require(name);
        return spec.session() ? values.get(spec.name()) : registry.globalRaw(spec.name());
    }

    void put(String canonicalName, Object value) {
        values.put(canonicalName, value);
    }

    public Object userVariable(String name) {
        return userVariables.get(name.toLowerCase(Locale.ROOT));
    }

    public void setUserVariable(String name, Object value) {
        userVariables.put(name.toLowerCase(Locale.ROOT), value);
    }

    public boolean autocommit() {
        return Boolean.TRUE.equals(values.get("autocommit"));
    }
}
