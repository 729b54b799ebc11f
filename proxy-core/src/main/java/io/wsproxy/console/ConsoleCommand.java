package io.wsproxy.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.wsproxy.console.StudioStateFile.StateFileException;
import io.wsproxy.tls.TlsMaterial;
import io.wsproxy.tls.TlsMaterialException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code proxy-core.jar console --state-file F --port N [--ssl-cert C --ssl-key K]}: the browser
 * console on its own, listing the clusters of a SingleStore Studio state file. Prints
 * {@code ready console=URL clusters=N} once it listens, and stops on SIGTERM or Ctrl-C.
 */
@Command(name = "proxy-core.jar console", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serves the browser SQL console on its own, for the clusters of a Studio state file; "
                + "the browser connects straight to each cluster's WebSocket proxy.")
public final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--state-file", required = true,
            description = "Studio state file (studio.hcl): cluster \"ID\" { hostname, port, websocket, websocketSSL }.")
    Path stateFile;

    @Option(names = "--port", required = true, description = "Port to serve the console on (0: any free port).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--ssl-cert", description = "PEM certificate chain: serve over HTTPS (needed for wss:// proxies).")
    Path sslCert;

    @Option(names = "--ssl-key", description = "PEM private key for --ssl-cert.")
    Path sslKey;

    /** Runs the subcommand with its own arguments; returns the exit code. */
    public static int run(String... args) {
        return new CommandLine(new ConsoleCommand()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        // Without a logback.xml, logback logs everything at DEBUG (Netty included): INFO is enough.
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .setLevel(Level.INFO);
        if ((sslCert == null) != (sslKey == null)) {
            System.err.println("error: --ssl-cert and --ssl-key go together");
            return 2;
        }
        List<ClusterEntry> clusters;
        TlsMaterial tls = null;
        try {
            clusters = StudioStateFile.load(stateFile);
            if (sslCert != null) {
                tls = TlsMaterial.load(sslCert, sslKey, null);
                tls.serverContext();
            }
        } catch (StateFileException | TlsMaterialException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        ConsoleServer server;
        try {
            server = ConsoleServer.start(host, port, tls, clusters);
        } catch (Exception e) {
            System.err.println("error: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stop: " + e);
            }
            stopped.countDown();
        }, "console-shutdown"));
        for (ClusterEntry c : clusters) {
            if (!c.websocket()) {
                System.out.println("note: cluster '" + c.name() + "' has websocket = false: listed, but the console "
                        + "cannot connect to it");
            }
        }
        String shownHost = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        System.out.println("ready console=" + server.scheme() + "://" + shownHost + ":" + server.port()
                + " clusters=" + clusters.size());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
