package io.wsproxy.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The Data API of one proxy generation (PROTOCOL.md section 2): whether it is served
 * ({@code http_api}), how many engine connections each user may hold
 * ({@code http_api_pool_capacity}), how long an unused one stays open, and how long one is used
 * at all after its login.
 */
public record DataApiSettings(boolean enabled, int poolCapacity, Duration idleTimeout, Duration maxLifetime) {
    public static final int DEFAULT_POOL_CAPACITY = 8;
    /**
     * Test and operations hook: the idle timeout in milliseconds, a JVM property, since no
     * variable of DESIGN.md section 3 sets it.
     */
    public static final String IDLE_TIMEOUT_PROPERTY = "wsproxy.http-api.idle-timeout-ms";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** The same kind of hook for the lifetime. */
    public static final String MAX_LIFETIME_PROPERTY = "wsproxy.http-api.max-lifetime-ms";
    /**
     * A pooled connection proves the password only at its login; past this it is closed rather
     * than lent again, so a changed password, a locked or dropped account takes effect this soon.
     */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofSeconds(60);
    public static final DataApiSettings OFF = of(false, DEFAULT_POOL_CAPACITY);

    public DataApiSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        if (poolCapacity < 1) {
            throw new IllegalArgumentException("pool capacity " + poolCapacity);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout);
        }
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("max lifetime " + maxLifetime);
        }
    }

    /** As the variables say, with the durations of {@link #IDLE_TIMEOUT_PROPERTY} and {@link #MAX_LIFETIME_PROPERTY} or the defaults. */
    public static DataApiSettings of(boolean enabled, int poolCapacity) {
        return new DataApiSettings(enabled, poolCapacity, fromProperty(IDLE_TIMEOUT_PROPERTY, DEFAULT_IDLE_TIMEOUT),
                fromProperty(MAX_LIFETIME_PROPERTY, DEFAULT_MAX_LIFETIME));
    }

    private static Duration fromProperty(String property, Duration otherwise) {
        Long ms = Long.getLong(property);
        return ms == null || ms <= 0 ? otherwise : Duration.ofMillis(ms);
    }
}
