package io.wsproxy.engine.cli;

import io.wsproxy.engine.cli.admin.CreateNodeCommand;
import io.wsproxy.engine.cli.admin.NodeProcess;
import io.wsproxy.engine.cluster.MySqlClient;
import io.wsproxy.engine.cluster.NodeAddress;
import io.wsproxy.engine.cluster.Sql;
import io.wsproxy.engine.config.MemsqlCnf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One command for a newcomer (DESIGN.md section 7): a cluster of a Master Aggregator, a child
 * aggregator and a leaf, each its own {@code node} process, with the WebSocket proxy on the
 * master, and what to type to use it. Ctrl-C stops every node (their sessions close with 1001).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a small cluster (master, child aggregator, leaf) with the proxy on the master, and print how to reach it.")
final class DemoCommand implements Callable<Integer> {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Option(names = "--base-dir", description = "Keep the nodes in this directory (default: a temporary one, removed on exit).")
    Path baseDir;

    @Option(names = "--port", defaultValue = "3306", description = "The master's MySQL port, if free (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--proxy-port", defaultValue = "8080", description = "The proxy's port, if free (default: ${DEFAULT-VALUE}).")
    int proxyPort;

    @Option(names = "--root-password", defaultValue = "demo", description = "root's password (default: ${DEFAULT-VALUE}).")
    String rootPassword;

    private final List<Process> nodes = new ArrayList<>();
    private boolean stopping;
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        boolean temporary = baseDir == null;
        Path dir = temporary ? Files.createTempDirectory("wsproxy-demo-") : baseDir.toAbsolutePath().normalize();
        if (!temporary && Files.exists(dir) && Stream.of("master", "child", "leaf").anyMatch(n -> Files.exists(dir.resolve(n)))) {
            throw new IllegalStateException(dir + " already holds a demo cluster: remove it or pick another --base-dir");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(dir, temporary), "demo-shutdown"));

        int masterPort = portOr(port);
        int proxy = portOr(proxyPort);
        int[] ports = {masterPort, portOr(0), portOr(0)};
        String[] names = {"master", "child", "leaf"};
        List<NodeProcess.Pending> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path node = dir.resolve(names[i]);
            CreateNodeCommand.initialize(node, ports[i], rootPassword);
            if (i == 0) {
                MemsqlCnf.set(node.resolve("memsql.cnf"), "http_proxy_port", Integer.toString(proxy));
            }
            pending.add(start(node));
        }
        String proxyUrl = pending.get(0).awaitReady().proxyUrl().orElse(null);
        pending.get(1).awaitReady();
        pending.get(2).awaitReady();
        try (MySqlClient master = MySqlClient.connect(new NodeAddress("127.0.0.1", masterPort), "root", rootPassword,
                Duration.ofSeconds(60))) {
            master.query("ADD AGGREGATOR root:" + Sql.quote(rootPassword) + "@'127.0.0.1':" + ports[1]);
            master.query("ADD LEAF root:" + Sql.quote(rootPassword) + "@'127.0.0.1':" + ports[2]);
        }
        print(dir, temporary, ports, proxyUrl);
        stopped.await();
        return 0;
    }

    private synchronized NodeProcess.Pending start(Path node) {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
        NodeProcess.Pending p = NodeProcess.spawn(node, List.of());
        nodes.add(p.process());
        return p;
    }

    private void print(Path dir, boolean temporary, int[] ports, String proxyUrl) {
        System.out.println("wsproxy demo: a Master Aggregator, a child aggregator and a leaf, each its own engine-sim process");
        System.out.println("  master aggregator  127.0.0.1:" + ports[0] + (proxyUrl == null ? "" : "   proxy " + proxyUrl)
                + (ports[0] != port ? "   (port " + port + " is busy)" : ""));
        System.out.println("  child aggregator   127.0.0.1:" + ports[1]);
        System.out.println("  leaf               127.0.0.1:" + ports[2]);
        System.out.println();
        System.out.println("  SQL:        mariadb -h 127.0.0.1 -P " + ports[0] + " -u root -p" + rootPassword);
        if (proxyUrl != null) {
            System.out.println("  WebSocket:  " + proxyUrl.replaceFirst("^http", "ws") + "/ws   send {\"type\":\"auth\",\"user\":\"root\","
                    + "\"password\":\"" + rootPassword + "\"} then {\"type\":\"query\",\"id\":1,\"sql\":\"SELECT 1\"}");
            System.out.println("  Console:    " + proxyUrl + "/");
            System.out.println("  Health:     " + proxyUrl + "/healthz");
        } else {
            System.out.println("  The proxy did not start: see " + dir.resolve("master/tracelogs/websocket_proxy.log"));
        }
        System.out.println("  Try:        SHOW AGGREGATORS; SHOW LEAVES; SHOW PROXY STATUS;");
        System.out.println("  Files:      " + dir + (temporary ? " (removed on exit)" : ""));
        System.out.println("  Stop:       Ctrl-C stops every node");
        System.out.flush();
    }

    /** The wanted port when it is free on 127.0.0.1, else an ephemeral one (0 asks for one straight away). */
    private static int portOr(int wanted) throws IOException {
        if (wanted > 0) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(LOOPBACK, wanted));
                return wanted;
            } catch (IOException busy) {
                // taken, e.g. by a MySQL server on 3306: pick another
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /** The shutdown hook: every node gets SIGTERM and is awaited, then the temporary files go. */
    private void stop(Path dir, boolean temporary) {
        List<Process> running;
        synchronized (this) {
            stopping = true; // no node starts after this snapshot
            running = List.copyOf(nodes);
        }
        running.forEach(p -> NodeProcess.stop(p.toHandle()));
        if (temporary) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(DemoCommand::delete);
            } catch (IOException | UncheckedIOException e) {
                System.err.println("could not remove " + dir + ": " + e.getMessage());
            }
        }
        stopped.countDown();
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
