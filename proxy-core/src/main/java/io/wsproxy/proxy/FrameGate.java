package io.wsproxy.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.wsproxy.ws.ByteBudget;

/**
 * Judges each client frame by its header (RFC 6455 section 5.2) before its payload is read, in
 * front of the WebSocket frame decoder, which would otherwise gather a whole frame, up to the
 * message limit, before anyone could look at it:
 * <ul>
 * <li>Before the session's {@code auth}, a frame over {@code preAuthLimit} is refused at its
 *     header (close 1009): what a session holds before it authenticates is small and fixed.
 *     Bytes then go on one frame at a time, so the {@code auth} reaches the session before the
 *     next header is judged, and a large query right behind it passes.</li>
 * <li>After it, a frame over {@code largeFrame} first reserves its size from the proxy's
 *     {@link ByteBudget}, the one waiting queries draw on. When it does not fit, the gate stops
 *     reading this client until bytes are given back: the proxy's memory for messages being
 *     received is part of that one budget, however many sessions send at once. The reservation
 *     is given back as the frame's last bytes go on (the session then counts its query itself).</li>
 * </ul>
 * It also refuses, at its header, a frame that breaks RFC 6455 framing (section 5: reserved bits
 * without an extension, an unmasked client frame, a reserved opcode, a fragmented or oversized
 * control frame, a continuation without a start, a new message inside an unfinished one): close
 * 1002, decided here so that the client always gets its close frame.
 *
 * <p>Holds no bytes but a parked read while it waits. Runs on the channel's event loop, the session's.
 */
final class FrameGate extends ChannelInboundHandlerAdapter {

    /** What the gate asks of its session. */
    interface Session {
        boolean authReceived();

        /** A frame over the limit arrived before {@code auth}: close 1009. */
        void frameTooBig();

        /** A frame broke RFC 6455 framing: close 1002. */
        void malformedFrame(String why);
    }

    private static final int MAX_HEADER = 14;

    private final int preAuthLimit;
    private final int largeFrame;
    private final ByteBudget budget;
    private final Session session;
    private final byte[] header = new byte[MAX_HEADER];
    private int headerRead;
    private long payloadLeft;
    private long reserved;
    /** Bytes read while waiting for room, and what the frame at their start needs. */
    private ByteBuf parked;
    private long parkedNeeds;
    private boolean refused;
    private boolean inMessage;
    private boolean gone;

    FrameGate(int preAuthLimit, int largeFrame, ByteBudget budget, Session session) {
        this.preAuthLimit = preAuthLimit;
        this.largeFrame = largeFrame;
        this.budget = budget;
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        if (parked != null) { // read before the hold took effect: kept in order behind the rest
            parked = Unpooled.wrappedBuffer(parked, buf);
            ctx.channel().config().setAutoRead(false);
            return;
        }
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
                String violation = violation(payload);
                if (violation != null) {
                    refused = true;
                    session.malformedFrame(violation);
                    return;
                }
                if (!session.authReceived()) {
                    if (payload > preAuthLimit) {
                        refused = true;
                        session.frameTooBig();
                        return;
                    }
                } else if (payload > largeFrame && payload <= budget.limit()) {
                    // (a frame over the whole budget is over the message limit too: the decoder refuses it)
                    if (!budget.tryReserve(payload)) {
                        forward(ctx, buf, from, pos);
                        park(ctx, buf.retainedSlice(pos, end - pos), payload);
                        return;
                    }
                    reserved = payload;
                }
                payloadLeft = payload;
            }
            if (payloadLeft == 0 && headerRead == 0) {
                frameEnd();
                if (!session.authReceived()) {
                    // Decoded and handed to the session before the next header is judged.
                    forward(ctx, buf, from, pos);
                    from = pos;
                }
            }
        }
        forward(ctx, buf, from, end);
    }

    /** The last bytes of a frame are about to go on: its reservation becomes the session's to make. */
    private void frameEnd() {
        if (reserved > 0) {
            long r = reserved;
            reserved = 0;
            budget.release(r);
        }
    }

    private static void forward(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
        if (to > from) {
            ctx.fireChannelRead(buf.retainedSlice(from, to - from));
        }
    }

    /** Stops reading the client until the budget has room for a frame of {@code needs} bytes. */
    private void park(ChannelHandlerContext ctx, ByteBuf rest, long needs) {
        parked = rest;
        parkedNeeds = needs;
        ctx.channel().config().setAutoRead(false);
        budget.whenFreed(needs, () -> ctx.executor().execute(() -> retry(ctx)));
    }

    private void retry(ChannelHandlerContext ctx) {
        if (gone || parked == null) {
            return;
        }
        if (!budget.tryReserve(parkedNeeds)) {
            budget.whenFreed(parkedNeeds, () -> ctx.executor().execute(() -> retry(ctx)));
            return;
        }
        reserved = parkedNeeds;
        payloadLeft = parkedNeeds;
        ByteBuf rest = parked;
        parked = null;
        ctx.channel().config().setAutoRead(true);
        try {
            read(ctx, rest);
        } finally {
            rest.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        letGo();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        letGo();
    }

    /** The connection is over: nothing it reserved or parked stays held. */
    private void letGo() {
        gone = true;
        if (parked != null) {
            parked.release();
            parked = null;
        }
        frameEnd();
    }

    /** What is wrong with the frame whose header was just read (RFC 6455 section 5), or null. */
    private String violation(long payload) {
        int opcode = header[0] & 0x0f;
        boolean fin = (header[0] & 0x80) != 0;
        if ((header[0] & 0x70) != 0) {
            return "reserved bits set"; // no extension is negotiated (no permessage-deflate)
        }
        if ((header[1] & 0x80) == 0) {
            return "client frame not masked";
        }
        if (opcode >= 0x8) {
            if (opcode > 0xA) {
                return "reserved opcode " + opcode;
            }
            return !fin ? "fragmented control frame" : payload > 125 ? "control frame over 125 bytes" : null;
        }
        if (opcode == 0x0) {
            if (!inMessage) {
                return "continuation without a start";
            }
            inMessage = !fin;
            return null;
        }
        if (opcode > 0x2) {
            return "reserved opcode " + opcode;
        }
        if (inMessage) {
            return "new message inside an unfinished one";
        }
        inMessage = !fin;
        return null;
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
        // A negative 64-bit length breaks RFC 6455; the decoder after us says so (1002).
        return length < 0 ? 0 : length;
    }
}
