package io.wsproxy.control.vars;

import io.wsproxy.control.vars.VarType.BoolType;
import io.wsproxy.control.vars.VarType.IntType;
import io.wsproxy.control.vars.VarType.StringType;
import java.util.List;

/**
 * The proxy's variables (DESIGN.md section 3), each declared here once with its type and range:
 * the {@link VariableRegistry} registers them, and the proxy's settings read them through these
 * constants, so a port is an {@code int} checked once, by the registry, against 0..65535.
 */
public final class ProxyVariables {
    private static final VarType PORT = new IntType(0, 65535);

    public static final VariableSpec HTTPS_PROXY_PORT = VariableSpec.proxy("https_proxy_port", PORT, 0L);
    public static final VariableSpec HTTP_PROXY_PORT = VariableSpec.proxy("http_proxy_port", PORT, 0L);
    public static final VariableSpec HTTP_API = VariableSpec.proxy("http_api", new BoolType(), "OFF");
    public static final VariableSpec ALLOWED_ORIGINS =
            VariableSpec.proxy("proxy_allowed_origins", new StringType(false), "");
    /** PROTOCOL.md's limits and the drain of I7. */
    public static final VariableSpec MAX_MESSAGE_SIZE =
            VariableSpec.proxy("proxy_max_message_size", new IntType(1024, 67108864), 1048576L);
    public static final VariableSpec AUTH_TIMEOUT = VariableSpec.proxy("proxy_auth_timeout", new IntType(1, 3600), 10L);
    public static final VariableSpec MAX_SESSIONS =
            VariableSpec.proxy("proxy_max_sessions", new IntType(1, 1000000), 10000L);
    public static final VariableSpec DRAIN_TIMEOUT = VariableSpec.proxy("proxy_drain_timeout", new IntType(0, 3600), 10L);
    public static final VariableSpec HTTP_API_POOL_CAPACITY =
            VariableSpec.proxy("http_api_pool_capacity", new IntType(1, 1024), 8L);
    /**
     * The fault-injection switch: SET GLOBAL makes the running proxy fail (tests, failure
     * rehearsals). A runtime action, so memsql.cnf refuses it: a node must never boot into a fault.
     */
    public static final VariableSpec INJECT_FAILURE =
            VariableSpec.proxySwitch("proxy_inject_failure", new StringType(false), "");

    private ProxyVariables() {
    }

    static List<VariableSpec> all() {
        return List.of(HTTPS_PROXY_PORT, HTTP_PROXY_PORT, HTTP_API, ALLOWED_ORIGINS, MAX_MESSAGE_SIZE, AUTH_TIMEOUT,
                MAX_SESSIONS, DRAIN_TIMEOUT, HTTP_API_POOL_CAPACITY, INJECT_FAILURE);
    }
}
