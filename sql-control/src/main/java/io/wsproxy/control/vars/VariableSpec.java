package io.wsproxy.control.vars;

/**
 * One system variable, declared once: its type (with its range) and default, where it lives
 * (global, session or both), whether SET may change it at all, whether RESTART PROXY applies it,
 * and whether memsql.cnf may set it. The parser's names, SET, memsql.cnf seeding, SHOW VARIABLES
 * and the proxy's settings all read this one declaration.
 *
 * @param proxy       a proxy variable (DESIGN.md section 3): SET GLOBAL needs SUPER, and it takes
 *                    effect only at the next RESTART PROXY
 * @param runtimeOnly SET GLOBAL only: memsql.cnf may not set it (the fault-injection switch)
 */
public record VariableSpec(String name, VarType type, Object defaultValue, boolean global, boolean session,
        boolean readOnly, boolean proxy, boolean runtimeOnly) {
    public VariableSpec {
        if (!global && !session) {
            throw new IllegalArgumentException(name + " must be global, session or both");
        }
        if ((proxy || runtimeOnly) && (session || readOnly)) {
            throw new IllegalArgumentException(name + ": proxy and runtime-only variables are global and settable");
        }
        defaultValue = defaultValue == null ? null : type.coerce(name, defaultValue);
    }

    static VariableSpec global(String name, VarType type, Object value) {
        return new VariableSpec(name, type, value, true, false, false, false, false);
    }

    static VariableSpec readOnly(String name, VarType type, Object value) {
        return new VariableSpec(name, type, value, true, false, true, false, false);
    }

    static VariableSpec both(String name, VarType type, Object value) {
        return new VariableSpec(name, type, value, true, true, false, false, false);
    }

    static VariableSpec proxy(String name, VarType type, Object value) {
        return new VariableSpec(name, type, value, true, false, false, true, false);
    }

    /** A proxy variable that memsql.cnf refuses: a switch for a running node, never a setting to boot with. */
    static VariableSpec proxySwitch(String name, VarType type, Object value) {
        return new VariableSpec(name, type, value, true, false, false, true, true);
    }

    public boolean globalOnly() {
        return global && !session;
    }

    public boolean sessionOnly() {
        return session && !global;
    }
}
