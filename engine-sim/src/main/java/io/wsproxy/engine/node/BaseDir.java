package io.wsproxy.engine.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of one node (DESIGN.md section 2). */
public record BaseDir(Path root) {
    /** sun_path is 108 bytes on Linux, one of them the terminating NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 107;

    public Path cnf() {
        return root.resolve("memsql.cnf");
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path tracelogs() {
        return root.resolve("tracelogs");
    }

    public Path memsqlLog() {
        return tracelogs().resolve("memsql.log");
    }

    public Path proxyLog() {
        return tracelogs().resolve("websocket_proxy.log");
    }

    public Path defaultSocket() {
        return root.resolve("memsql.sock");
    }

    void create() throws IOException {
        Files.createDirectories(data());
        Files.createDirectories(tracelogs());
    }

    /**
     * The socket path to bind: {@code wanted} when it fits in sun_path, else a short path under the
     * system temp dir, unique to this base dir (the caller logs where it went).
     */
    Path socketPath(Path wanted) throws IOException {
        if (fits(wanted)) {
            return wanted;
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                "wsproxy-" + Integer.toHexString(root.toString().hashCode()));
        Files.createDirectories(dir);
        return dir.resolve(wanted.getFileName().toString().length() > 40
                ? "node.sock" : wanted.getFileName().toString());
    }

    static boolean fits(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES;
    }
}
