package io.wsproxy.ws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A message from a {@code /ws} client (PROTOCOL.md section 1, "Client to server"), one record per
 * {@code "type"}. Parsed by {@link ClientMessages#parse(String)}.
 *
 * <p>Query ids are echoed with their JSON type, so they are kept as parsed: {@link String}, or a
 * number as {@link Long}, {@link java.math.BigInteger} (beyond 64 bits) or
 * {@link java.math.BigDecimal} (a fraction or exponent, scale kept).
 */
public sealed interface ClientMessage {

    /** For an exhaustive {@code switch} on Java 17. */
    enum Kind { AUTH, QUERY, CANCEL, PING }

    Kind kind();

    /** {@code auth}: the engine authenticates these credentials; {@code database} may be null. */
    record Auth(String user, String password, String database, boolean bigintAsString) implements ClientMessage {
        @Override
        public Kind kind() {
            return Kind.AUTH;
        }

        /** Never shows the password: this record ends up in logs. */
        @Override
        public String toString() {
            return "Auth[user=" + user + ", password=<redacted>, database=" + database
                    + ", bigintAsString=" + bigintAsString + "]";
        }
    }

    /**
     * {@code query}: {@code args} is null when the client sent none, in which case the SQL runs
     * as is; otherwise its elements are null, Boolean, Long, BigInteger, BigDecimal or String.
     */
    record Query(Object id, String sql, List<Object> args) implements ClientMessage {
        public Query {
            args = args == null ? null : Collections.unmodifiableList(new ArrayList<>(args));
        }

        @Override
        public Kind kind() {
            return Kind.QUERY;
        }
    }

    /** {@code cancel}: kill the running query, or drop the queued one, with this id. */
    record Cancel(Object id) implements ClientMessage {
        @Override
        public Kind kind() {
            return Kind.CANCEL;
        }
    }

    /** {@code ping}: answered by {@code pong}. */
    record Ping() implements ClientMessage {
        @Override
        public Kind kind() {
            return Kind.PING;
        }
    }
}
