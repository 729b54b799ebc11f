package io.wsproxy.control.vars;

/**
 * One system variable: its type and default, where it lives (global, session or both) and
 * whether SET may change it at all.
 */
public record VariableSpec(String name, VarType type, Object defaultValue, boolean global, boolean session,
        boolean readOnly) {
    public VariableSpec {
        if (!global && !session) {
            throw new IllegalArgumentException(name + " must be global, session or both");
        }
        defaultValue = defaultValue == null ? null : type.coerce(name, defaultValue);
    }

    public boolean globalOnly() {
        return global && !session;
    }

    public boolean sessionOnly() {
        return session && !global;
    }
}
