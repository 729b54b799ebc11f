package io.wsproxy.engine.proxy;

import io.wsproxy.control.proxy.NodeRole;
import io.wsproxy.control.proxy.ProxyEvents;
import io.wsproxy.control.proxy.ProxyLaunchException;
import io.wsproxy.control.proxy.ProxyLauncher;
import io.wsproxy.control.proxy.ProxyManager;
import io.wsproxy.control.proxy.ProxySettings;
import io.wsproxy.control.proxy.ProxySpec;
import io.wsproxy.control.proxy.ProxyStatus;
import io.wsproxy.control.proxy.RunningProxy;
import io.wsproxy.control.vars.VariableRegistry;
import io.wsproxy.engine.node.NodeServices;
import io.wsproxy.engine.node.ProxySockets;
import io.wsproxy.proxy.EngineSockets;
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
 * The node's WebSocket proxy: the {@link ProxyManager} from sql-control, fed with the node's
 * variables (read once per statement), its TLS files, its proxy sockets and websocket_proxy.log,
 * and the Vert.x launcher from proxy-core. The role lives in the manager; Vert.x itself starts
 * with the first proxy, not with the node.
 */
public final class NodeProxy implements AutoCloseable {
    private NodeServices node;
    private ProxySockets sockets;
    private Logger log;
    private ProxyManager manager;
    private ProxyRuntime runtime;
    private VertxProxyLauncher launcher;

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
                if (message.contains("proxy not started")) {
                    node.log().error(message);
                }
            }
        };
        manager = ProxyManager.start(this::launch, events, Clock.systemUTC());
    }

    /** Node start with this role, from the node's metadata. */
    public void boot(NodeRole role) {
        manager.boot(role, settings(), node.baseDir().cnf().toString());
    }

    /** RESTART PROXY; throws SqlException 9101 to 9105 and leaves everything as it was. */
    public void restart() {
        manager.restart(settings());
    }

    public ProxyStatus status() {
        return manager.status();
    }

    /** After a SET GLOBAL of a proxy variable: nothing restarts (I6). */
    public void settingsChanged() {
        manager.settingsChanged(settings());
    }

    /** The fault-injection switch ({@code SET GLOBAL proxy_inject_failure = '...'}). */
    public void injectFailure(String value) {
        manager.injectFailure(value);
    }

    public NodeRole role() {
        return manager.role();
    }

    /** The node's role changed (I5): promotion starts the proxy if the variables ask; demotion stops it. */
    public void role(NodeRole newRole) {
        manager.roleChanged(newRole, settings());
    }

    /** The running proxy's base URL, e.g. {@code http://127.0.0.1:8080}, or {@code http://[::]:8080} (RFC 3986 brackets). */
    public Optional<String> url() {
        ProxySpec spec = manager.runningSpec();
        String host = host().contains(":") ? "[" + host() + "]" : host();
        return spec == null ? Optional.empty()
                : Optional.of(spec.protocol().scheme() + "://" + host + ":" + spec.port());
    }

    /** One snapshot of the variables: a concurrent SET of both ports is seen whole or not at all. */
    private ProxySettings settings() {
        return ProxySettings.read(node.variables(), node.tlsMaterial() != null);
    }

    private String host() {
        String bind = node.variables().globalString("bind_address");
        return bind.isEmpty() ? "127.0.0.1" : bind;
    }

    private RunningProxy launch(ProxySpec spec, RunningProxy current, Consumer<String> onFailure)
            throws ProxyLaunchException {
        return launcher().start(spec, current, onFailure);
    }

    private synchronized ProxyLauncher launcher() {
        if (launcher == null) {
            runtime = new ProxyRuntime();
            launcher = new VertxProxyLauncher(runtime, host(), this::loadTls, engineSockets(), log);
        }
        return launcher;
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
        if (manager == null) {
            return;
        }
        manager.shutdown();
        manager.close();
        VertxProxyLauncher l;
        ProxyRuntime r;
        synchronized (this) {
            l = launcher;
            r = runtime;
            launcher = null;
            runtime = null;
        }
        if (l != null) {
            l.shutdownDraining();
            l.close();
        }
        if (r != null) {
            r.close();
        }
    }
}
