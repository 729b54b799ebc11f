package io.wsproxy.wire;

/** Frames one logical packet for a non-blocking writer: headers added, split at 0xFFFFFF bytes. */
public final class PacketEncoder {
    private PacketEncoder() {
    }

    /**
     * The packet's bytes on the wire. A payload of 0xFFFFFF bytes or more is split into
     * fragments, the last one shorter than 0xFFFFFF (possibly empty); each fragment takes the
     * next sequence id.
     *
     * @return the bytes; the sequence id after the last fragment is {@code sequenceId + fragments}
     */
    public static byte[] frame(int sequenceId, byte[] payload) {
        int max = PacketInputStream.MAX_FRAGMENT;
        int fragments = payload.length / max + 1;
        byte[] out = new byte[payload.length + 4 * fragments];
        int in = 0;
        int pos = 0;
        for (int i = 0; i < fragments; i++) {
            int len = Math.min(max, payload.length - in);
            out[pos] = (byte) len;
            out[pos + 1] = (byte) (len >>> 8);
            out[pos + 2] = (byte) (len >>> 16);
            out[pos + 3] = (byte) (sequenceId + i);
            System.arraycopy(payload, in, out, pos + 4, len);
            in += len;
            pos += 4 + len;
        }
        return out;
    }
}
