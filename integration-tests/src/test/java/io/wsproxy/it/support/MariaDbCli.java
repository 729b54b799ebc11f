package io.wsproxy.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code mariadb} command-line client (Debian package mariadb-client), run as a process. */
public final class MariaDbCli {
    /** What one run printed, and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private MariaDbCli() {
    }

    /** Fails (not skips) when the client is missing: .ci/run installs it. */
    public static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (new java.io.File(dir, "mariadb").canExecute()) {
                return new java.io.File(dir, "mariadb").getPath();
            }
        }
        throw new IllegalStateException("the 'mariadb' client is not installed: apt-get install mariadb-client (.ci/run does)");
    }

    public static Result run(List<String> args, String sql) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary());
        command.addAll(args);
        command.add("--batch");
        command.add("--skip-column-names");
        command.add("--connect-timeout=20");
        command.add("-e");
        command.add(sql);
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("mariadb did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Over TCP to 127.0.0.1. */
    public static List<String> tcp(EngineNode node, String user, String password) {
        return new ArrayList<>(List.of("--protocol=TCP", "-h", "127.0.0.1", "-P", Integer.toString(node.port()),
                "-u", user, "-p" + password));
    }

    /** Over the node's Unix socket. */
    public static List<String> socket(EngineNode node, String user, String password) {
        return new ArrayList<>(List.of("--protocol=SOCKET", "--socket=" + node.socket(), "-u", user, "-p" + password));
    }
}
