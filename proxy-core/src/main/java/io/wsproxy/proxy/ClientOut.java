package io.wsproxy.proxy;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.nio.charset.StandardCharsets;

/**
 * What a session sends its client: text messages, written as they come and flushed once per
 * piece of work (an engine read, a client message, a timer), so that the frames of a small
 * result ({@code columns}, {@code rows}, {@code end}) leave in one write. Confined to the
 * session's event loop.
 */
sealed interface ClientOut permits NettyClientOut, VertxClientOut {

    /** One text message: its UTF-8 bytes, copied before the call returns. */
    void message(byte[] utf8, int offset, int length);

    default void message(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        message(utf8, 0, utf8.length);
    }

    /** Sends what was written since the last flush. */
    void flush();

    /** Whether the client's outbound queue is over its high-water mark: stop producing. */
    boolean isFull();

    /**
     * Runs {@code action} once, when the queue has room again after {@link #isFull()}: later, as
     * a task of its own on the session's event loop, never inside the flush that made room.
     */
    void whenWritable(Runnable action);

    /** Drops what is not flushed yet; every later message is dropped too (the session is over). */
    void discard();

    /**
     * Frames written into the WebSocket's own Netty pipeline when Vert.x exposes it (its internal
     * {@link WebSocketInternal}), else Vert.x's public API, which flushes every message.
     *
     * @param maxFrame the largest frame payload; longer messages are split into continuations
     */
    static ClientOut of(ServerWebSocket ws, int maxFrame) {
        if (ws instanceof WebSocketInternal) {
            return new NettyClientOut(((WebSocketInternal) ws).channelHandlerContext(), maxFrame);
        }
        return new VertxClientOut(ws);
    }
}
