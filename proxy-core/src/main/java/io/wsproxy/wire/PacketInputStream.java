package io.wsproxy.wire;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Blocking packet reader (MySQL "MySQL Packets"): a 3-byte length, a sequence id, the payload.
 * A payload of exactly 0xFFFFFF bytes continues in the next packet; the logical packet carries
 * the last fragment's sequence id, so that replies continue from it. Reads exactly what it
 * needs and never ahead, so the stream can be handed to TLS right after an SSLRequest.
 */
public final class PacketInputStream implements Closeable {
    public static final int MAX_FRAGMENT = 0xffffff;

    private final InputStream in;
    private final int maxPayload;
    private final byte[] header = new byte[4];

    public PacketInputStream(InputStream in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /** The next logical packet; EOFException when the stream ends, even mid-packet. */
    public Packet read() throws IOException {
        byte[] payload = null;
        int size = 0;
        int sequence;
        int length;
        do {
            readFully(header, 4);
            length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            sequence = header[3] & 0xff;
            long total = (long) size + length;
            if (total > maxPayload) {
                throw new PacketTooLargeException(total, maxPayload);
            }
            if (payload == null) {
                payload = new byte[length];
            } else {
                payload = Arrays.copyOf(payload, (int) total);
            }
            readFully(payload, size, length);
            size += length;
        } while (length == MAX_FRAGMENT);
        return new Packet(sequence, payload);
    }

    private void readFully(byte[] b, int n) throws IOException {
        readFully(b, 0, n);
    }

    private void readFully(byte[] b, int off, int n) throws IOException {
        int read = 0;
        while (read < n) {
            int r = in.read(b, off + read, n - read);
            if (r < 0) {
                throw new EOFException(read == 0 && off == 0 ? "end of stream" : "truncated packet");
            }
            read += r;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
