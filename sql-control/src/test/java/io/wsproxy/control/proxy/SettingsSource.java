package io.wsproxy.control.proxy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Stands in for the variable registry: SET GLOBAL changes what the manager reads next. The
 * registry validates before anything changes, so only valid values ever get here.
 */
final class SettingsSource implements Supplier<ProxySettings> {
    static final int DEFAULT_DRAIN_SECONDS = 10;

    private final AtomicReference<ProxySettings> current = new AtomicReference<>(
            new ProxySettings(0, 0, true, false, List.of(), 16 << 20, 10, 100, DEFAULT_DRAIN_SECONDS, 8));
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public ProxySettings get() {
        reads.incrementAndGet();
        return current.get();
    }

    /** How often the manager has read the variables. */
    int reads() {
        return reads.get();
    }

    /** The value as a test sees it, without counting as a read. */
    ProxySettings peek() {
        return current.get();
    }

    SettingsSource httpsPort(int port) {
        return update(s -> copy(s, port, s.httpPort(), s.sslEnabled(), s.drainSeconds()));
    }

    SettingsSource httpPort(int port) {
        return update(s -> copy(s, s.httpsPort(), port, s.sslEnabled(), s.drainSeconds()));
    }

    SettingsSource ssl(boolean enabled) {
        return update(s -> copy(s, s.httpsPort(), s.httpPort(), enabled, s.drainSeconds()));
    }

    SettingsSource drainSeconds(int seconds) {
        return update(s -> copy(s, s.httpsPort(), s.httpPort(), s.sslEnabled(), seconds));
    }

    SettingsSource ports(int httpsPort, int httpPort) {
        return update(s -> copy(s, httpsPort, httpPort, s.sslEnabled(), s.drainSeconds()));
    }

    private SettingsSource update(UnaryOperator<ProxySettings> change) {
        current.updateAndGet(change);
        return this;
    }

    /** A new frame limit: a listener cannot take it over, so even the same endpoint binds anew. */
    SettingsSource maxMessageSize(int bytes) {
        return update(s -> new ProxySettings(s.httpsPort(), s.httpPort(), s.sslEnabled(), s.httpApi(),
                s.allowedOrigins(), bytes, s.authTimeoutSeconds(), s.maxSessions(), s.drainSeconds(),
                s.httpApiPoolCapacity()));
    }

    private static ProxySettings copy(ProxySettings s, int httpsPort, int httpPort, boolean ssl, int drain) {
        return new ProxySettings(httpsPort, httpPort, ssl, s.httpApi(), s.allowedOrigins(), s.maxMessageSize(),
                s.authTimeoutSeconds(), s.maxSessions(), drain, s.httpApiPoolCapacity());
    }
}
