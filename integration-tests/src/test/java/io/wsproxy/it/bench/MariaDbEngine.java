package io.wsproxy.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MariaDB from the Debian package, in a scratch data directory, reachable only over its Unix
 * socket (kept short, under /tmp: sun_path holds 108 bytes). An init file creates the
 * benchmark's user with mysql_native_password.
 */
final class MariaDbEngine implements AutoCloseable {
    static final String USER = "bench";
    static final String PASSWORD = "bench-pw";

    private final Process process;
    private final Path socketDir;
    private final Path socket;

    private MariaDbEngine(Process process, Path socketDir) {
        this.process = process;
        this.socketDir = socketDir;
        this.socket = socketDir.resolve("m.sock");
    }

    static MariaDbEngine start(Path dir) throws Exception {
        Files.createDirectories(dir);
        String user = System.getProperty("user.name");
        Path data = dir.resolve("data");
        exec(dir.resolve("install-db.log"), List.of(binary("mariadb-install-db"), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--user=" + user, "--skip-test-db"));
        Path init = dir.resolve("init.sql");
        Files.writeString(init, "CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';\n"
                + "GRANT ALL ON *.* TO '" + USER + "'@'localhost';\n");
        Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "wsb");
        Process p = new ProcessBuilder(binary("mariadbd"), "--no-defaults", "--datadir=" + data,
                "--socket=" + socketDir.resolve("m.sock"), "--skip-networking", "--user=" + user,
                "--pid-file=" + dir.resolve("mariadbd.pid"), "--init-file=" + init, "--max-connections=10100", "--open-files-limit=20000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.log").toFile()).start();
        MariaDbEngine engine = new MariaDbEngine(p, socketDir);
        engine.awaitLogin(dir);
        return engine;
    }

    private void awaitLogin(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited: " + Files.readString(dir.resolve("mariadbd.log")));
            }
            if (Files.exists(socket)) {
                try (WireSession s = WireSession.open(socket, USER, PASSWORD)) {
                    s.query("SELECT 1");
                    return;
                } catch (IOException e) {
                    last = e;
                }
            }
            Thread.sleep(100); // polling for the socket, bounded by the deadline
        }
        close();
        throw new IOException("mariadbd did not accept " + USER + " on " + socket + " in 60 s", last);
    }

    private static void exec(Path log, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " failed: " + Files.readString(log));
        }
    }

    private static String binary(String name) {
        for (String dir : List.of("/usr/sbin", "/usr/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(name + " is missing: apt-get install mariadb-server (.ci/run does)");
    }

    long pid() {
        return process.pid();
    }

    Path socket() {
        return socket;
    }

    /** {@code mariadbd --version}, for the report. */
    static String version() throws Exception {
        Process p = new ProcessBuilder(binary("mariadbd"), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return out.replaceFirst("^.*?Ver ", "");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socketDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException ignored) {
            // a leftover socket directory under /tmp
        }
    }
}
