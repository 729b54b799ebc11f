package io.wsproxy.engine.testing;

import io.wsproxy.engine.node.Node;
import io.wsproxy.engine.node.NodeOptions;
import java.io.IOException;
import java.nio.file.Path;

/** An engine-sim node in the test's JVM, on an ephemeral port in a temp directory. */
public final class TestNode implements AutoCloseable {
    public static final String ROOT_PASSWORD = "test-root-pw";

    private final Node node;

    private TestNode(Node node) {
        this.node = node;
    }

    public static TestNode start(Path baseDir) throws IOException {
        return new TestNode(Node.start(new NodeOptions(baseDir, 0, ROOT_PASSWORD)));
    }

    public Node node() {
        return node;
    }

    /** A client logged in as root over TCP. */
    public WireClient root() throws IOException {
        WireClient c = WireClient.tcp(node.port());
        Object ok = c.login("root", ROOT_PASSWORD);
        if (!(ok instanceof io.wsproxy.wire.message.OkPacket)) {
            c.close();
            throw new IOException("root login failed: " + ok);
        }
        return c;
    }

    @Override
    public void close() {
        node.close();
    }
}
