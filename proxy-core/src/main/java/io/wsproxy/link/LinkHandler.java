package io.wsproxy.link;

import io.netty.buffer.ByteBuf;

/**
 * What a {@link LinkChannel} reports, always on the event loop the channel was opened from
 * (for the proxy: the WebSocket session's), never on another thread.
 */
public interface LinkHandler {

    /** The channel is connected; writes may start. */
    void onConnected(LinkChannel channel);

    /**
     * Bytes from the engine, in order. Borrowed: valid during the call only (the link releases
     * the buffer after it); read what is needed before returning.
     */
    void onData(ByteBuf data);

    /**
     * The socket has no more bytes for now: what {@link #onData} produced since the last call
     * may be flushed in one go.
     */
    default void onReadComplete() {
    }

    /**
     * The channel is closed: by {@link LinkChannel#close()}, by the engine (cause null), by
     * {@link EngineLink#close()} or on an I/O error (including a failed connect). Called exactly
     * once, last.
     */
    void onClosed(Throwable cause);
}
