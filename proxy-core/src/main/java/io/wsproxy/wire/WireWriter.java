package io.wsproxy.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes MySQL's basic data types into a growable buffer. */
public final class WireWriter {
    private byte[] buf;
    private int size;

    public WireWriter() {
        this(64);
    }

    public WireWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public WireWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    public WireWriter u24(int v) {
        ensure(3);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        return this;
    }

    public WireWriter u32(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public WireWriter u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Length-encoded integer; values are unsigned (a negative long is a value above 2^63). */
    public WireWriter lenencInt(long v) {
        if (v >= 0 && v < 0xfb) {
            return u8((int) v);
        }
        if (v >= 0 && v <= 0xffff) {
            return u8(0xfc).u16((int) v);
        }
        if (v >= 0 && v <= 0xffffff) {
            return u8(0xfd).u24((int) v);
        }
        return u8(0xfe).u64(v);
    }

    /** Length-encoded string; null is written as 0xFB (NULL in a text row). */
    public WireWriter lenencBytes(byte[] b) {
        if (b == null) {
            return u8(0xfb);
        }
        lenencInt(b.length);
        return bytes(b);
    }

    public WireWriter lenencString(String s) {
        return lenencBytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter nulString(String s) {
        string(s);
        return u8(0);
    }

    public WireWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public WireWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public WireWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter zeros(int n) {
        ensure(n);
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The internal buffer; valid up to {@link #size()}, until the next write. */
    public byte[] array() {
        return buf;
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }
}
