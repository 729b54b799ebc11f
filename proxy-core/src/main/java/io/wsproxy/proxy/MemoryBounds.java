package io.wsproxy.proxy;

/**
 * The proxy's memory budgets (PROTOCOL.md section 1, docs/protocol.md "Limits"), in one place
 * so the documentation can state them: what a session may hold before its {@code auth}, and the
 * bytes of queries waiting to run, per session and for the whole proxy.
 */
final class MemoryBounds {
    /**
     * Before its {@code auth} message a session reads no frame and assembles no message larger
     * than this (close 1009): an {@code auth} is a user name, a password or token and a database.
     */
    static final int PRE_AUTH_MESSAGE_BYTES = 16 * 1024;
    /**
     * After {@code auth}, a frame larger than this reserves its size from the proxy's budget before
     * it is read (FrameGate); smaller ones pass at once, so small queries never wait on big ones.
     */
    static final int LARGE_FRAME_BYTES = 64 * 1024;
    /** A session's budget of waiting query bytes, unless twice the message limit is larger. */
    static final long SESSION_QUEUE_BYTES = 4L << 20;
    /** The proxy-wide budget of waiting query bytes is a quarter of the heap, and at most this. */
    static final long PROXY_QUEUE_BYTES_MAX = 256L << 20;

    private MemoryBounds() {
    }

    /** A session can always queue one message of the largest size behind a running query, and one more. */
    static long sessionQueueBytes(int maxMessageSize) {
        return Math.max(SESSION_QUEUE_BYTES, 2L * maxMessageSize);
    }

    /** For a JVM whose maximum heap is {@code maxHeap} ({@link Runtime#maxMemory()}). */
    static long proxyQueueBytes(long maxHeap) {
        return Math.max(1, Math.min(PROXY_QUEUE_BYTES_MAX, maxHeap / 4));
    }
}
