package io.wsproxy.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.http.WebSocketInternal;
import io.wsproxy.link.LinkChannel;
import io.wsproxy.link.LinkHandler;
import io.wsproxy.wire.ProxyHeaderV2;
import io.wsproxy.ws.CloseCode;
import io.wsproxy.ws.WsFrames;

/**
 * One {@code GET /mysql} tunnel (PROTOCOL.md section 3): the MySQL client/server protocol,
 * unchanged, in binary frames both ways, so a driver talks to the engine as over TCP. The proxy
 * reads nothing of it; it only starts the engine connection with its PROXY v2 header, as for
 * {@code /ws}. A text frame closes the tunnel with 1003.
 *
 * <p>Backpressure both ways: while the engine socket's outbound queue is full the WebSocket is
 * not read, and while the WebSocket's is full the engine socket is not read. Engine bytes leave
 * without a copy: each engine read becomes one binary frame around the read's own buffer, written
 * into the WebSocket's Netty pipeline (as {@link NettyClientOut} does for text) and flushed when
 * the read completes. Confined to the WebSocket's event loop.
 *
 * <p>Memory ({@link MemoryBounds}), as on {@code /ws}: a {@link FrameGate} reads one frame header at
 * a time; until the client's first frame (its login packet, after the engine's greeting) has gone
 * to the engine no frame may carry more than {@link MemoryBounds#PRE_AUTH_MESSAGE_BYTES}; after it,
 * a frame over {@link MemoryBounds#LARGE_FRAME_BYTES} reserves its size from the proxy's byte budget
 * while it is received. While the engine socket's queue is full the client's socket is not read.
 */
final class TunnelSession implements ClientSession, LinkHandler, FrameGate.Session {
    private final ProxyInstance proxy;
    private final Generation generation;
    private final ServerWebSocket ws;
    private final Context context;
    private final String client;
    private final ProxyHeaderV2 proxyHeader;
    private final ChannelHandlerContext out;
    private LinkChannel engine;
    private boolean unflushed;
    private boolean enginePaused;
    private boolean relayed;
    private boolean closed;

    TunnelSession(ProxyInstance proxy, Generation generation, ServerWebSocket ws, Context context, String client,
            ProxyHeaderV2 proxyHeader) {
        this.proxy = proxy;
        this.generation = generation;
        this.ws = ws;
        this.context = context;
        this.client = client;
        this.proxyHeader = proxyHeader;
        this.out = ((WebSocketInternal) ws).channelHandlerContext();
    }

    void start() {
        // Nothing to send the client's bytes to until the engine answers: none are read meanwhile,
        // so none queue up in Vert.x before the first frame can go on and lift the 16 KiB limit.
        ws.pause();
        WsPipeline.autoRead(ws, false);
        WsPipeline.gateFrames(ws, MemoryBounds.PRE_AUTH_MESSAGE_BYTES, proxy.queueBudget(), this);
        ws.frameHandler(this::frame);
        ws.closeHandler(v -> onWebSocketClosed());
        ws.exceptionHandler(this::onWebSocketException);
        WsPipeline.runOnThroughServerShutdown(ws); // a retiring server drains its sessions itself
        out.pipeline().addBefore(out.name(), null, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext c) {
                c.fireChannelWritabilityChanged();
                if (c.channel().isWritable() && enginePaused) {
                    // A task of its own, never inside the flush that made room (see NettyClientOut).
                    c.executor().execute(TunnelSession.this::resumeEngine);
                }
            }
        });
        engine = proxy.link().connect(generation.engine(), this);
    }

    @Override
    public void closeWith(CloseCode code) {
        context.runOnContext(v -> close(code));
    }

    // ---- the client's frames ----

    private void frame(WebSocketFrame frame) {
        if (closed) {
            return;
        }
        if (frame.isText()) {
            close(CloseCode.UNSUPPORTED_DATA.code(), "text frames are not supported on /mysql");
            return;
        }
        if (!frame.isBinary() && !frame.isContinuation()) {
            return; // ping, pong and close are Vert.x's business
        }
        ByteBuf data = ((BufferInternal) frame.binaryData()).getByteBuf();
        if (data.isReadable()) {
            engine.write(data.retainedDuplicate());
            relayed = true;
        }
        if (engine.writeQueueFull()) {
            WsPipeline.autoRead(ws, false);
            engine.whenWritable(() -> {
                if (!closed) {
                    WsPipeline.autoRead(ws, true);
                }
            });
        }
    }

    /** A frame Netty's decoder refused (over the frame limit, or malformed): the tunnel fails with its code. */
    private void onWebSocketException(Throwable e) {
        proxy.log().debug("tunnel from {}: {}", client, e.toString());
        if (e instanceof CorruptedWebSocketFrameException corrupt) {
            close(corrupt.closeStatus().code() == CloseCode.MESSAGE_TOO_BIG.code() ? CloseCode.MESSAGE_TOO_BIG
                    : CloseCode.PROTOCOL_ERROR);
        }
    }

    // ---- FrameGate.Session ----

    /** The tunnel's "auth" is the client's first packet: the login, which the engine then judges. */
    @Override
    public boolean authReceived() {
        return relayed;
    }

    @Override
    public void frameTooBig() {
        close(CloseCode.MESSAGE_TOO_BIG);
    }

    @Override
    public void malformedFrame(String why) {
        proxy.log().debug("tunnel from {}: {}", client, why);
        close(CloseCode.PROTOCOL_ERROR);
    }

    private void onWebSocketClosed() {
        closed = true;
        if (engine != null) {
            engine.close();
        }
        generation.sessionClosed(this);
    }

    // ---- the engine's bytes ----

    @Override
    public void onConnected(LinkChannel channel) {
        if (proxyHeader != null) {
            channel.write(proxyHeader.encode());
        }
        if (!closed) {
            ws.resume();
            WsPipeline.autoRead(ws, true);
        }
    }

    @Override
    public void onData(ByteBuf data) {
        if (closed) {
            return;
        }
        int length = data.readableBytes();
        ByteBuf header = out.alloc().directBuffer(WsFrames.MAX_HEADER);
        WsFrames.binaryHeader(header, length);
        CompositeByteBuf frame = out.alloc().compositeDirectBuffer(2);
        frame.addComponents(true, header, data.retainedSlice());
        out.write(frame, out.voidPromise());
        unflushed = true;
        if (!out.channel().isWritable() && !enginePaused) {
            enginePaused = true;
            engine.pause();
        }
    }

    @Override
    public void onReadComplete() {
        flush();
    }

    @Override
    public void onClosed(Throwable cause) {
        if (closed) {
            return;
        }
        flush();
        if (cause == null) {
            close(CloseCode.NORMAL);
        } else {
            proxy.log().warn("tunnel from {}: engine connection: {}", client, cause.getMessage());
            close(CloseCode.INTERNAL_ERROR);
        }
    }

    private void resumeEngine() {
        if (enginePaused && !closed) {
            enginePaused = false;
            engine.resume();
        }
    }

    private void flush() {
        if (unflushed) {
            unflushed = false;
            out.flush();
        }
    }

    private void close(CloseCode code) {
        close(code.code(), code.reason());
    }

    private void close(short code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        flush();
        ws.close(code, reason);
        if (engine != null) {
            engine.close();
        }
    }
}
