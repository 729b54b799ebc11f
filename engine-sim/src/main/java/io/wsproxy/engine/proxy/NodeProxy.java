package io.wsproxy.engine.proxy;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.vars.VariableRegistry;
import io.wsproxy.engine.node.NodeServices;
import io.wsproxy.engine.node.ProxySockets;
import io.wsproxy.proxy.ProxyConfig;
import io.wsproxy.proxy.ProxyInstance;
import io.wsproxy.proxy.ProxyRuntime;
import io.wsproxy.ws.CloseCode;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The node's WebSocket proxy at boot: started from memsql.cnf when exactly one of
 * {@code https_proxy_port} / {@code http_proxy_port} is set (DESIGN.md section 4, I3 and I4),
 * on a fresh engine socket {@code proxy-<generation>.sock}. RESTART PROXY and the state machine
 * come with the SQL-control issue.
 */
public final class NodeProxy implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 30;

    private final NodeServices node;
    private final ProxySockets sockets;
    private final Logger log;
    private ProxyRuntime runtime;
    private ProxyInstance running;
    private long generation;

    public NodeProxy(NodeServices node, ProxySockets sockets) {
        this.node = node;
        this.sockets = sockets;
        this.log = node.logs().proxy();
    }

    /** Starts the proxy if memsql.cnf asks for one; a refusal is logged (naming memsql.cnf), never thrown. */
    public void boot() {
        VariableRegistry vars = node.variables();
        long https = vars.globalLong("https_proxy_port");
        long http = vars.globalLong("http_proxy_port");
        if (https == 0 && http == 0) {
            log.info("no proxy: https_proxy_port and http_proxy_port are 0 in {}", node.baseDir().cnf());
            return;
        }
        try {
            start(configFor(vars, https, http));
        } catch (SqlException e) {
            String message = "proxy not started: " + e.getMessage();
            log.error("ERROR {}: {}", e.code(), message);
            node.log().error("ERROR {}: {}", e.code(), message);
        }
    }

    /** The running proxy's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public Optional<String> url() {
        ProxyInstance p = running;
        return p == null ? Optional.empty()
                : Optional.of(p.config().scheme() + "://" + p.config().host() + ":" + p.port());
    }

    public Optional<ProxyInstance> running() {
        return Optional.ofNullable(running);
    }

    private ProxyConfig configFor(VariableRegistry vars, long https, long http) {
        Path cnf = node.baseDir().cnf();
        if (https != 0 && http != 0) {
            throw ErrorCode.PROXY_PORT_CONFLICT.error("https_proxy_port (" + https + ") and http_proxy_port (" + http
                    + ") are both set; set one of them to 0 in " + cnf);
        }
        if (https != 0 && node.tlsMaterial() == null) {
            throw ErrorCode.PROXY_SSL_REQUIRED.error("https_proxy_port is " + https
                    + " but SSL is not enabled: set ssl_cert and ssl_key in " + cnf);
        }
        String bind = vars.globalString("bind_address");
        return new ProxyConfig(bind.isEmpty() ? "127.0.0.1" : bind, (int) (https != 0 ? https : http),
                https != 0 ? node.tlsMaterial() : null, Path.of("unused"), true,
                ProxyConfig.parseOrigins(vars.globalString("proxy_allowed_origins")),
                (int) vars.globalLong("proxy_max_message_size"),
                Duration.ofSeconds(vars.globalLong("proxy_auth_timeout")),
                (int) vars.globalLong("proxy_max_sessions"));
    }

    private void start(ProxyConfig template) {
        long gen = ++generation;
        Path socket;
        try {
            socket = sockets.open(gen);
        } catch (java.io.IOException e) {
            throw ErrorCode.PROXY_BIND_FAILED.error("cannot open the engine socket for the proxy: " + e.getMessage());
        }
        ProxyConfig config = new ProxyConfig(template.host(), template.port(), template.tls(), socket, true,
                template.allowedOrigins(), template.maxMessageSize(), template.authTimeout(), template.maxSessions());
        if (runtime == null) {
            runtime = new ProxyRuntime();
        }
        try {
            running = runtime.start(config, log).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            sockets.close(gen);
            Throwable cause = rootCause(e);
            if (cause instanceof BindException) {
                throw ErrorCode.PROXY_BIND_FAILED.error("cannot listen on " + config.host() + ":" + config.port()
                        + ": " + cause.getMessage());
            }
            throw ErrorCode.PROXY_BIND_FAILED.error("the proxy did not start on port " + config.port() + ": " + cause);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** Node shutdown: sessions get close 1001 (I7). */
    @Override
    public void close() {
        if (running != null) {
            try {
                running.stop(CloseCode.GOING_AWAY).await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("proxy stop: {}", e.toString());
            }
            sockets.close(generation);
            running = null;
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
