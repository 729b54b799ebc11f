package io.wsproxy.link;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine side of one proxy instance: every engine connection its sessions open, through
 * Vert.x's own client on the instance's Vert.x (DESIGN.md section 6). A connection lives on
 * the event loop that opened it, the one that owns its WebSocket session, so an engine reply is
 * read, turned into frames and written on one thread, with no hand-off per reply.
 *
 * <p>An engine address is a Vert.x {@link SocketAddress}: a Unix domain socket
 * ({@code SocketAddress.domainSocketAddress(path)}, on the JDK's NIO transport or the native
 * one) or a TCP host and port; the link makes no difference between them.
 *
 * <p>{@link #close()} is the instance's kill switch: it ends every engine connection (each
 * handler hears {@link LinkHandler#onClosed} with an {@link IOException}) and refuses new
 * ones; {@link #isClosed()} tells whether that happened.
 */
public final class EngineLink implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final NetClient client;
    private final Set<LinkChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public EngineLink(Vertx vertx) {
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS));
    }

    /**
     * Connects to the engine. Call it on the event-loop context that is to serve the connection;
     * the outcome reaches {@code handler} there: {@link LinkHandler#onConnected} then data, or
     * {@link LinkHandler#onClosed} with the cause.
     *
     * @throws IllegalStateException when called off an event-loop context
     */
    public LinkChannel connect(SocketAddress engine, LinkHandler handler) {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext() || !Context.isOnEventLoopThread()) {
            throw new IllegalStateException("an engine connection is opened from the event loop that will serve it");
        }
        LinkChannel channel = new LinkChannel(this, context, engine, handler);
        open.add(channel);
        if (closed) {
            channel.close(new IOException("engine link closed"));
        } else {
            client.connect(engine).onComplete(channel::connected);
        }
        return channel;
    }

    /** Whether {@link #close()} ended this link. */
    public boolean isClosed() {
        return closed;
    }

    /** Open connections (connecting or connected). */
    public int connections() {
        return open.size();
    }

    /** Ends every engine connection of the instance and refuses new ones; from any thread. */
    @Override
    public void close() {
        closed = true;
        IOException cause = new IOException("engine link closed");
        for (LinkChannel channel : open) {
            channel.close(cause);
        }
        client.close();
    }

    void forget(LinkChannel channel) {
        open.remove(channel);
    }
}
