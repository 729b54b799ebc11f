package io.wsproxy.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server (Debian package mariadb-server) in a scratch directory, reachable over its
 * Unix socket, and over TCP on 127.0.0.1 only when started with a port (else
 * {@code --skip-networking}), with TLS when given certificates. {@code root@localhost} has no password;
 * {@link #sql} runs statements as root through the {@code mariadb} CLI.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** sun_path is 108 bytes with the terminating NUL (unix(7)). */
    private static final int MAX_SOCKET_PATH = 100;

    private final Path dir;
    private final Path socket;
    private final Path socketDir;
    private final int tcpPort;
    private final TestCerts tls;
    private final List<String> options;
    private Process process;

    private MariaDbServer(Path dir, Path socket, Path socketDir, int tcpPort, TestCerts tls, List<String> options) {
        this.dir = dir;
        this.socket = socket;
        this.socketDir = socketDir;
        this.tcpPort = tcpPort;
        this.tls = tls;
        this.options = List.copyOf(options);
    }

    /**
     * Initialises a data directory under {@code dir} and starts the server on it, Unix socket only.
     *
     * @param options more mariadbd options, e.g. {@code --max-connections=1000}
     */
    public static MariaDbServer start(Path dir, String... options) throws IOException, InterruptedException {
        return start(dir, 0, null, options);
    }

    /**
     * Also listening on 127.0.0.1:{@code tcpPort} (0: socket only), with TLS from {@code tls}
     * when not null.
     */
    public static MariaDbServer start(Path dir, int tcpPort, TestCerts tls, String... options)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path socketDir = null;
        Path socket = dir.resolve("mysqld.sock");
        if (socket.toAbsolutePath().toString().length() > MAX_SOCKET_PATH) {
            socketDir = Files.createTempDirectory(Path.of("/tmp"), "mdb");
            socket = socketDir.resolve("mysqld.sock");
        }
        MariaDbServer server = new MariaDbServer(dir, socket, socketDir, tcpPort, tls, List.of(options));
        server.install();
        server.launch();
        return server;
    }

    /** {@code mariadbd} or {@code mariadb-install-db}; fails (not skips) when missing: .ci/run installs them. */
    public static String binary(String name) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        throw new IllegalStateException("'" + name + "' is not installed (looked in /usr/sbin and /usr/bin):"
                + " apt-get install mariadb-server mariadb-client (.ci/run installs them)");
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private void install() throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Process p = new ProcessBuilder(binary("mariadb-install-db"), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--user=" + user(), "--skip-test-db")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("install-db.log").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("mariadb-install-db did not finish in 120 s: " + Files.readString(dir.resolve("install-db.log")));
        }
        if (p.exitValue() != 0) {
            throw new IOException("mariadb-install-db exited with " + p.exitValue() + ": "
                    + Files.readString(dir.resolve("install-db.log")));
        }
    }

    private void launch() throws IOException, InterruptedException {
        // --user is needed when the tests run as root; as anyone else it names that user, a no-op.
        List<String> command = new ArrayList<>(List.of(binary("mariadbd"), "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--socket=" + socket, "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--user=" + user()));
        if (tcpPort == 0) {
            command.add("--skip-networking");
        } else {
            command.addAll(List.of("--port=" + tcpPort, "--bind-address=127.0.0.1", "--skip-name-resolve"));
        }
        if (tls != null) {
            command.addAll(List.of("--ssl-cert=" + tls.serverCert(), "--ssl-key=" + tls.serverKey(),
                    "--ssl-ca=" + tls.caCert()));
        }
        command.addAll(options);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mariadbd.log").toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        MariaDbCli.Result last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited with " + process.exitValue() + ": " + log());
            }
            if (Files.exists(socket)) {
                last = MariaDbCli.run(rootArgs(), "SELECT 1");
                if (last.exitCode() == 0) {
                    return;
                }
            }
            Thread.sleep(100); // polling interval, bounded by the deadline
        }
        stop();
        throw new IOException("mariadbd did not accept connections on " + socket + " within " + START_TIMEOUT
                + (last == null ? "" : "; last try: " + last.stderr()) + "; log: " + log());
    }

    private List<String> rootArgs() {
        return new ArrayList<>(List.of("--protocol=SOCKET", "--socket=" + socket, "-uroot"));
    }

    /** Runs statements as root; fails on any error. */
    public String sql(String statements) throws IOException, InterruptedException {
        MariaDbCli.Result r = MariaDbCli.run(rootArgs(), statements);
        if (r.exitCode() != 0) {
            throw new IOException("mariadb -e '" + statements + "' failed: " + r.stderr());
        }
        return r.stdout();
    }

    public Path socket() {
        return socket;
    }

    /** The TCP port on 127.0.0.1, 0 when the server listens on its socket only. */
    public int port() {
        return tcpPort;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("mariadbd.log"));
        } catch (IOException e) {
            return "(no mariadbd.log)";
        }
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, as a crash: the socket file stays behind, nothing answers on it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same data directory and socket (after {@link #kill} or {@link #stop}). */
    public void restart() throws IOException, InterruptedException {
        Files.deleteIfExists(socket); // a killed server leaves it; mariadbd would refuse to start
        launch();
    }

    /** SIGSTOP: the process stays, its sockets stay open, and nothing it owns answers (a real stall). */
    public void suspend() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #suspend}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        // bash's own kill: a fresh Debian may lack procps' /bin/kill
        Process kill = new ProcessBuilder("bash", "-c", "kill -" + name + " " + process.pid()).inheritIO().start();
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM, then waits for a clean shutdown; returns the exit code (-1 if it had to be killed). */
    public int stop() throws InterruptedException {
        try {
            if (process == null) {
                return -1;
            }
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    return -1;
                }
            }
            return process.exitValue();
        } finally {
            if (socketDir != null) {
                try {
                    Files.deleteIfExists(socket);
                    Files.deleteIfExists(socketDir);
                } catch (IOException ignored) {
                    // a leftover empty directory in /tmp
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
