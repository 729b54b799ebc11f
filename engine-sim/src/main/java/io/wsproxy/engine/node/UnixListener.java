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
 * A Unix socket the node serves MySQL on (jnr-unixsocket, as the design card asks). Clients on
 * it are {@code localhost} for account matching. The socket file is removed on close.
 */
final class UnixListener extends Listener {
    private final Path path;
    private final UnixServerSocketChannel server;

    UnixListener(Path path, String permissions, Logger log) throws IOException {
        super("unix-accept-" + path.getFileName(), log);
        this.path = path;
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
        return new Peer(channel.socket(), "localhost", Peer.Transport.UNIX);
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
