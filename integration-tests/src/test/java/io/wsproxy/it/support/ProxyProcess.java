package io.wsproxy.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The standalone proxy ({@code java -jar proxy-core.jar}, DESIGN.md section 6) as a child process
 * on 127.0.0.1 and a free port, in front of a MySQL server's Unix socket. Waits for the
 * {@code ready proxy=URL} line, never for a fixed time; stdout, stderr and the proxy log go to
 * files in its directory.
 */
public final class ProxyProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready proxy=(\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Process process;
    private URI url;

    private ProxyProcess(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("proxy.jar", "../proxy-core/target/proxy-core.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with 'mvn verify' from the repository root");
        }
        return jar;
    }

    /**
     * @param dir          where proxy.stdout, proxy.stderr and websocket_proxy.log go
     * @param engineSocket the MySQL server's Unix socket
     * @param jvmOptions   for the proxy's JVM, e.g. {@code -Xmx256m}
     * @param options      more proxy options, e.g. {@code --max-sessions 5000}
     */
    public static ProxyProcess start(Path dir, Path engineSocket, List<String> jvmOptions, String... options)
            throws IOException {
        return launch(dir, List.of("--engine-socket", engineSocket.toString()), jvmOptions, options);
    }

    /** In front of a server on 127.0.0.1:{@code enginePort} over TCP; {@code options} may add --engine-tls. */
    public static ProxyProcess startTcp(Path dir, int enginePort, List<String> jvmOptions, String... options)
            throws IOException {
        return launch(dir, List.of("--engine-host", "127.0.0.1", "--engine-port", Integer.toString(enginePort)),
                jvmOptions, options);
    }

    private static ProxyProcess launch(Path dir, List<String> engine, List<String> jvmOptions, String... options)
            throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(engine);
        command.addAll(List.of("--http-port", "0", "--host", "127.0.0.1",
                "--log-file", dir.resolve("websocket_proxy.log").toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectError(dir.resolve("proxy.stderr").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        ProxyProcess proxy = new ProxyProcess(dir, process);
        try {
            Matcher ready = CompletableFuture.supplyAsync(proxy::awaitReadyLine)
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            proxy.url = URI.create(ready.group(1));
        } catch (Exception e) {
            proxy.stop();
            throw new IOException("the proxy did not print its ready line; stderr: " + proxy.file("proxy.stderr"), e);
        }
        return proxy;
    }

    /** Reads stdout until the ready line, then keeps draining it to a file so the child never blocks. */
    private Matcher awaitReadyLine() {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                append(line);
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    Thread drain = new Thread(() -> drain(out), "proxy-stdout-" + process.pid());
                    drain.setDaemon(true);
                    drain.start();
                    return m;
                }
            }
            throw new IllegalStateException("the proxy exited with " + process.waitFor());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void drain(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                append(line);
            }
        } catch (IOException ignored) {
            // the proxy went away
        }
    }

    private void append(String line) throws IOException {
        Files.writeString(dir.resolve("proxy.stdout"), line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A file from the proxy's directory (stdout, stderr, log), for failure messages. */
    public String file(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    /** {@code http://127.0.0.1:P}, from the ready line. */
    public URI url() {
        return url;
    }

    public URI wsUri() {
        return URI.create("ws://" + url.getAuthority() + "/ws");
    }

    /** {@code GET /healthz}, parsed. */
    public JsonNode healthz(HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/healthz"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("/healthz answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Waits until {@code /healthz} counts no open session: the proxy has seen every close. */
    public void awaitNoSessions(HttpClient http, Duration timeout) {
        Eventually.await(timeout, "no session open on the proxy", () -> {
            try {
                return healthz(http).path("sessions").asInt() == 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The proxy JVM's threads, from {@code /proc/<pid>/task} (Linux). */
    public int threadCount() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            return (int) tasks.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each thread's name as the kernel knows it ({@code comm}, at most 15 characters), sorted. */
    public List<String> threadNames() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            return tasks.map(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip();
                } catch (IOException e) {
                    return "(gone)"; // the thread ended while we listed
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the proxy uses (almost) no CPU: at most 50 ms of CPU in each of two 500 ms
     * windows. After a client stops reading, the proxy has then either stopped reading the engine
     * for it, or buffered the whole result; either way its memory shows it now.
     *
     * @return how long that took
     */
    public Duration awaitIdle(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int quietWindows = 0;
        long ticks = cpuTicks();
        while (quietWindows < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the proxy is still busy after " + timeout);
            }
            Thread.sleep(500); // one measuring window
            long now = cpuTicks();
            quietWindows = now - ticks <= 5 ? quietWindows + 1 : 0;
            ticks = now;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** User plus system CPU time used so far, in clock ticks ({@code /proc/<pid>/stat} utime + stime). */
    public long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (the proxy closes its sessions with 1001), then SIGKILL after 20 s. */
    public void stop() {
        Processes.stop(process);
    }

    @Override
    public void close() {
        stop();
    }
}
