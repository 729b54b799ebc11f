package io.wsproxy.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Non-blocking packet reassembly for an event loop: feed whatever bytes arrived, take the
 * complete logical packets out. Continuations of 0xFFFFFF-byte fragments are joined. Not
 * thread-safe: one framer per connection, used on one thread.
 *
 * <p>Two ways out: {@link #next()} copies each payload into a {@link Packet}; {@link #advance()}
 * leaves it in place, at {@link #array()} from {@link #offset()} for {@link #length()} bytes,
 * valid until the next call of any method that feeds or advances. The engine link reads rows
 * that way: each byte is copied once, from the socket's buffer into this framer's array.
 */
public final class PacketFramer {
    private static final int INITIAL = 256;
    /** Past this, an emptied buffer is given back: an idle connection keeps a small one. */
    private static final int KEEP = 64 * 1024;

    private final int maxPayload;
    private byte[] pending = new byte[INITIAL];
    /** Unconsumed bytes are pending[head, pendingSize); compaction happens on feed, not per packet. */
    private int head;
    private int pendingSize;
    private byte[] joined;
    private int joinedSize;
    private byte[] current;
    private int currentOffset;
    private int currentLength;
    private int currentSequence;

    public PacketFramer(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Copies the buffer's remaining bytes in. */
    public void feed(ByteBuffer data) {
        int n = data.remaining();
        data.get(writable(n), pendingSize, n);
        pendingSize += n;
    }

    /**
     * Makes room for {@code n} more bytes and returns the array to copy them into, at
     * {@link #writeIndex()}; then call {@link #written(int)}. Lets a caller copy straight from its
     * own buffer (a Netty {@code ByteBuf}) with no intermediate array.
     */
    public byte[] writable(int n) {
        shrinkIfDrained();
        if (head > 0) {
            System.arraycopy(pending, head, pending, 0, pendingSize - head);
            pendingSize -= head;
            head = 0;
        }
        if (pendingSize + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingSize + n));
        }
        return pending;
    }

    public int writeIndex() {
        return pendingSize;
    }

    /** Records {@code n} bytes copied into {@link #writable(int)}'s array at {@link #writeIndex()}. */
    public void written(int n) {
        if (n < 0 || pendingSize + n > pending.length) {
            throw new IllegalArgumentException("written " + n + " with room for " + (pending.length - pendingSize));
        }
        pendingSize += n;
    }

    /**
     * The next complete logical packet, copied out, or null until more bytes arrive.
     *
     * @throws IllegalStateException (wrapping {@link PacketTooLargeException}) past the limit
     */
    public Packet next() {
        if (!advance()) {
            return null;
        }
        return new Packet(currentSequence, Arrays.copyOfRange(current, currentOffset, currentOffset + currentLength));
    }

    /**
     * Moves to the next complete logical packet, left in place ({@link #array()}, {@link #offset()},
     * {@link #length()}, {@link #sequenceId()}).
     *
     * @return false until more bytes arrive
     * @throws IllegalStateException (wrapping {@link PacketTooLargeException}) past the limit
     */
    public boolean advance() {
        shrinkIfDrained();
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
                    return false;
                }
                int start = offset + 4;
                offset = start + length;
                if (length == PacketInputStream.MAX_FRAGMENT || joined != null) {
                    append(start, length);
                    if (length == PacketInputStream.MAX_FRAGMENT) {
                        continue;
                    }
                    // Handed over whole: the next joined packet starts a new array.
                    set(joined, 0, joinedSize, sequence);
                    joined = null;
                    joinedSize = 0;
                    return true;
                }
                set(pending, start, length, sequence);
                return true;
            }
            return false;
        } finally {
            head = offset;
        }
    }

    /** Called where the packet handed out last is no longer valid. */
    private void shrinkIfDrained() {
        if (head == pendingSize && pending.length > KEEP) {
            pending = new byte[INITIAL];
            head = 0;
            pendingSize = 0;
        }
    }

    private void set(byte[] array, int offset, int length, int sequence) {
        current = array;
        currentOffset = offset;
        currentLength = length;
        currentSequence = sequence;
    }

    /** The array holding the packet {@link #advance()} moved to. */
    public byte[] array() {
        return current;
    }

    public int offset() {
        return currentOffset;
    }

    public int length() {
        return currentLength;
    }

    public int sequenceId() {
        return currentSequence;
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
