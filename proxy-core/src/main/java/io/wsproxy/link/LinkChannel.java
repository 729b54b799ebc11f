package io.wsproxy.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;

/**
 * One non-blocking connection to the engine. Thread rules: {@link #write}, {@link #pause},
 * {@link #resume} and {@link #close} may be called from any thread; reads, connects and the
 * writes that did not fit at once happen on the selector thread; the handler runs on the
 * executor.
 *
 * <p>Writes: when nothing is queued, {@link #write} writes on the caller's thread (the socket is
 * non-blocking), so a query costs no hand-off to the selector thread and no selector wake-up;
 * what does not fit is queued and the selector thread finishes it when the socket is writable.
 * {@link #writeLock} keeps the bytes in call order across both paths.
 *
 * <p>Flow control: the selector stops reading while the channel is paused, or while more than
 * {@link #MAX_UNPROCESSED} bytes it handed to the executor have not been processed yet, so a
 * slow consumer bounds this connection's memory whatever the engine sends.
 */
public final class LinkChannel {
    static final long MAX_UNPROCESSED = 256 * 1024;

    private final LinkLoop loop;
    private final Executor executor;
    private final LinkHandler handler;
    private final Queue<ByteBuffer> writes = new ConcurrentLinkedQueue<>();
    private final AtomicLong unprocessed = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object writeLock = new Object();
    /** Set on the selector thread once the connect completed; from then on callers may write. */
    private volatile boolean connected;
    private volatile boolean paused;
    private UnixSocketChannel channel;
    private SelectionKey key;

    LinkChannel(LinkLoop loop, Executor executor, LinkHandler handler) {
        this.loop = loop;
        this.executor = executor;
        this.handler = handler;
    }

    /** Sends bytes to the engine, in call order; after {@link #close} they are dropped. */
    public void write(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        synchronized (writeLock) {
            if (closed.get()) {
                return; // checked under the lock: the channel (and its fd number) is still ours
            }
            if (connected && writes.isEmpty()) {
                try {
                    NativeIo.write(channel, buffer);
                } catch (IOException e) {
                    loop.execute(() -> closeNow(e));
                    return;
                }
                if (!buffer.hasRemaining()) {
                    return;
                }
            }
            writes.add(buffer);
        }
        loop.execute(this::flushWrites);
    }

    /** Stops reading from the engine (the consumer is full) until {@link #resume()}. */
    public void pause() {
        if (!paused) {
            paused = true;
            loop.execute(this::updateInterest);
        }
    }

    public void resume() {
        if (paused) {
            paused = false;
            loop.execute(this::updateInterest);
        }
    }

    /** Closes the connection; the handler then gets {@link LinkHandler#onClosed} with a null cause. */
    public void close() {
        loop.execute(() -> closeNow(null));
    }

    // ---- selector thread ----

    void startConnect(Path socket) {
        try {
            channel = UnixSocketChannel.open();
            channel.configureBlocking(false);
            boolean done = channel.connect(new UnixSocketAddress(socket.toFile()));
            key = channel.register(loop.selector(), done ? 0 : SelectionKey.OP_CONNECT, this);
            if (done) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            closeNow(new IOException("cannot connect to the engine socket " + socket + ": " + e.getMessage(), e));
        }
    }

    private void connected() {
        connected = true;
        flushWrites();
        executor.execute(() -> handler.onConnected(this));
    }

    void onReady(SelectionKey ready) {
        try {
            if (ready.isConnectable()) {
                if (channel.finishConnect()) {
                    connected();
                }
                return;
            }
            if (ready.isWritable()) {
                flushWrites();
            }
            // Interest, not just readiness: a pause applied by a task of this same selector
            // round must stop the read the round's select had already reported.
            if (ready.isValid() && ready.isReadable() && (ready.interestOps() & SelectionKey.OP_READ) != 0) {
                read();
            }
        } catch (IOException e) {
            closeNow(e);
        }
    }

    private void read() throws IOException {
        ByteBuffer buffer = loop.readBuffer;
        buffer.clear();
        int n = NativeIo.read(channel, buffer);
        if (n < 0) {
            closeNow(null);
            return;
        }
        if (n == 0) {
            return;
        }
        byte[] data = new byte[n];
        buffer.flip().get(data);
        if (unprocessed.addAndGet(n) >= MAX_UNPROCESSED) {
            updateInterest();
        }
        // Delivered even if the channel closes meanwhile: the engine's last words (an ERR before
        // it hangs up) come before onClosed, which the executor runs after this.
        executor.execute(() -> {
            try {
                handler.onData(data);
            } finally {
                processed(n);
            }
        });
    }

    private void processed(int n) {
        long before = unprocessed.getAndAdd(-n);
        if (before >= MAX_UNPROCESSED && before - n < MAX_UNPROCESSED) {
            loop.execute(this::updateInterest);
        }
    }

    private void flushWrites() {
        if (key == null || !key.isValid() || !channel.isConnected()) {
            return; // not connected yet: connected() flushes
        }
        try {
            synchronized (writeLock) {
                ByteBuffer head;
                while ((head = writes.peek()) != null) {
                    NativeIo.write(channel, head);
                    if (head.hasRemaining()) {
                        break;
                    }
                    writes.poll();
                }
            }
            updateInterest();
        } catch (IOException e) {
            closeNow(e);
        }
    }

    private void updateInterest() {
        if (key == null || !key.isValid() || !channel.isConnected()) {
            return;
        }
        // OP_WRITE while bytes wait: queued before the connect completed, or did not fit at once.
        int ops = writes.isEmpty() ? 0 : SelectionKey.OP_WRITE;
        if (!paused && unprocessed.get() < MAX_UNPROCESSED) {
            ops |= SelectionKey.OP_READ;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    void closeNow(Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (key != null) {
            key.cancel();
        }
        // Under the write lock: a caller's direct write never reaches an fd number the kernel
        // has already handed to another connection.
        synchronized (writeLock) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            writes.clear();
        }
        Throwable reported = cause instanceof ClosedChannelException ? null : cause;
        executor.execute(() -> handler.onClosed(reported));
    }
}
