package io.wsproxy.wire;

/** A packet shorter than its own structure says, or otherwise impossible to decode. */
public final class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
