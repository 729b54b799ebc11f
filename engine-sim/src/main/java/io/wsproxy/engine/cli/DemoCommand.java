package io.wsproxy.engine.cli;

import io.wsproxy.engine.config.MemsqlCnf;
import io.wsproxy.engine.node.Node;
import io.wsproxy.engine.node.NodeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One command for a newcomer (DESIGN.md section 7): a node with the WebSocket proxy on, and
 * what to type to use it from the mariadb client and from a WebSocket.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a node with the WebSocket proxy on, and print how to reach it.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--base-dir", defaultValue = "demo-node", description = "The node's directory (default: ${DEFAULT-VALUE}).")
    Path baseDir;

    @Option(names = "--port", defaultValue = "3306", description = "MySQL port for a new node (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--proxy-port", defaultValue = "8080", description = "http_proxy_port for a new node (default: ${DEFAULT-VALUE}).")
    int proxyPort;

    @Option(names = "--root-password", defaultValue = "demo", description = "root's password for a new node (default: ${DEFAULT-VALUE}).")
    String rootPassword;

    @Override
    public Integer call() throws Exception {
        Path cnf = baseDir.resolve("memsql.cnf");
        if (!Files.exists(cnf)) {
            Files.createDirectories(baseDir);
            MemsqlCnf.createDefault(cnf, port);
            MemsqlCnf.set(cnf, "http_proxy_port", Integer.toString(proxyPort));
        }
        Node node = Node.start(new NodeOptions(baseDir, null, rootPassword));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "node-shutdown"));
        String proxy = node.proxy().url().orElse(null);
        System.out.println("ready port=" + node.port() + " socket=" + node.socketPath()
                + (proxy == null ? "" : " proxy=" + proxy));
        System.out.println();
        System.out.println("  SQL:        mariadb -h 127.0.0.1 -P " + node.port() + " -u root -p" + rootPassword);
        if (proxy != null) {
            String ws = proxy.replaceFirst("^http", "ws") + "/ws";
            System.out.println("  WebSocket:  " + ws + "   send {\"type\":\"auth\",\"user\":\"root\",\"password\":\""
                    + rootPassword + "\"} then {\"type\":\"query\",\"id\":1,\"sql\":\"SELECT 1\"}");
            System.out.println("  Health:     " + proxy + "/healthz");
        } else {
            System.out.println("  The proxy did not start: see " + baseDir.resolve("tracelogs/websocket_proxy.log"));
        }
        System.out.println("  Logs:       " + baseDir.resolve("tracelogs") + "   Config: " + cnf);
        System.out.println("  Stop:       Ctrl-C");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
