package io.wsproxy.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Node.js scripts that drive real Node clients (mysql2). Their packages are pinned by the
 * committed {@code src/test/node/package-lock.json}, and installed with {@code npm ci} into
 * {@code target/node} the first time a test needs them (again only when the lockfile changes):
 * the source tree never holds node_modules, and every machine gets the same versions.
 */
public final class NodeJs {
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path TARGET = Path.of("target", "node");
    private static final long INSTALL_TIMEOUT_S = 300;

    /** What a script printed, and how it ended. */
    public record Run(int exitCode, List<String> stdout, String stderr) {
    }

    private NodeJs() {
    }

    /** The installed script directory: scripts copied fresh, packages installed once per lockfile. */
    public static synchronized Path installed() throws IOException, InterruptedException {
        Files.createDirectories(TARGET);
        try (Stream<Path> files = Files.list(SOURCE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, TARGET.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path stamp = TARGET.resolve("node_modules").resolve(".installed-lock.json");
        byte[] lock = Files.readAllBytes(SOURCE.resolve("package-lock.json"));
        if (!Files.exists(stamp) || !Arrays.equals(Files.readAllBytes(stamp), lock)) {
            Run install = exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), INSTALL_TIMEOUT_S);
            if (install.exitCode() != 0) {
                throw new IllegalStateException("npm ci in " + TARGET.toAbsolutePath() + " failed ("
                        + install.exitCode() + "): " + install.stderr());
            }
            Files.write(stamp, lock);
        }
        return TARGET;
    }

    /** Runs {@code node script args...} in the installed directory. */
    public static Run run(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        installed();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return exec(command, timeoutSeconds);
    }

    private static Run exec(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(TARGET.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IllegalStateException("'" + command.get(0) + "' did not start: install Node.js and npm"
                    + " (apt-get install nodejs npm; .ci/run does)", e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Run(p.exitValue(), out.join().lines().toList(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
