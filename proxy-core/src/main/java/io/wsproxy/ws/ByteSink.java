package io.wsproxy.ws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer, reused across messages: unlike {@link java.io.ByteArrayOutputStream}
 * it is unsynchronized, exposes its array for a copy-free hand-over and can be cut back to an
 * earlier size (an aborted row leaves nothing behind). Not thread-safe.
 */
public final class ByteSink {
    private byte[] buf;
    private int size;

    public ByteSink() {
        this(256);
    }

    public ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    /** Appends the low byte of each char: for ASCII text only. */
    public void writeAscii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) ascii.charAt(i);
        }
    }

    /** Makes room for {@code extra} more bytes and returns the array to write them into at {@link #size()}. */
    byte[] ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new IllegalStateException("buffer over 2 GiB");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L)));
        }
        return buf;
    }

    /** Records that {@code n} bytes were written directly into the array from {@link #ensure(int)}. */
    void advance(int n) {
        size += n;
    }

    public int size() {
        return size;
    }

    /** The backing array; bytes {@code [0, size())} are the content. Valid until the next write. */
    public byte[] array() {
        return buf;
    }

    /** Cuts the content back to its first {@code newSize} bytes. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The content decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }
}
