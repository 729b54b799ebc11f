package io.wsproxy.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads MySQL's basic data types from a payload (MySQL "Basic Data Types": fixed-length
 * little-endian integers, length-encoded integers and strings, NUL-terminated strings). Reading
 * past the end throws {@link MalformedPacketException}, never an index exception.
 */
public final class WireReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public WireReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new MalformedPacketException("bad slice " + off + "+" + len + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new MalformedPacketException("needs " + n + " more bytes, has " + (end - pos));
        }
    }

    public int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    public int u16() {
        need(2);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public int u24() {
        need(3);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16;
        pos += 3;
        return v;
    }

    public long u32() {
        need(4);
        long v = (buf[pos] & 0xffL) | (buf[pos + 1] & 0xffL) << 8 | (buf[pos + 2] & 0xffL) << 16
                | (buf[pos + 3] & 0xffL) << 24;
        pos += 4;
        return v;
    }

    public long u64() {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += 8;
        return v;
    }

    /** A length-encoded integer; -1 for 0xFB (NULL in a text row). 0xFF is not an integer. */
    public long lenencInt() {
        int first = u8();
        if (first < 0xfb) {
            return first;
        }
        return switch (first) {
            case 0xfb -> -1;
            case 0xfc -> u16();
            case 0xfd -> u24();
            case 0xfe -> u64();
            default -> throw new MalformedPacketException("0xff is not a length-encoded integer");
        };
    }

    /** A length-encoded string's bytes; null for 0xFB. */
    public byte[] lenencBytes() {
        if (peek() == 0xfb) {
            pos++;
            return null;
        }
        // 0xFE lengths of 2^63 and above read as negative longs; none fits in a packet
        long len = lenencInt();
        if (len < 0 || len > remaining()) {
            throw new MalformedPacketException("string of " + len + " bytes, " + remaining() + " left");
        }
        return bytes((int) len);
    }

    public String lenencString() {
        byte[] b = lenencBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    public String nulString() {
        for (int i = pos; i < end; i++) {
            if (buf[i] == 0) {
                String s = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                pos = i + 1;
                return s;
            }
        }
        throw new MalformedPacketException("NUL-terminated string without its NUL");
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    public byte[] rest() {
        return bytes(end - pos);
    }

    public String restString() {
        String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
        pos = end;
        return s;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    public int peek() {
        need(1);
        return buf[pos] & 0xff;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public int position() {
        return pos;
    }
}
