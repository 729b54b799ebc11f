package io.wsproxy.api;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.ws.ProtocolException;
import java.util.Objects;
import java.util.Set;

/**
 * A Data API error before any result was sent: an HTTP status and a plain-text body
 * {@code Error <code>: <message>}, the form SingleStore's Data API answers with and its clients
 * parse (PROTOCOL.md section 2).
 */
record ApiError(int status, int code, String message) {
    /** MySQL's ER_ACCESS_DENIED_ERROR, what a missing or undecodable Authorization header gets. */
    static final int ACCESS_DENIED = 1045;
    /** MySQL's ER_NET_PACKET_TOO_LARGE: the closest MySQL word for a body over the limit. */
    static final int PACKET_TOO_LARGE = 1153;
    /** The client library's CR_SERVER_LOST: the engine connection went away. */
    static final int SERVER_LOST = 2013;
    /** PROXY_BUSY of DESIGN.md section 3 (sql-control's ErrorCode does not list it yet). */
    static final int PROXY_BUSY = 9111;
    /** MySQL's ER_NET_READ_INTERRUPTED, its word for a client that stopped sending mid-packet. */
    static final int REQUEST_TIMEOUT = 1159;
    /** The client library's CR_MALFORMED_PACKET: the engine sent bytes that are no MySQL reply. */
    static final int MALFORMED_PACKET = 2027;

    ApiError {
        Objects.requireNonNull(message, "message");
    }

    /** The plain-text body. */
    String body() {
        return "Error " + code + ": " + message;
    }

    /** An engine error about the SQL (syntax, missing table, ...): 400, the engine's code and message. */
    static ApiError sql(ErrPacket error) {
        return new ApiError(400, error.errorCode(), error.message());
    }

    /** A body that breaks PROTOCOL.md section 2. */
    static ApiError badRequest(ProtocolException e) {
        return new ApiError(400, e.code(), e.getMessage());
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, ACCESS_DENIED, message);
    }

    /**
     * Refusals of a login that say nothing against the credentials: ER_CON_COUNT_ERROR (too many
     * connections), ER_TOO_MANY_USER_CONNECTIONS and ER_USER_LIMIT_REACHED (the account's resource
     * limits), ER_HOST_IS_BLOCKED. Asking the client for other credentials would be wrong.
     */
    private static final Set<Integer> ENGINE_BUSY = Set.of(1040, 1203, 1226, 1129);

    /**
     * The engine refused the login: 401 for a refused user or password, as the engine said it;
     * the engine unreachable (client-side codes 2xxx) or out of room for this login is 503.
     */
    static ApiError login(ErrPacket error) {
        int code = error.errorCode();
        int status = code >= 2000 && code < 3000 || ENGINE_BUSY.contains(code) ? 503 : 401;
        return new ApiError(status, code, error.message());
    }

    static ApiError tooLarge(int limit) {
        return new ApiError(413, PACKET_TOO_LARGE, "the request body is larger than " + limit + " bytes");
    }

    static ApiError unsupportedMediaType(String contentType) {
        return new ApiError(415, ErrorCode.PROTOCOL_ERROR.code(), "the request body must be application/json, not "
                + (contentType == null ? "a body without Content-Type" : "'" + contentType + "'"));
    }

    static ApiError methodNotAllowed(String method, String allowed) {
        return new ApiError(405, ErrorCode.PROTOCOL_ERROR.code(), method + " is not allowed here; use " + allowed);
    }

    /** No pooled engine connection became free in time, or the pool is closing (a restart). */
    static ApiError busy(String message) {
        return new ApiError(503, PROXY_BUSY, message);
    }

    static ApiError lost(String message) {
        return new ApiError(503, SERVER_LOST, message);
    }
}
