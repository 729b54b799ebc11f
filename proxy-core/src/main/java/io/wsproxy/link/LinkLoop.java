package io.wsproxy.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import jnr.unixsocket.UnixSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One selector thread: owns its channels' keys and does all their I/O. */
final class LinkLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkLoop.class);
    static final int READ_CHUNK = 64 * 1024;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /**
     * Reused for every read on this thread; each chunk is copied out before it is handed on.
     * Direct, so the kernel reads into it without a copy through a temporary array.
     */
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_CHUNK);
    private volatile boolean running = true;

    LinkLoop(String name) throws IOException {
        // jnr channels need jnr's selector, not the JDK's.
        this.selector = UnixSocketChannel.open().provider().openSelector();
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs the task on the selector thread (soon, in submission order). */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    Selector selector() {
        return selector;
    }

    @Override
    public void run() {
        while (running) {
            try {
                selector.select();
                wakeupPending.set(false);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    runSafely(task);
                }
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    LinkChannel channel = (LinkChannel) key.attachment();
                    if (key.isValid()) {
                        channel.onReady(key);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // One bad key must not stop every session on this thread.
                LOG.warn("engine link selector: {}", e.toString());
            }
        }
        for (SelectionKey key : selector.keys()) {
            ((LinkChannel) key.attachment()).closeNow(new IOException("engine link closed"));
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("engine link task failed: {}", e.toString());
        }
    }

    void close() {
        running = false;
        selector.wakeup();
    }

    /** The selector thread still serves its channels. */
    boolean alive() {
        return running && thread.isAlive();
    }
}
