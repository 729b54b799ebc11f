package io.wsproxy.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine-sim node as a real child process ({@code java -jar engine-sim.jar node}), on an
 * ephemeral port in a test's temp directory. Waits for the {@code ready port=N} line, never for
 * a fixed time; stdout and stderr go to files in the base dir.
 */
public final class EngineNode implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready port=(\\d+) socket=(\\S+)(?: proxy=(\\S+))?");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path baseDir;
    private final String rootPassword;
    private final List<String> jvmOptions;
    private Process process;
    private int port;
    private Path socket;
    private Duration startTime;
    private URI proxy;

    private EngineNode(Path baseDir, String rootPassword, List<String> jvmOptions) {
        this.baseDir = baseDir;
        this.rootPassword = rootPassword;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public static EngineNode start(Path baseDir, String rootPassword) throws IOException {
        return start(baseDir, rootPassword, List.of());
    }

    /** With extra JVM options for the node, e.g. a test hook's {@code -D} property. */
    public static EngineNode start(Path baseDir, String rootPassword, List<String> jvmOptions) throws IOException {
        EngineNode node = new EngineNode(baseDir, rootPassword, jvmOptions);
        node.launch();
        return node;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("engine.jar", "../engine-sim/target/engine-sim.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with 'mvn verify' from the repository root");
        }
        return jar;
    }

    private void launch() throws IOException {
        Files.createDirectories(baseDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "node",
                "--base-dir", baseDir.toString(), "--port", "0", "--root-password", rootPassword));
        long started = System.nanoTime();
        process = new ProcessBuilder(command)
                .redirectError(baseDir.resolve("node.stderr").toFile())
                .start();
        CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(this::awaitReadyLine);
        try {
            Matcher m = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            startTime = Duration.ofNanos(System.nanoTime() - started);
            port = Integer.parseInt(m.group(1));
            socket = Path.of(m.group(2));
            proxy = m.group(3) == null ? null : URI.create(m.group(3));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("node did not become ready; stderr: " + stderr(), e);
        }
    }

    /** Reads stdout until the ready line, then keeps draining it to a file so the child never blocks. */
    private Matcher awaitReadyLine() {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    Thread drain = new Thread(() -> drain(out), "node-stdout");
                    drain.setDaemon(true);
                    drain.start();
                    return m;
                }
            }
            throw new IllegalStateException("node exited with " + process.waitFor());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void drain(BufferedReader out) {
        try {
            Path file = baseDir.resolve("node.stdout");
            String line;
            while ((line = out.readLine()) != null) {
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException ignored) {
            // the node went away
        }
    }

    private String stderr() {
        try {
            return Files.readString(baseDir.resolve("node.stderr"));
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    public int port() {
        return port;
    }

    public Path socket() {
        return socket;
    }

    /** The proxy's base URL ({@code http://host:port} or {@code https://...}) when it started with the node. */
    public URI proxyUrl() {
        if (proxy == null) {
            throw new IllegalStateException("the node started without a proxy (no proxy= in its ready line)");
        }
        return proxy;
    }

    /** The {@code ws://} or {@code wss://} URI of the proxy's {@code /ws} endpoint. */
    public URI wsUri() {
        URI base = proxyUrl();
        return URI.create(("https".equals(base.getScheme()) ? "wss" : "ws") + "://" + base.getAuthority() + "/ws");
    }

    public Path baseDir() {
        return baseDir;
    }

    public String rootPassword() {
        return rootPassword;
    }

    /** From process start to the ready line. */
    public Duration startTime() {
        return startTime;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String mysqlUrl(String options) {
        return "jdbc:mysql://127.0.0.1:" + port + "/?" + options;
    }

    public String mariadbUrl(String options) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/?" + options;
    }

    /** Stops (SIGTERM, then SIGKILL after 20 s) and starts again on the same base dir. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    public void stop() {
        Processes.stop(process);
    }

    @Override
    public void close() {
        stop();
    }
}
