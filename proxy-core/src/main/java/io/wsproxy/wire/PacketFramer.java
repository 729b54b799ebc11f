package io.wsproxy.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Non-blocking packet reassembly for a selector loop: feed whatever bytes arrived, take the
 * complete logical packets out. Continuations of 0xFFFFFF-byte fragments are joined. Not
 * thread-safe: one framer per connection, used on one thread.
 */
public final class PacketFramer {
    private final int maxPayload;
    private byte[] pending = new byte[256];
    /** Unconsumed bytes are pending[head, pendingSize); compaction happens on feed, not per packet. */
    private int head;
    private int pendingSize;
    private byte[] joined;
    private int joinedSize;

    public PacketFramer(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Copies the buffer's remaining bytes in. */
    public void feed(ByteBuffer data) {
        int n = data.remaining();
        if (head > 0) {
            System.arraycopy(pending, head, pending, 0, pendingSize - head);
            pendingSize -= head;
            head = 0;
        }
        if (pendingSize + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingSize + n));
        }
        data.get(pending, pendingSize, n);
        pendingSize += n;
    }

    /**
     * The next complete logical packet, or null until more bytes arrive.
     *
     * @throws IllegalStateException (wrapping {@link PacketTooLargeException}) past the limit
     */
    public Packet next() {
        int offset = head;
        try {
            while (pendingSize - offset >= 4) {
                int length = (pending[offset] & 0xff) | (pending[offset + 1] & 0xff) << 8
                        | (pending[offset + 2] & 0xff) << 16;
                int sequence = pending[offset + 3] & 0xff;
                if ((long) joinedSize + length > maxPayload) {
                    throw new IllegalStateException(new PacketTooLargeException((long) joinedSize + length, maxPayload));
                }
                if (pendingSize - offset - 4 < length) {
                    return null;
                }
                int start = offset + 4;
                offset = start + length;
                if (length == PacketInputStream.MAX_FRAGMENT || joined != null) {
                    append(start, length);
                    if (length == PacketInputStream.MAX_FRAGMENT) {
                        continue;
                    }
                    byte[] payload = Arrays.copyOf(joined, joinedSize);
                    joined = null;
                    joinedSize = 0;
                    return new Packet(sequence, payload);
                }
                return new Packet(sequence, Arrays.copyOfRange(pending, start, start + length));
            }
            return null;
        } finally {
            head = offset;
        }
    }

    private void append(int start, int length) {
        if (joined == null) {
            joined = new byte[length * 2];
        } else if (joinedSize + length > joined.length) {
            joined = Arrays.copyOf(joined, Math.max(joined.length * 2, joinedSize + length));
        }
        System.arraycopy(pending, start, joined, joinedSize, length);
        joinedSize += length;
    }

    /** Bytes held that do not yet form a packet. */
    public int buffered() {
        return pendingSize - head + joinedSize;
    }
}
