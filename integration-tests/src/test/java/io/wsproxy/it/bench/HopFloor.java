package io.wsproxy.it.bench;

import io.wsproxy.it.support.Processes;
import java.nio.file.Path;
import java.util.List;

/** {@link ByteRelay} in a JVM of its own in front of an engine's Unix socket: B8's floor. */
final class HopFloor implements AutoCloseable {
    private final Process process;
    private final Path socket;

    private HopFloor(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    static HopFloor start(Path dir, Path engineSocket) throws Exception {
        Path socket = dir.resolve("relay.sock");
        List<String> command = List.of(ChildJvm.java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ByteRelay.class.getName(), socket.toString(), engineSocket.toString());
        return new HopFloor(ChildJvm.start(command, dir, "relay", "ready"), socket);
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
