package io.wsproxy.engine.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import jnr.unixsocket.UnixSocket;
import org.slf4j.Logger;

/**
 * The engine's end of each proxy instance: a new Unix socket per generation,
 * {@code proxy-<generation>.sock}, mode 0600, in the node's private {@link SocketDir} (DESIGN.md
 * section 2). Every connection on it is a proxied client: it must come from the engine's own uid
 * (peer credentials) and starts with a PROXY protocol v2 header, which only these sockets accept.
 */
public final class ProxySockets implements AutoCloseable {
    private final SocketDir dir;
    private final ExecutorService connections;
    private final Consumer<Peer> handler;
    private final Logger log;
    private final int ownUid;
    private final Map<Long, UnixListener> open = new HashMap<>();

    ProxySockets(SocketDir dir, ExecutorService connections, Consumer<Peer> handler, Logger log) throws IOException {
        this.dir = dir;
        this.connections = connections;
        this.handler = handler;
        this.log = log;
        this.ownUid = SocketDir.ownUid();
    }

    /** Creates and listens on the socket for a new proxy instance; returns its path. */
    public synchronized Path open(long generation) throws IOException {
        Path path = dir.resolve("proxy-" + generation + ".sock");
        UnixListener listener = new UnixListener(path, "rw-------", Peer.Transport.PROXY, log) {
            @Override
            Peer accept() throws IOException {
                Peer peer = super.accept();
                int uid = ((UnixSocket) peer.socket()).getCredentials().getUid();
                if (uid != ownUid) {
                    log.warn("refused a connection on {} from uid {}: only uid {} may use proxy sockets",
                            path, uid, ownUid);
                    peer.socket().close();
                    return null;
                }
                return peer;
            }
        };
        listener.start(connections, handler);
        open.put(generation, listener);
        log.info("proxy socket {} open for generation {}", path, generation);
        return path;
    }

    /** Stops listening and removes the socket file; sessions already accepted go on. */
    public synchronized void close(long generation) {
        UnixListener listener = open.remove(generation);
        if (listener != null) {
            listener.close();
            log.info("proxy socket {} removed (generation {})", listener.path(), generation);
        }
    }

    @Override
    public synchronized void close() {
        for (Long generation : Map.copyOf(open).keySet()) {
            close(generation);
        }
    }
}
