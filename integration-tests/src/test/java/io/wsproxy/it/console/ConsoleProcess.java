package io.wsproxy.it.console;

import io.wsproxy.it.support.Eventually;
import io.wsproxy.it.support.Processes;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.TestCerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone console ({@code java -jar proxy-core.jar console}) as a child process over HTTPS
 * on 127.0.0.1 and a free port. Its output goes to files; the ready line is awaited in them.
 */
final class ConsoleProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready console=(\\S+) clusters=(\\d+)");

    private final Process process;
    private final Path stdout;
    private final URI url;

    private ConsoleProcess(Process process, Path stdout, URI url) {
        this.process = process;
        this.stdout = stdout;
        this.url = url;
    }

    static ConsoleProcess startHttps(Path dir, Path stateFile, TestCerts certs) throws IOException {
        Files.createDirectories(dir);
        Path stdout = dir.resolve("console.stdout");
        Path stderr = dir.resolve("console.stderr");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", ProxyProcess.jar().toString(), "console", "--state-file", stateFile.toString(),
                "--port", "0", "--host", "127.0.0.1",
                "--ssl-cert", certs.serverCert().toString(), "--ssl-key", certs.serverKey().toString()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            Eventually.await(Duration.ofSeconds(60), "the console's ready line",
                    () -> ready(stdout).isPresent() || !process.isAlive());
        } catch (AssertionError e) {
            Processes.stop(process);
            throw e;
        }
        Optional<Matcher> ready = ready(stdout);
        if (ready.isEmpty()) {
            Processes.stop(process);
            throw new IOException("the console exited with " + process.exitValue() + ": " + Files.readString(stderr));
        }
        return new ConsoleProcess(process, stdout, URI.create(ready.get().group(1)));
    }

    private static Optional<Matcher> ready(Path stdout) {
        try {
            Matcher m = READY.matcher(Files.exists(stdout) ? Files.readString(stdout) : "");
            return m.find() ? Optional.of(m) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code https://127.0.0.1:PORT}: the origin of the page it serves. */
    URI url() {
        return url;
    }

    String output() throws IOException {
        return Files.readString(stdout);
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
