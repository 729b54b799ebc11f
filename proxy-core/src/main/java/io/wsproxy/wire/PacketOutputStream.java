package io.wsproxy.wire;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Blocking packet writer. Payloads of 0xFFFFFF bytes or more are split; a payload that is an
 * exact multiple of 0xFFFFFF ends with an empty packet, as the protocol requires. Buffered:
 * callers flush once per reply.
 */
public final class PacketOutputStream implements Flushable, Closeable {
    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int count;

    public PacketOutputStream(OutputStream out) {
        this.out = out;
    }

    /** Writes a payload as one or more packets; returns the next sequence id. */
    public int write(int sequenceId, byte[] payload) throws IOException {
        return write(sequenceId, payload, 0, payload.length);
    }

    public int write(int sequenceId, byte[] payload, int off, int len) throws IOException {
        int seq = sequenceId & 0xff;
        int written = 0;
        while (true) {
            int chunk = Math.min(PacketInputStream.MAX_FRAGMENT, len - written);
            header(chunk, seq);
            put(payload, off + written, chunk);
            written += chunk;
            seq = (seq + 1) & 0xff;
            if (chunk < PacketInputStream.MAX_FRAGMENT) {
                return seq;
            }
        }
    }

    private void header(int length, int seq) throws IOException {
        if (BUFFER - count < 4) {
            drain();
        }
        buf[count++] = (byte) length;
        buf[count++] = (byte) (length >>> 8);
        buf[count++] = (byte) (length >>> 16);
        buf[count++] = (byte) seq;
    }

    private void put(byte[] b, int off, int len) throws IOException {
        if (len > BUFFER - count) {
            drain();
            if (len > BUFFER) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
