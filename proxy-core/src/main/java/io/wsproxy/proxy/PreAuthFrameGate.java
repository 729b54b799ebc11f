package io.wsproxy.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Keeps what a session holds before its {@code auth} small and fixed: sits in front of the
 * WebSocket frame decoder, reads each frame's header (RFC 6455 section 5.2) as the bytes pass,
 * and refuses a frame whose payload is over the limit before any of it is buffered (the decoder
 * would otherwise gather a whole frame, up to the message limit, before anyone could look at it).
 * Bytes go on to the decoder one frame at a time, so a frame is decoded and handed to the session
 * before the next header is judged: an {@code auth} followed at once by a large query passes.
 * Once the session has its {@code auth}, the gate takes itself out of the pipeline.
 *
 * <p>Holds no bytes: at most the 14 of a header it is reading, copied, while the bytes themselves
 * have already gone on. Runs on the channel's event loop, which is the session's.
 */
final class PreAuthFrameGate extends ChannelInboundHandlerAdapter {

    /** What the gate asks of its session. */
    interface Session {
        boolean authReceived();

        /** A frame over the limit arrived before {@code auth}: close 1009. */
        void frameTooBig();
    }

    private static final int MAX_HEADER = 14;

    private final int limit;
    private final Session session;
    private final byte[] header = new byte[MAX_HEADER];
    private int headerRead;
    private long payloadLeft;
    private boolean refused;

    PreAuthFrameGate(int limit, Session session) {
        this.limit = limit;
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        try {
            read(ctx, buf);
        } finally {
            buf.release();
        }
    }

    private void read(ChannelHandlerContext ctx, ByteBuf buf) {
        if (refused) {
            return; // the session is closing: what the client sends now is not read
        }
        int from = buf.readerIndex();
        int pos = from;
        int end = buf.writerIndex();
        while (pos < end) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, end - pos);
                pos += n;
                payloadLeft -= n;
            } else {
                header[headerRead++] = buf.getByte(pos++);
                int length = headerLength();
                if (length < 0 || headerRead < length) {
                    continue;
                }
                long payload = payloadLength();
                headerRead = 0;
                if (payload > limit && !session.authReceived()) {
                    refused = true;
                    session.frameTooBig();
                    return;
                }
                payloadLeft = payload;
            }
            if (payloadLeft == 0 && headerRead == 0) {
                // A whole frame: decoded and handed to the session before the next header is judged.
                ctx.fireChannelRead(buf.retainedSlice(from, pos - from));
                from = pos;
                if (session.authReceived()) {
                    break;
                }
            }
        }
        if (end > from) {
            ctx.fireChannelRead(buf.retainedSlice(from, end - from));
        }
        if (session.authReceived() && ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this);
        }
    }

    /** The header's full length once its first two bytes are in, else -1. */
    private int headerLength() {
        if (headerRead < 2) {
            return -1;
        }
        int length7 = header[1] & 0x7f;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        boolean masked = (header[1] & 0x80) != 0;
        return 2 + extended + (masked ? 4 : 0);
    }

    private long payloadLength() {
        int length7 = header[1] & 0x7f;
        if (length7 < 126) {
            return length7;
        }
        int bytes = length7 == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (header[2 + i] & 0xff);
        }
        // A negative 64-bit length is a protocol violation; the decoder after us says so (1002).
        return length < 0 ? Long.MAX_VALUE : length;
    }
}
