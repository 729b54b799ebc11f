package io.wsproxy.proxy;

/**
 * Which of Netty's buffer allocators the proxy's process uses. It must be chosen before any Netty
 * buffer class loads, so each runnable jar's {@code main} calls {@link #choosePooled()} first; this
 * class touches nothing of Netty's for that reason.
 *
 * <p>Netty 4.2's default ("adaptive") kept every direct buffer that 500 sessions sending 1 MiB
 * messages had passed through: its committed direct memory climbed to the JVM's direct-memory limit
 * (232 MiB with {@code -Xmx256m}, HostileClientsIT) whatever the byte budget allowed to be live. The
 * classic pooled allocator reuses its arenas and stayed at 37 MiB in the same run, so direct
 * memory follows the budget as the heap does.
 */
public final class NettyBuffers {
    /** Netty's own switch; a value given on the command line ({@code -D}) wins. */
    public static final String ALLOCATOR_PROPERTY = "io.netty.allocator.type";

    private NettyBuffers() {
    }

    public static void choosePooled() {
        if (System.getProperty(ALLOCATOR_PROPERTY) == null) {
            System.setProperty(ALLOCATOR_PROPERTY, "pooled");
        }
    }
}
