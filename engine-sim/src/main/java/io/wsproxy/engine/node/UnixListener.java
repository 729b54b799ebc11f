package io.wsproxy.engine.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import org.slf4j.Logger;

/**
 * A Unix socket the node serves MySQL on (jnr-unixsocket, as the design card asks): the node's
 * own {@code memsql.sock}, whose clients are {@code localhost} for account matching, or a proxy
 * instance's {@code proxy-<generation>.sock}. The socket file is removed on close.
 */
class UnixListener extends Listener {
    private final Path path;
    private final UnixServerSocketChannel server;
    private final Peer.Transport transport;

    UnixListener(Path path, String permissions, Peer.Transport transport, Logger log) throws IOException {
        super("unix-accept-" + path.getFileName(), log);
        this.path = path;
        this.transport = transport;
        // A stale file from a node that died would make bind fail with EADDRINUSE.
        Files.deleteIfExists(path);
        server = UnixServerSocketChannel.open();
        server.socket().bind(new UnixSocketAddress(path.toFile()));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    Path path() {
        return path;
    }

    @Override
    Peer accept() throws IOException {
        UnixSocketChannel channel = server.accept();
        if (channel == null) {
            throw new IOException("accept returned no channel");
        }
        return new Peer(channel.socket(), "localhost", transport, false);
    }

    @Override
    void closeSocket() throws IOException {
        try {
            server.close();
        } finally {
            Files.deleteIfExists(path);
        }
    }

    @Override
    String describe() {
        return "unix " + path;
    }
}
