package io.wsproxy.ws;

/**
 * A text-protocol row whose bytes do not match its result set's columns: truncated, with
 * trailing bytes, or with an impossible length prefix. The engine, not the client, is at fault.
 */
public final class MalformedRowException extends RuntimeException {
    public MalformedRowException(String message) {
        super(message);
    }
}
