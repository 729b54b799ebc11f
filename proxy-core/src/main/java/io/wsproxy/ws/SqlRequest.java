package io.wsproxy.ws;

import java.util.List;
import java.util.Objects;

/**
 * A Data API request body (PROTOCOL.md section 2).
 *
 * @param args     null when the body has none (then {@code ?} is not a placeholder)
 * @param database null when the body names none
 */
public record SqlRequest(String sql, List<Object> args, String database) {
    public SqlRequest {
        Objects.requireNonNull(sql, "sql");
    }
}
