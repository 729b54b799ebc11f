package io.wsproxy.engine.node;

import io.wsproxy.control.vars.VariableRegistry;
import io.wsproxy.engine.cluster.Cluster;
import io.wsproxy.engine.cluster.ClusterState;
import io.wsproxy.engine.cluster.NodeAddress;
import io.wsproxy.engine.cluster.NodeMetadata;
import io.wsproxy.engine.cluster.WirePeers;
import io.wsproxy.engine.config.MemsqlCnf;
import io.wsproxy.engine.data.DataPlane;
import io.wsproxy.engine.proxy.NodeProxy;
import io.wsproxy.engine.session.Connection;
import io.wsproxy.engine.session.Session;
import io.wsproxy.engine.users.UserStore;
import io.wsproxy.tls.TlsMaterial;
import io.wsproxy.tls.TlsMaterialException;
import io.wsproxy.wire.auth.NativePassword;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;

/**
 * One simulated SingleStore node: memsql.cnf, the variable registry, users, the H2 data plane and
 * the MySQL protocol on TCP and on a Unix socket. Each connection is served on its own thread:
 * the node simulates an engine, and H2 is blocking (DESIGN.md section 5).
 */
public final class Node implements AutoCloseable {
    static final int DEFAULT_PORT = 3306;

    private final NodeServices services;
    private final TcpListener tcp;
    private final UnixListener unix;
    private final ExecutorService connections;
    private final SocketDir socketDir;
    private final ProxySockets proxySockets;
    private final NodeProxy proxy;

    private Node(NodeServices services, SocketDir socketDir, TcpListener tcp, UnixListener unix,
            ExecutorService connections) throws IOException {
        this.services = services;
        this.socketDir = socketDir;
        this.tcp = tcp;
        this.unix = unix;
        this.connections = connections;
        this.proxySockets = new ProxySockets(socketDir, connections, this::serve, services.log());
        this.proxy = services.proxy();
        proxy.attach(services, proxySockets);
    }

    public static Node start(NodeOptions options) throws IOException {
        long started = System.nanoTime();
        BaseDir dir = new BaseDir(options.baseDir());
        dir.create();
        NodeLogs logs = NodeLogs.open(dir);
        Logger log = logs.engine();
        try {
            MemsqlCnf cnf = MemsqlCnf.loadOrCreate(dir.cnf(), DEFAULT_PORT);
            VariableRegistry variables = VariableRegistry.standard();
            for (String problem : variables.seedFromConfig(cnf.server())) {
                log.warn("{}: {}", dir.cnf(), problem);
            }
            TlsMaterial tlsMaterial = loadTls(dir, variables, log);
            SSLContext tls = tlsMaterial == null ? null : serverContext(tlsMaterial);
            // The role (DESIGN.md section 7) before any port is bound: a node with unreadable metadata does not start.
            Path metadata = NodeMetadata.file(dir.data());
            ClusterState clusterState = NodeMetadata.load(metadata);
            UserStore users = UserStore.open(dir.data(), NativePassword.storedHash(options.rootPassword()));
            DataPlane data = DataPlane.open(dir.data());

            int port = options.port() != null ? options.port() : (int) variables.globalLong("port");
            String bindAddress = variables.globalString("bind_address");
            TcpListener tcp = new TcpListener(bindAddress.isEmpty() ? "127.0.0.1" : bindAddress, port, log);
            String socketSetting = variables.globalString("socket");
            SocketDir socketDir = SocketDir.choose(dir.root(), Path.of(System.getProperty("java.io.tmpdir")), log);
            Path wanted = socketSetting.isEmpty() ? dir.defaultSocket() : dir.root().resolve(socketSetting);
            Path socketPath = socketDir.place(wanted, log);
            UnixListener unix = new UnixListener(socketPath, "rwxrwxrwx", Peer.Transport.UNIX, log);

            variables.setInternal("port", (long) tcp.port());
            variables.setInternal("socket", socketPath.toString());
            variables.setInternal("basedir", dir.root().toString());
            variables.setInternal("datadir", dir.data().toString());
            variables.setInternal("tracelogsdir", dir.tracelogs().toString());

            NodeProxy proxy = new NodeProxy();
            // A wildcard (IPv4 0.0.0.0, or :: for both families) is no address to reach the node at.
            boolean wildcard = bindAddress.isEmpty() || bindAddress.equals("0.0.0.0") || bindAddress.equals("::");
            String host = wildcard ? "127.0.0.1" : bindAddress;
            Cluster cluster = new Cluster(metadata, clusterState, new NodeAddress(host, tcp.port()), proxy::role,
                    new WirePeers(), log);
            NodeServices services = new NodeServices(dir, variables, users, data, new SessionRegistry(), tls, tlsMaterial,
                    logs, proxy, cluster);
            Node node = new Node(services, socketDir, tcp, unix, Executors.newCachedThreadPool(daemonThreads("conn")));
            tcp.start(node.connections, node::serve);
            unix.start(node.connections, node::serve);
            node.proxy.boot(cluster.role());
            log.info("node started in {} ms: port {} socket {} ssl {} role {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), tcp.port(), socketPath,
                    tls != null ? "YES" : "DISABLED", cluster.role());
            return node;
        } catch (IOException | RuntimeException e) {
            log.error("node failed to start: {}", e.toString());
            logs.close();
            throw e;
        }
    }

    /** SSL is enabled when ssl_cert and ssl_key are set and load (relative paths: the base dir). */
    private static TlsMaterial loadTls(BaseDir dir, VariableRegistry variables, Logger log) {
        String cert = variables.globalString("ssl_cert");
        String key = variables.globalString("ssl_key");
        if (cert.isEmpty() || key.isEmpty()) {
            variables.setInternal("have_ssl", "DISABLED");
            return null;
        }
        String ca = variables.globalString("ssl_ca");
        try {
            TlsMaterial material = TlsMaterial.load(dir.root().resolve(cert), dir.root().resolve(key),
                    ca.isEmpty() ? null : dir.root().resolve(ca));
            material.serverContext(); // fails here, not later, when the JDK refuses the key
            variables.setInternal("have_ssl", "YES");
            return material;
        } catch (TlsMaterialException e) {
            log.error("SSL disabled: {}", e.getMessage());
            variables.setInternal("have_ssl", "DISABLED");
            return null;
        }
    }

    private static SSLContext serverContext(TlsMaterial material) {
        try {
            return material.serverContext();
        } catch (TlsMaterialException e) {
            throw new IllegalStateException("TLS material accepted once, refused now", e);
        }
    }

    private void serve(Peer peer) {
        new Connection(services, peer).run();
    }

    public int port() {
        return tcp.port();
    }

    public Path socketPath() {
        return unix.path();
    }

    public NodeServices services() {
        return services;
    }

    /** The node's WebSocket proxy. */
    public NodeProxy proxy() {
        return proxy;
    }

    /** The engine's ends of the proxy instances. */
    public ProxySockets proxySockets() {
        return proxySockets;
    }

    @Override
    public void close() {
        Logger log = services.log();
        log.info("node shutting down");
        proxy.close();
        tcp.close();
        unix.close();
        proxySockets.close();
        for (Session session : services.sessions().snapshot()) {
            session.kill();
        }
        connections.shutdown();
        try {
            if (!connections.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("sessions still running after 5 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.data().close();
        socketDir.close();
        log.info("node stopped");
        services.logs().close();
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
