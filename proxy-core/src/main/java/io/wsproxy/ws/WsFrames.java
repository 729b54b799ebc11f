package io.wsproxy.ws;

import io.netty.buffer.ByteBuf;

/**
 * Text messages as a server puts them on the wire (RFC 6455 section 5.2: FIN, opcode, payload
 * length, no mask), written straight into an outbound buffer, so that the frames of one reply
 * share one buffer and one flush. A message longer than the frame limit goes out as a text frame
 * and continuation frames, as Vert.x itself splits it; the split may fall inside a UTF-8
 * sequence, since only the whole message must be valid UTF-8 (section 8.1).
 */
public final class WsFrames {
    static final int FIN = 0x80;
    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    /** The header of a frame is at most this long (a 64-bit length, no mask). */
    public static final int MAX_HEADER = 10;

    private WsFrames() {
    }

    /** Appends {@code utf8[offset, offset + length)} as one text message, in frames of at most {@code maxFrame} bytes. */
    public static void text(ByteBuf out, byte[] utf8, int offset, int length, int maxFrame) {
        if (maxFrame < 1) {
            throw new IllegalArgumentException("maxFrame " + maxFrame);
        }
        int opcode = OP_TEXT;
        int pos = offset;
        int end = offset + length;
        do {
            int n = Math.min(maxFrame, end - pos);
            boolean last = pos + n == end;
            header(out, last, opcode, n);
            out.writeBytes(utf8, pos, n);
            pos += n;
            opcode = OP_CONTINUATION;
        } while (pos < end);
    }

    /** The header of a one-frame text message of {@code length} bytes; the payload follows it. */
    public static void textHeader(ByteBuf out, int length) {
        header(out, true, OP_TEXT, length);
    }

    /** The header of a one-frame binary message of {@code length} bytes (the {@code /mysql} tunnel); the payload follows it. */
    public static void binaryHeader(ByteBuf out, int length) {
        header(out, true, OP_BINARY, length);
    }

    /** Bytes {@link #text} appends for a message of {@code length} bytes sent in one frame. */
    public static int frameLength(int length) {
        return length + (length < 126 ? 2 : length <= 0xFFFF ? 4 : 10);
    }

    private static void header(ByteBuf out, boolean fin, int opcode, int length) {
        out.writeByte((fin ? FIN : 0) | opcode);
        if (length < 126) {
            out.writeByte(length);
        } else if (length <= 0xFFFF) {
            out.writeByte(126).writeShort(length);
        } else {
            out.writeByte(127).writeLong(length);
        }
    }
}
