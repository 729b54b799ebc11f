package io.wsproxy.proxy;

import io.wsproxy.control.proxy.ProxySettings;
import io.wsproxy.tls.TlsMaterial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One proxy instance: where it listens, how (HTTP, or HTTPS with {@code tls}), which engine
 * socket it fronts, and its limits (DESIGN.md section 6, PROTOCOL.md section 1).
 *
 * @param proxyHeader send a PROXY v2 header at the start of each engine connection (engine-sim's
 *                    proxy sockets require it; an external engine may not accept it)
 */
public record ProxyConfig(String host, int port, TlsMaterial tls, Path engineSocket, boolean proxyHeader,
        List<String> allowedOrigins, int maxMessageSize, Duration authTimeout, int maxSessions) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_SESSIONS = 10_000;

    public ProxyConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(engineSocket, "engineSocket");
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(authTimeout, "authTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    public boolean https() {
        return tls != null;
    }

    public String scheme() {
        return https() ? "https" : "http";
    }

    /** The comma list of {@code proxy_allowed_origins}, blanks dropped. */
    public static List<String> parseOrigins(String commaList) {
        return ProxySettings.origins(commaList);
    }
}
