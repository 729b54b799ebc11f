package io.wsproxy.wire.message;

/**
 * The NULL bitmap of COM_STMT_EXECUTE (offset 0) and of binary result rows (offset 2): bit
 * {@code i + offset} set means value {@code i} is NULL and has no bytes of its own.
 */
final class NullBitmap {
    static final int PARAMS = 0;
    static final int ROWS = 2;

    private NullBitmap() {
    }

    static int size(int count, int offset) {
        return (count + 7 + offset) / 8;
    }

    static boolean isNull(byte[] bitmap, int i, int offset) {
        int bit = i + offset;
        return (bitmap[bit >> 3] & (1 << (bit & 7))) != 0;
    }

    static void setNull(byte[] bitmap, int i, int offset) {
        int bit = i + offset;
        bitmap[bit >> 3] |= (byte) (1 << (bit & 7));
    }
}
