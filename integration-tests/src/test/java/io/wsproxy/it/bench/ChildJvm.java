package io.wsproxy.it.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child process the suite serves a case with (a standalone proxy, a byte relay): started with
 * its stderr in {@code <name>.stderr}, and waited for until it prints its ready line, never for a
 * fixed time; then its stdout keeps being drained into {@code <name>.stdout}, so it never blocks.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** The java of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code command} and waits up to 60 s for a stdout line that starts with
     * {@code readyPrefix}; on failure the process is killed and the exception carries its stderr.
     */
    static Process start(List<String> command, Path dir, String name, String readyPrefix) throws IOException {
        Files.createDirectories(dir);
        Path stderr = dir.resolve(name + ".stderr");
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(readyPrefix)) {
                        Thread drain = new Thread(() -> drain(out, dir.resolve(name + ".stdout")), name + "-stdout");
                        drain.setDaemon(true);
                        drain.start();
                        return;
                    }
                }
                throw new IllegalStateException(name + " exited before it was ready");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            ready.get(60, TimeUnit.SECONDS);
            return p;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException(name + " did not start: " + Files.readString(stderr), e);
        }
    }

    private static void drain(BufferedReader out, Path file) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException ignored) {
            // the child went away
        }
    }
}
