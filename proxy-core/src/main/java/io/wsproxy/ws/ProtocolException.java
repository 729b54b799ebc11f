package io.wsproxy.ws;

import io.wsproxy.control.ErrorCode;

/**
 * A client message that breaks PROTOCOL.md section 1: error 9110, SQLSTATE 08P01. The session
 * replies with an {@code error} (echoing {@link #id()} when the message had a readable one) and
 * stays open. Unchecked so it crosses the verticle's handlers; every method that throws it says so.
 */
public final class ProtocolException extends RuntimeException {
    private final transient Object id;

    public ProtocolException(Object id, String message) {
        super(message, null, false, false);
        this.id = id;
    }

    public ProtocolException(String message) {
        this(null, message);
    }

    /** The {@code id} of the offending message (String, Long, BigInteger or BigDecimal), or null. */
    public Object id() {
        return id;
    }

    public int code() {
        return ErrorCode.PROTOCOL_ERROR.code();
    }

    public String sqlState() {
        return ErrorCode.PROTOCOL_ERROR.sqlState();
    }

    /** This error as the {@code error} message the session sends. */
    public String toJson() {
        return ServerMessages.error(id, code(), sqlState(), getMessage());
    }
}
