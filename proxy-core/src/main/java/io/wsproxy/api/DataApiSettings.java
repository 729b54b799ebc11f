package io.wsproxy.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The Data API of one proxy generation (PROTOCOL.md section 2): whether it is served
 * ({@code http_api}), how many engine connections each user may hold
 * ({@code http_api_pool_capacity}), and how long an unused one stays open.
 */
public record DataApiSettings(boolean enabled, int poolCapacity, Duration idleTimeout) {
    public static final int DEFAULT_POOL_CAPACITY = 8;
    /**
     * Test and operations hook: the idle timeout in milliseconds, a JVM property, since no
     * variable of DESIGN.md section 3 sets it.
     */
    public static final String IDLE_TIMEOUT_PROPERTY = "wsproxy.http-api.idle-timeout-ms";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final DataApiSettings OFF = new DataApiSettings(false, DEFAULT_POOL_CAPACITY, defaultIdleTimeout());

    public DataApiSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (poolCapacity < 1) {
            throw new IllegalArgumentException("pool capacity " + poolCapacity);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout);
        }
    }

    /** As the variables say, with the idle timeout of {@link #IDLE_TIMEOUT_PROPERTY} or the default. */
    public static DataApiSettings of(boolean enabled, int poolCapacity) {
        return new DataApiSettings(enabled, poolCapacity, defaultIdleTimeout());
    }

    private static Duration defaultIdleTimeout() {
        Long ms = Long.getLong(IDLE_TIMEOUT_PROPERTY);
        return ms == null || ms <= 0 ? DEFAULT_IDLE_TIMEOUT : Duration.ofMillis(ms);
    }
}
