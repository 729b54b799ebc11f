package io.wsproxy.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;

/**
 * One connection to the engine, confined to the event loop that opened it: every method is
 * called there, except {@link #close(Throwable)}, which may come from any thread.
 *
 * <p>Reads go to the handler as Netty's own (pooled) buffers, through Vert.x's internal
 * {@link NetSocketInternal#messageHandler}: its public data handler would copy each one into a
 * fresh heap buffer first. {@link #pause()} stops reading at the socket (Netty's auto-read) until
 * {@link #resume()}; what was read before still reaches the handler in the same read, followed by
 * {@link LinkHandler#onReadComplete}. Not Vert.x's {@code pause()}: since Vert.x 5.1 it holds
 * the reads it has in a queue and hands them over later from a task of their own, with no
 * read-complete after them, and the handlers flush on read-complete.
 */
public final class LinkChannel {
    private final EngineLink link;
    private final Context context;
    private final SocketAddress address;
    private final LinkHandler handler;
    private NetSocketInternal socket;
    private Throwable failure;
    private boolean closing;
    private boolean finished;

    LinkChannel(EngineLink link, Context context, SocketAddress address, LinkHandler handler) {
        this.link = link;
        this.context = context;
        this.address = address;
        this.handler = handler;
    }

    /** Sends bytes to the engine, in call order; the buffer is the channel's. Dropped when closed. */
    public void write(ByteBuf data) {
        if (closing || socket == null) {
            data.release();
            return;
        }
        socket.writeMessage(data);
    }

    /** {@link #write(ByteBuf)}, then {@code written} once the bytes are in the socket (or dropped). */
    public void write(ByteBuf data, Runnable written) {
        if (closing || socket == null) {
            data.release();
            written.run();
            return;
        }
        socket.writeMessage(data).onComplete(ar -> written.run());
    }

    public void write(byte[] bytes) {
        write(Unpooled.wrappedBuffer(bytes));
    }

    /** The allocator for buffers to {@link #write}: the socket's own pool. */
    public ByteBufAllocator alloc() {
        return socket == null ? ByteBufAllocator.DEFAULT : socket.channelHandlerContext().alloc();
    }

    /** Stops reading from the engine (the consumer is full) until {@link #resume()}. */
    public void pause() {
        autoRead(false);
    }

    public void resume() {
        autoRead(true);
    }

    private void autoRead(boolean on) {
        if (socket != null && !closing) {
            socket.channelHandlerContext().channel().config().setAutoRead(on);
        }
    }

    /** Whether the bytes written so far wait in a full outbound queue. */
    public boolean writeQueueFull() {
        return socket != null && socket.writeQueueFull();
    }

    /** Runs {@code action} once, on this channel's event loop, when a full outbound queue has drained. */
    public void whenWritable(Runnable action) {
        if (socket == null || closing) {
            return;
        }
        socket.drainHandler(v -> {
            socket.drainHandler(null);
            action.run();
        });
    }

    /**
     * Sends {@code clear} as it is, then turns this connection into TLS (MySQL's SSLRequest comes in
     * clear right before the client's TLS handshake); the future completes when the handshake is done.
     */
    public Future<Void> startTls(SSLOptions options, String serverName, ByteBuf clear) {
        if (socket == null || closing) {
            clear.release();
            return Future.failedFuture(new IOException("the engine connection is closed"));
        }
        return socket.upgradeToSsl(options, serverName, BufferInternal.buffer(clear));
    }

    /** Closes the connection; the handler then gets {@link LinkHandler#onClosed} with a null cause. */
    public void close() {
        close(null);
    }

    /** Closes with {@code cause} reported to the handler (null: a normal close); from any thread. */
    public void close(Throwable cause) {
        if (Vertx.currentContext() == context && Context.isOnEventLoopThread()) {
            closeNow(cause);
        } else {
            context.runOnContext(v -> closeNow(cause));
        }
    }

    private void closeNow(Throwable cause) {
        if (closing) {
            return;
        }
        closing = true;
        if (failure == null) {
            failure = cause;
        }
        if (socket != null) {
            socket.close(); // its close handler reports
        } else {
            // Not connected yet: connected() closes what it gets. Reported later, as from the socket.
            Throwable reported = failure;
            context.runOnContext(v -> finish(reported));
        }
    }

    void connected(AsyncResult<NetSocket> ar) {
        if (ar.failed()) {
            finish(new IOException("cannot connect to the engine at " + address + ": " + ar.cause().getMessage(),
                    ar.cause()));
            return;
        }
        NetSocketInternal connected = (NetSocketInternal) ar.result();
        if (closing) {
            connected.close();
            return;
        }
        socket = connected;
        connected.messageHandler(this::onMessage);
        connected.readCompletionHandler(v -> handler.onReadComplete());
        connected.exceptionHandler(e -> {
            if (failure == null) {
                failure = e;
            }
        });
        connected.closeHandler(v -> finish(failure));
        handler.onConnected(this);
    }

    private void onMessage(Object message) {
        if (!(message instanceof ByteBuf)) {
            ReferenceCountUtil.release(message);
            return;
        }
        ByteBuf data = (ByteBuf) message;
        try {
            handler.onData(data);
        } finally {
            data.release();
        }
    }

    private void finish(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        closing = true;
        link.forget(this);
        handler.onClosed(cause);
    }
}
