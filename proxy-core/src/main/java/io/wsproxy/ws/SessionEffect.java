package io.wsproxy.ws;

import java.util.Objects;

/**
 * What {@link WsSessionState} asks the session to do, in order. The session owns the I/O:
 * the backend connection, the WebSocket, the timer.
 */
public sealed interface SessionEffect {

    /** For an exhaustive {@code switch} on Java 17. */
    enum Kind { AUTHENTICATE, RUN_QUERY, KILL_QUERY, SEND_PONG, SEND_ERROR, CLOSE }

    Kind kind();

    /** Open the backend connection with these credentials, then report the outcome. */
    record Authenticate(ClientMessage.Auth auth) implements SessionEffect {
        @Override
        public Kind kind() {
            return Kind.AUTHENTICATE;
        }
    }

    /** Send this query to the engine now; report {@link WsSessionState#onQueryFinished()} after its last reply. */
    record RunQuery(ClientMessage.Query query) implements SessionEffect {
        @Override
        public Kind kind() {
            return Kind.RUN_QUERY;
        }
    }

    /**
     * {@code KILL QUERY} the running query with this id; it still finishes (with error 1317) as
     * usual. KILL QUERY names a connection, not a statement: if the query ends before the kill
     * lands, the next one would die instead, so the session should start the next query only
     * once the kill has completed.
     */
    record KillQuery(Object id) implements SessionEffect {
        @Override
        public Kind kind() {
            return Kind.KILL_QUERY;
        }
    }

    record SendPong() implements SessionEffect {
        @Override
        public Kind kind() {
            return Kind.SEND_PONG;
        }
    }

    /** Send an {@code error} message; {@code id} null for a session-level error. */
    record SendError(Object id, int code, String sqlState, String message) implements SessionEffect {
        public SendError {
            Objects.requireNonNull(sqlState, "sqlState");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Kind kind() {
            return Kind.SEND_ERROR;
        }

        public String toJson() {
            return ServerMessages.error(id, code, sqlState, message);
        }
    }

    /** Close the WebSocket (and the backend connection). */
    record Close(CloseCode code, String reason) implements SessionEffect {
        public Close {
            Objects.requireNonNull(code, "code");
            CloseCode.checkReason(reason);
        }

        public Close(CloseCode code) {
            this(code, code.reason());
        }

        @Override
        public Kind kind() {
            return Kind.CLOSE;
        }
    }
}
