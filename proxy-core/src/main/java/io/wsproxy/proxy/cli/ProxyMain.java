package io.wsproxy.proxy.cli;

import io.wsproxy.api.DataApiSettings;
import io.wsproxy.console.ConsoleCommand;
import io.wsproxy.proxy.NettyBuffers;
import io.wsproxy.proxy.ProxyConfig;
import io.wsproxy.proxy.ProxyInstance;
import io.wsproxy.proxy.ProxyRuntime;
import io.wsproxy.tls.TlsMaterial;
import io.wsproxy.tls.TlsMaterialException;
import io.wsproxy.ws.CloseCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The standalone proxy (DESIGN.md section 6): {@code java -jar proxy-core.jar (--engine-socket PATH |
 * --engine-host H [--engine-port P] [--engine-tls]) (--http-port N | --https-port N --ssl-cert F
 * --ssl-key F)} in front of any MySQL-protocol server, local or remote. Prints {@code ready proxy=URL} once it listens.
 */
@Command(name = "proxy-core.jar", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"WebSocket proxy (GET /ws, the raw driver tunnel GET /mysql, GET /healthz, the browser console"
                + " at /, and with --http-api the Data API) in front of a MySQL-protocol server's Unix socket or TCP port.",
            "The console alone, for the clusters of a Studio state file: proxy-core.jar console --help"})
public final class ProxyMain implements Callable<Integer> {

    @Mixin
    EngineOptions engine = new EngineOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Port port;

    static final class Port {
        @Option(names = "--http-port", description = "Serve ws:// on this port (0: any free port).")
        Integer http;

        @Option(names = "--https-port", description = "Serve wss:// on this port; needs --ssl-cert and --ssl-key.")
        Integer https;
    }

    @Option(names = "--ssl-cert", description = "PEM certificate chain for --https-port.")
    Path sslCert;

    @Option(names = "--ssl-key", description = "PEM private key for --https-port.")
    Path sslKey;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--proxy-header", description = "Start each engine connection with a PROXY v2 header "
            + "(client address, TLS); the server must accept it on that socket.")
    boolean proxyHeader;

    @Option(names = "--allowed-origins", defaultValue = "", description = "Comma list of browser origins allowed besides the proxy's own.")
    String allowedOrigins;

    @Option(names = "--max-message-size", defaultValue = "1048576", description = "Largest client message in bytes (close 1009 above).")
    int maxMessageSize;

    @Option(names = "--auth-timeout", defaultValue = "10", description = "Seconds a session has to authenticate (close 1008 after).")
    int authTimeout;

    @Option(names = "--max-sessions", defaultValue = "10000", description = "Open sessions at most (503 at upgrade above).")
    int maxSessions;

    @Option(names = "--http-api", description = "Serve the Data API (SQL over HTTP, SingleStore-compatible) on the same port.")
    boolean httpApi;

    @Option(names = "--http-api-pool-capacity", defaultValue = "8", description = "Data API engine connections per user (default: ${DEFAULT-VALUE}).")
    int httpApiPoolCapacity;

    @Option(names = "--log-file", description = "Also write the proxy log to this file (e.g. .../websocket_proxy.log).")
    Path logFile;

    /** The property proxy-logback.xml names the --log-file with. */
    static final String LOG_FILE_PROPERTY = "wsproxy.logFile";

    public static void main(String[] args) {
        NettyBuffers.choosePooled();
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "proxy-logback.xml");
        }
        // "console" is a command of its own, without this command's required options.
        if (args.length > 0 && args[0].equals("console")) {
            System.exit(ConsoleCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(new CommandLine(new ProxyMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String problem = engine.problem();
        if (problem == null && (httpApiPoolCapacity < 1 || httpApiPoolCapacity > 1024)) {
            problem = "--http-api-pool-capacity must be 1..1024, not " + httpApiPoolCapacity;
        }
        if (problem != null) {
            System.err.println("error: " + problem);
            return 2;
        }
        Logger log = proxyLogger(logFile);
        TlsMaterial tls = null;
        if (port.https != null) {
            if (sslCert == null || sslKey == null) {
                System.err.println("error: --https-port needs --ssl-cert and --ssl-key");
                return 2;
            }
            try {
                tls = TlsMaterial.load(sslCert, sslKey, null);
                tls.serverContext();
            } catch (TlsMaterialException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }
        ProxyConfig config = new ProxyConfig(host, port.https != null ? port.https : port.http, tls, engine.socket,
                engine.tcp(), proxyHeader, ProxyConfig.parseOrigins(allowedOrigins), maxMessageSize,
                Duration.ofSeconds(authTimeout), maxSessions, DataApiSettings.of(httpApi, httpApiPoolCapacity));
        ProxyRuntime runtime;
        try {
            runtime = new ProxyRuntime();
        } catch (IllegalArgumentException e) { // wsproxy.transport / WSPROXY_TRANSPORT
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        ProxyInstance proxy;
        try {
            proxy = runtime.start(config, log).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("error: cannot listen on " + host + ":" + config.port() + ": " + e.getMessage());
            runtime.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop(CloseCode.GOING_AWAY).await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("stop: {}", e.toString());
            }
            runtime.close();
            stopped.countDown();
        }, "proxy-shutdown"));
        String shownHost = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        System.out.println("ready proxy=" + config.scheme() + "://" + shownHost + ":" + proxy.port());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The {@code websocket_proxy} logger, as proxy-logback.xml sets it up: the console, and the file
     * when asked. logback reads its configuration when the first logger is made, which is here:
     * nothing logs before.
     */
    private static Logger proxyLogger(Path file) {
        if (file != null) {
            System.setProperty(LOG_FILE_PROPERTY, file.toAbsolutePath().toString());
        }
        return LoggerFactory.getLogger("websocket_proxy");
    }
}
