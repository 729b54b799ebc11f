package io.wsproxy.tls;

/** Certificate or key material that cannot be used, with a message naming the problem. */
public final class TlsMaterialException extends Exception {
    public TlsMaterialException(String message) {
        super(message);
    }

    public TlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
