package io.wsproxy.it.bench;

import io.wsproxy.it.support.Processes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

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
        int port = freePort();
        Path jar = Path.of(System.getProperty("proxy.jar", "../proxy-core/target/proxy-core.jar"));
        List<String> command = List.of(ChildJvm.java(), "-jar", jar.toString(), "--engine-socket",
                engineSocket.toString(), "--http-port", Integer.toString(port), "--host", "127.0.0.1", "--log-file",
                dir.resolve("websocket_proxy.log").toString());
        return new StandaloneProxy(ChildJvm.start(command, dir, "proxy", "ready proxy="), port);
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
