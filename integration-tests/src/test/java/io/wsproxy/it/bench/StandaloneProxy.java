package io.wsproxy.it.bench;

import io.wsproxy.it.support.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar proxy-core.jar} in front of a MySQL server's Unix socket, as a user runs it.
 * It gets a fixed free port rather than 0: on port 0 the proxy deploys a single verticle, on a
 * fixed port one per core.
 */
final class StandaloneProxy implements AutoCloseable {
    private final Process process;
    private final int port;

    private StandaloneProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static StandaloneProxy start(Path dir, Path engineSocket) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        Path jar = Path.of(System.getProperty("proxy.jar", "../proxy-core/target/proxy-core.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--engine-socket", engineSocket.toString(), "--http-port", Integer.toString(port),
                "--host", "127.0.0.1", "--log-file", dir.resolve("websocket_proxy.log").toString()));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("proxy.stderr").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ready proxy=")) {
                        Thread drain = new Thread(() -> drain(out, dir.resolve("proxy.stdout")), "proxy-stdout");
                        drain.setDaemon(true);
                        drain.start();
                        return;
                    }
                }
                throw new IllegalStateException("the proxy exited before it was ready");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("standalone proxy did not start: " + Files.readString(dir.resolve("proxy.stderr")), e);
        }
        return new StandaloneProxy(p, port);
    }

    private static void drain(BufferedReader out, Path file) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException ignored) {
            // the proxy went away
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
