package io.wsproxy.link;

/**
 * What a {@link LinkChannel} reports, always through the executor it was opened with (for the
 * proxy: the session's Vert.x context), never on the selector thread.
 */
public interface LinkHandler {

    /** The channel is connected; writes may start. */
    void onConnected(LinkChannel channel);

    /** Bytes from the engine, in order. The array is the handler's to keep. */
    void onData(byte[] data);

    /**
     * The channel is closed: by {@link LinkChannel#close()}, by the engine (cause null) or on an
     * I/O error (including a failed connect). Called exactly once, last.
     */
    void onClosed(Throwable cause);
}
