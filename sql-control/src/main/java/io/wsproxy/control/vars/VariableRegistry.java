package io.wsproxy.control.vars;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.SqlWarning;
import io.wsproxy.control.parse.Expr;
import io.wsproxy.control.parse.Statement.Assignment;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The node's system variables: typed specs and global values. SET validates every assignment
 * before it changes anything, so a statement is all or nothing. Thread-safe: globals change
 * under this object's lock.
 */
public final class VariableRegistry {
    private final Map<String, VariableSpec> specs = new LinkedHashMap<>();
    private final Map<String, Object> globals = new HashMap<>();

    private VariableRegistry(List<VariableSpec> catalogue) {
        for (VariableSpec spec : catalogue) {
            specs.put(spec.name(), spec);
            globals.put(spec.name(), spec.defaultValue());
        }
    }

    public static VariableRegistry standard() {
        return new VariableRegistry(Catalogue.standard());
    }

    /** By name, any case; '-' and '_' are the same, as in memsql.cnf. */
    public Optional<VariableSpec> find(String name) {
        return Optional.ofNullable(specs.get(canonical(name)));
    }

    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    VariableSpec require(String name) {
        return find(name).orElseThrow(() -> ErrorCode.UNKNOWN_SYSTEM_VARIABLE.error(name));
    }

    /**
     * Reads several globals with no SET in between: a setting made of more than one variable (the
     * two proxy ports) must never mix values from before and after another session's statement.
     */
    public <T> T consistent(Supplier<T> reader) {
        synchronized (this) {
            return reader.get();
        }
    }

    public synchronized Object global(String name) {
        return globals.get(require(name).name());
    }

    public long globalLong(String name) {
        return (Long) global(name);
    }

    public boolean globalBool(String name) {
        return Boolean.TRUE.equals(global(name));
    }

    public String globalString(String name) {
        Object v = global(name);
        return v == null ? "" : v.toString();
    }

    /** A declared integer variable whose range fits an int (a port, a limit): checked by its type on SET. */
    public int globalInt(VariableSpec spec) {
        return Math.toIntExact(globalLong(spec.name()));
    }

    public boolean globalBool(VariableSpec spec) {
        return globalBool(spec.name());
    }

    public String globalString(VariableSpec spec) {
        return globalString(spec.name());
    }

    /** For the engine: sets any variable, read-only ones included, still type-checked. */
    public synchronized void setInternal(String name, Object value) {
        VariableSpec spec = require(name);
        globals.put(spec.name(), spec.type().coerce(spec.name(), value));
    }

    /**
     * Seeds globals from memsql.cnf's [server] entries. Unknown keys and bad values are skipped
     * and reported, one message each; other engine options (port, socket ...) are known here.
     */
    public synchronized List<String> seedFromConfig(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        config.forEach((key, raw) -> {
            Optional<VariableSpec> spec = find(key);
            if (spec.isEmpty()) {
                problems.add("unknown option '" + key + "' ignored");
                return;
            }
            if (spec.get().runtimeOnly()) {
                problems.add("'" + key + "' ignored: " + spec.get().name()
                        + " is a runtime switch (SET GLOBAL only), never a setting to start with");
                return;
            }
            try {
                globals.put(spec.get().name(), spec.get().type().fromConfig(spec.get().name(), raw));
            } catch (SqlException e) {
                problems.add("'" + key + " = " + raw + "' ignored: " + e.getMessage());
            }
        });
        return problems;
    }

    public SessionVariables newSession() {
        Map<String, Object> values = new HashMap<>();
        synchronized (this) {
            specs.values().stream().filter(VariableSpec::session)
                    .forEach(s -> values.put(s.name(), globals.get(s.name())));
        }
        return new SessionVariables(this, values);
    }

    /**
     * Runs one SET statement's assignments: all are checked (1193, 1238, 1229, 1228, 1227,
     * 1232, 1231, in MySQL's order) before any is applied. Returns the statement's warnings:
     * 9101 when it leaves both proxy ports set.
     */
    public List<SqlWarning> apply(List<Assignment> assignments, SessionVariables session, boolean hasSuper,
            EvalContext context) {
        List<Runnable> changes = new ArrayList<>();
        boolean touchesProxyPort = false;
        synchronized (this) {
            for (Assignment a : assignments) {
                if (a.scope() == Scope.USER) {
                    Object value = ExprEvaluator.eval(a.value(), context);
                    changes.add(() -> session.setUserVariable(a.name(), value));
                    continue;
                }
                VariableSpec spec = require(a.name());
                if (spec.readOnly()) {
                    throw ErrorCode.INCORRECT_GLOBAL_LOCAL_VAR.error(spec.name(), "read only");
                }
                boolean global = a.scope() == Scope.GLOBAL;
                if (!global && !spec.session()) {
                    throw ErrorCode.GLOBAL_VARIABLE.error(spec.name());
                }
                if (global && !spec.global()) {
                    throw ErrorCode.LOCAL_VARIABLE.error(spec.name());
                }
                if (global && !hasSuper) {
                    throw ErrorCode.SPECIFIC_ACCESS_DENIED.error("SUPER");
                }
                Object value;
                if (a.value() instanceof Expr.Default) {
                    value = global ? spec.defaultValue() : globals.get(spec.name());
                } else {
                    value = spec.type().coerce(spec.name(), ExprEvaluator.eval(a.value(), context));
                }
                touchesProxyPort |= global && isProxyPort(spec);
                changes.add(global ? () -> globals.put(spec.name(), value) : () -> session.put(spec.name(), value));
            }
            changes.forEach(Runnable::run);
            if (touchesProxyPort && (Long) globals.get(ProxyVariables.HTTPS_PROXY_PORT.name()) != 0
                    && (Long) globals.get(ProxyVariables.HTTP_PROXY_PORT.name()) != 0) {
                return List.of(ErrorCode.PROXY_PORT_CONFLICT.warning(
                        "https_proxy_port and http_proxy_port are both set; RESTART PROXY will fail until one of them is 0"));
            }
        }
        return List.of();
    }

    private static boolean isProxyPort(VariableSpec spec) {
        return spec == ProxyVariables.HTTPS_PROXY_PORT || spec == ProxyVariables.HTTP_PROXY_PORT;
    }

    /** SHOW [GLOBAL|SESSION] VARIABLES: name and printed value, sorted by name. */
    public List<Map.Entry<String, String>> show(Scope scope, SessionVariables session) {
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        synchronized (this) {
            for (VariableSpec spec : specs.values()) {
                Object value;
                if (scope == Scope.GLOBAL || !spec.session()) {
                    if (!spec.global()) {
                        continue;
                    }
                    value = globals.get(spec.name());
                } else {
                    value = session.get(spec.name());
                }
                rows.add(new AbstractMap.SimpleImmutableEntry<>(spec.name(), spec.type().show(value)));
            }
        }
        rows.sort(Map.Entry.comparingByKey());
        return Collections.unmodifiableList(rows);
    }

    synchronized Object globalRaw(String canonicalName) {
        return globals.get(canonicalName);
    }
}
