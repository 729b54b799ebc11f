package io.wsproxy.control.proxy;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;

/** A launcher could not start an instance: 9103 (bind) or 9105 (TLS), with the reason. */
public final class ProxyLaunchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public ProxyLaunchException(ErrorCode code, String message) {
        super(message);
        if (code != ErrorCode.PROXY_BIND_FAILED && code != ErrorCode.PROXY_TLS_INVALID) {
            throw new IllegalArgumentException("a launch fails with 9103 or 9105, not " + code);
        }
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public SqlException toSqlException() {
        return code.error(getMessage());
    }
}
