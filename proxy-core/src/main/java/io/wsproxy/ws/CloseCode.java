package io.wsproxy.ws;

import java.nio.charset.StandardCharsets;

/** WebSocket close codes the {@code /ws} endpoint uses (PROTOCOL.md "Close codes", RFC 6455 section 7.4.1). */
public enum CloseCode {
    NORMAL(1000, "normal closure"),
    /** The node is shutting down. */
    GOING_AWAY(1001, "node shutdown"),
    /** A frame that breaks RFC 6455 framing (unmasked, reserved bits or opcodes, bad fragmentation). */
    PROTOCOL_ERROR(1002, "malformed frame"),
    /** A binary frame on the JSON endpoint. */
    UNSUPPORTED_DATA(1003, "binary frames are not supported"),
    /** A text message that is not valid UTF-8 (RFC 6455 section 8.1: the connection must fail). */
    INVALID_PAYLOAD(1007, "text message is not valid UTF-8"),
    /** Auth failure, auth timeout, too many protocol errors. */
    POLICY_VIOLATION(1008, "policy violation"),
    MESSAGE_TOO_BIG(1009, "message too big"),
    INTERNAL_ERROR(1011, "internal error"),
    /** The proxy restarted on another port or protocol, after the drain period. */
    SERVICE_RESTART(1012, "proxy restarted");

    /** RFC 6455 5.5: a control frame payload is at most 125 bytes, 2 of which hold the code. */
    public static final int MAX_REASON_BYTES = 123;

    private final short code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = (short) code;
        this.reason = checkReason(reason);
    }

    public short code() {
        return code;
    }

    /** The default reason phrase sent with this code. */
    public String reason() {
        return reason;
    }

    /** Returns {@code reason} if it fits a close frame, else throws. */
    public static String checkReason(String reason) {
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason over " + MAX_REASON_BYTES + " bytes: " + reason);
        }
        return reason;
    }
}
