package io.wsproxy.it.bench;

import io.wsproxy.it.support.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link ByteRelay} in a JVM of its own in front of an engine's Unix socket: B8's floor. */
final class HopFloor implements AutoCloseable {
    private final Process process;
    private final Path socket;

    private HopFloor(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    static HopFloor start(Path dir, Path engineSocket) throws Exception {
        Files.createDirectories(dir);
        Path socket = dir.resolve("relay.sock");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ByteRelay.class.getName(), socket.toString(),
                engineSocket.toString());
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("relay.stderr").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            if (!"ready".equals(ready)) {
                throw new IOException("the relay said " + ready);
            }
            return new HopFloor(p, socket);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("byte relay did not start: " + Files.readString(dir.resolve("relay.stderr")), e);
        }
    }

    Path socket() {
        return socket;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
