package io.wsproxy.engine.proxy;

import io.wsproxy.control.proxy.NodeRole;
import io.wsproxy.control.proxy.ProxyLaunchException;
import io.wsproxy.control.proxy.ProxyEvents;
import io.wsproxy.control.proxy.ProxyManager;
import io.wsproxy.control.proxy.ProxySettings;
import io.wsproxy.control.proxy.ProxySpec;
import io.wsproxy.control.proxy.ProxyState;
import io.wsproxy.control.proxy.ProxyStatus;
import io.wsproxy.control.proxy.RunningProxy;
import io.wsproxy.control.vars.VariableRegistry;
import io.wsproxy.engine.node.NodeServices;
import io.wsproxy.engine.node.ProxySockets;
import io.wsproxy.proxy.EngineSockets;
import io.wsproxy.proxy.ProxyConfig;
import io.wsproxy.proxy.ProxyRuntime;
import io.wsproxy.proxy.VertxProxyLauncher;
import io.wsproxy.tls.TlsMaterial;
import io.wsproxy.tls.TlsMaterialException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The node's WebSocket proxy: the {@link ProxyManager} state machine from sql-control, wired to
 * the node's variables, its TLS files, its proxy sockets and websocket_proxy.log, with the
 * Vert.x launcher from proxy-core. Vert.x itself starts with the first proxy, not with the node.
 */
public final class NodeProxy implements AutoCloseable {
    private NodeServices node;
    private ProxySockets sockets;
    private Logger log;
    private ProxyManager manager;
    private ProxyRuntime runtime;
    private VertxProxyLauncher launcher;
    private volatile NodeRole role = NodeRole.MASTER;

    /** Wires the proxy to its node, once the node's services and sockets exist. */
    public void attach(NodeServices services, ProxySockets proxySockets) {
        this.node = services;
        this.sockets = proxySockets;
        this.log = services.logs().proxy();
        ProxyEvents events = new ProxyEvents() {
            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
                // Boot refusals belong in memsql.log too: that is where an operator looks first.
                if (message.startsWith("proxy not started")) {
                    node.log().error(message);
                }
            }
        };
        manager = new ProxyManager(this::launch, this::settings, events, Clock.systemUTC(), node.baseDir().cnf().toString());
    }

    public void boot() {
        manager.boot(role);
    }

    /** Node start with the role read from node metadata (I5: only a MASTER's proxy starts). */
    public void boot(NodeRole bootRole) {
        role = bootRole;
        manager.boot(bootRole);
    }

    /** RESTART PROXY; throws SqlException 9101 to 9105 and leaves everything as it was. */
    public void restart() {
        manager.restart(role);
    }

    public ProxyStatus status() {
        return manager.status();
    }

    /** After SET GLOBAL of a proxy variable. */
    public void variablesChanged() {
        manager.variablesChanged();
    }

    /** The fault-injection switch ({@code SET GLOBAL proxy_inject_failure = 'reason'}). */
    public boolean injectFailure(String reason) {
        return manager.injectFailure(reason);
    }

    public NodeRole role() {
        return role;
    }

    public void role(NodeRole newRole) {
        role = newRole;
        manager.roleChanged(newRole);
    }

    /** The running proxy's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public Optional<String> url() {
        ProxySpec spec = manager.runningSpec();
        if (spec == null || manager.state().kind() != ProxyState.Kind.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(spec.protocol().scheme() + "://" + host() + ":" + spec.port());
    }

    /** One snapshot of the variables: a concurrent SET of both ports is seen whole or not at all. */
    private ProxySettings settings() {
        VariableRegistry v = node.variables();
        boolean ssl = node.tlsMaterial() != null;
        return v.consistent(() -> new ProxySettings((int) v.globalLong("https_proxy_port"),
                (int) v.globalLong("http_proxy_port"), ssl, v.globalBool("http_api"),
                ProxyConfig.parseOrigins(v.globalString("proxy_allowed_origins")),
                (int) v.globalLong("proxy_max_message_size"), (int) v.globalLong("proxy_auth_timeout"),
                (int) v.globalLong("proxy_max_sessions"), (int) v.globalLong("proxy_drain_timeout")));
    }

    private String host() {
        String bind = node.variables().globalString("bind_address");
        return bind.isEmpty() ? "127.0.0.1" : bind;
    }

    private RunningProxy launch(ProxySpec spec, RunningProxy current, Consumer<String> onFailure)
            throws ProxyLaunchException {
        VertxProxyLauncher l;
        synchronized (this) {
            if (launcher == null) {
                runtime = new ProxyRuntime();
                launcher = new VertxProxyLauncher(runtime, host(), this::loadTls, engineSockets(), log);
            }
            l = launcher;
        }
        return l.start(spec, current, onFailure);
    }

    /** The files named by ssl_cert / ssl_key, read again: a renewed certificate is picked up by RESTART PROXY. */
    private TlsMaterial loadTls() throws TlsMaterialException {
        VariableRegistry v = node.variables();
        Path root = node.baseDir().root();
        String ca = v.globalString("ssl_ca");
        return TlsMaterial.load(root.resolve(v.globalString("ssl_cert")), root.resolve(v.globalString("ssl_key")),
                ca.isEmpty() ? null : root.resolve(ca));
    }

    private EngineSockets engineSockets() {
        return new EngineSockets() {
            @Override
            public Path open(long generation) throws IOException {
                return sockets.open(generation);
            }

            @Override
            public void close(long generation) {
                sockets.close(generation);
            }
        };
    }

    /** Node shutdown: sessions get close 1001 (I7). */
    @Override
    public void close() {
        if (manager != null) {
            manager.shutdown();
        }
        ProxyRuntime r;
        synchronized (this) {
            if (launcher != null) {
                launcher.shutdownDraining();
            }
            r = runtime;
            runtime = null;
            launcher = null;
        }
        if (r != null) {
            r.close();
        }
    }
}
