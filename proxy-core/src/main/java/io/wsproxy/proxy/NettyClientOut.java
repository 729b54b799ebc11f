package io.wsproxy.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.wsproxy.ws.WsFrames;

/**
 * {@link ClientOut} on the WebSocket's Netty channel: each message is framed (RFC 6455, by
 * {@link WsFrames}) straight into one pooled buffer shared by the frames written before the next
 * flush, and the buffer goes to the channel as plain bytes, past the WebSocket frame encoder.
 *
 * <p>Why not Vert.x's API: {@code ServerWebSocket.writeTextMessage} takes a String (a decode and
 * an encode of every {@code rows} message) and flushes each message on its own when called
 * outside the WebSocket's own read, which is where engine replies arrive. Why it stays correct
 * across Vert.x upgrades: Vert.x writes its frames through this same context ({@code
 * WebSocketInternal.channelHandlerContext()}) in call order, so control frames it writes itself
 * (pong, close) keep their place; bytes the frame encoder does not recognise pass it unchanged
 * (Netty's {@code MessageToMessageEncoder} contract), TLS included; and the proxy's end-to-end
 * tests drive real WebSocket clients through it. Permessage-deflate, when a client negotiates
 * it, is simply not applied to these messages, which RFC 7692 allows (RSV1 clear).
 *
 * <p>Backpressure: {@link #isFull()} is the channel's writability (Vert.x's water marks), and a
 * handler placed before Vert.x's in the pipeline reports when it comes back.
 */
final class NettyClientOut implements ClientOut {
    /** A batch past this size goes to the channel (unflushed) and a new one starts. */
    private static final int BATCH = 64 * 1024;
    private static final int FIRST_BATCH = 512;

    private final ChannelHandlerContext ctx;
    private final int maxFrame;
    private ByteBuf batch;
    private boolean unflushed;
    private boolean discarded;
    private Runnable onWritable;

    NettyClientOut(ChannelHandlerContext ctx, int maxFrame) {
        this.ctx = ctx;
        this.maxFrame = maxFrame;
        ctx.pipeline().addBefore(ctx.name(), null, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext c) {
                c.fireChannelWritabilityChanged();
                if (c.channel().isWritable() && onWritable != null) {
                    Runnable action = onWritable;
                    onWritable = null;
                    // A task of its own: this event may fire inside a flush made in the engine's
                    // read, and a resume of that engine socket must not run inside its own read.
                    c.executor().execute(action);
                }
            }
        });
    }

    @Override
    public void message(byte[] utf8, int offset, int length) {
        if (discarded) {
            return;
        }
        WsFrames.text(batch(WsFrames.frameLength(length) + (length / maxFrame) * WsFrames.MAX_HEADER), utf8, offset,
                length, maxFrame);
        handOverIfFull();
    }

    /** Encodes the String once, straight into the batch. */
    @Override
    public void message(String json) {
        int length = ByteBufUtil.utf8Bytes(json);
        if (discarded || length > maxFrame) {
            ClientOut.super.message(json);
            return;
        }
        ByteBuf out = batch(WsFrames.frameLength(length));
        WsFrames.textHeader(out, length);
        ByteBufUtil.reserveAndWriteUtf8(out, json, length);
        handOverIfFull();
    }

    private ByteBuf batch(int room) {
        if (batch == null) {
            batch = ctx.alloc().directBuffer(Math.max(FIRST_BATCH, room));
        }
        return batch;
    }

    private void handOverIfFull() {
        if (batch.readableBytes() >= BATCH) {
            handOver();
        }
    }

    private void handOver() {
        ByteBuf full = batch;
        batch = null;
        unflushed = true;
        ctx.write(full, ctx.voidPromise());
    }

    @Override
    public void flush() {
        if (batch != null) {
            handOver();
        }
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    @Override
    public boolean isFull() {
        return !ctx.channel().isWritable();
    }

    @Override
    public void whenWritable(Runnable action) {
        onWritable = action;
    }

    @Override
    public void discard() {
        discarded = true;
        onWritable = null;
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }
}
