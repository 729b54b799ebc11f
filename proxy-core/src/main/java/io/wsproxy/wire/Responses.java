package io.wsproxy.wire;

/** Classifies a server reply payload by its first byte (MySQL "Generic Response Packets"). */
public final class Responses {
    public static final int OK = 0x00;
    public static final int EOF = 0xfe;
    public static final int ERR = 0xff;
    public static final int LOCAL_INFILE = 0xfb;
    public static final int AUTH_MORE_DATA = 0x01;

    private Responses() {
    }

    public static boolean isOk(byte[] p) {
        return p.length >= 7 && (p[0] & 0xff) == OK;
    }

    public static boolean isErr(byte[] p) {
        return isErr(p, 0, p.length);
    }

    /** {@link #isErr(byte[])} of the payload at {@code buf[offset, offset + length)}. */
    public static boolean isErr(byte[] buf, int offset, int length) {
        return length >= 1 && (buf[offset] & 0xff) == ERR;
    }

    /** A classic EOF packet: 0xFE and shorter than 9 bytes. */
    public static boolean isEof(byte[] p) {
        return p.length >= 1 && p.length < 9 && (p[0] & 0xff) == EOF;
    }

    /**
     * The end of a result set's rows: EOF, or under CLIENT_DEPRECATE_EOF the OK with header 0xFE.
     * A text row may also start with 0xFE (an 8-byte length prefix), but only when its first
     * value is 16 MiB or more, so such a row is never shorter than 0xFFFFFF bytes.
     */
    public static boolean isEndOfRows(byte[] p, Capabilities caps) {
        return isEndOfRows(p, 0, p.length, caps);
    }

    /** {@link #isEndOfRows(byte[], Capabilities)} of the payload at {@code buf[offset, offset + length)}. */
    public static boolean isEndOfRows(byte[] buf, int offset, int length, Capabilities caps) {
        if (length < 1 || (buf[offset] & 0xff) != EOF) {
            return false;
        }
        return caps.has(CapabilityFlags.CLIENT_DEPRECATE_EOF) ? length < 0xffffff : length < 9;
    }

    public static boolean isLocalInfile(byte[] p) {
        return p.length >= 1 && (p[0] & 0xff) == LOCAL_INFILE;
    }

    /** During authentication: an AuthSwitchRequest (0xFE). */
    public static boolean isAuthSwitch(byte[] p) {
        return p.length >= 1 && (p[0] & 0xff) == EOF;
    }

    public static boolean isAuthMoreData(byte[] p) {
        return p.length >= 1 && (p[0] & 0xff) == AUTH_MORE_DATA;
    }
}
