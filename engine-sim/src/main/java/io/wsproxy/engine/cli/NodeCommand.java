package io.wsproxy.engine.cli;

import io.wsproxy.engine.node.Node;
import io.wsproxy.engine.node.NodeOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one node in the foreground until SIGTERM / Ctrl-C. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run one node in the foreground; prints 'ready port=N socket=PATH [proxy=URL]' when it accepts connections.")
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--base-dir", required = true, description = "The node's directory (created if absent).")
    Path baseDir;

    @Option(names = "--port", description = "TCP port, overriding memsql.cnf; 0 picks a free port.")
    Integer port;

    @Option(names = "--root-password", defaultValue = "",
            description = "root's password when the node is first created (default: empty).")
    String rootPassword;

    @Override
    public Integer call() throws Exception {
        Node node = Node.start(new NodeOptions(baseDir, port, rootPassword));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "node-shutdown"));
        System.out.println("ready port=" + node.port() + " socket=" + node.socketPath()
                + node.proxy().url().map(url -> " proxy=" + url).orElse(""));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
