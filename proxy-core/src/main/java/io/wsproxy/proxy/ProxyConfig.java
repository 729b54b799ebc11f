package io.wsproxy.proxy;

import io.vertx.core.net.SocketAddress;
import io.wsproxy.api.DataApiSettings;
import io.wsproxy.control.proxy.ProxySettings;
import io.wsproxy.tls.TlsMaterial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One proxy instance: where it listens, how (HTTP, or HTTPS with {@code tls}), which engine it
 * fronts (a Unix socket, or {@code engineTcp}), and its limits (DESIGN.md section 6, PROTOCOL.md).
 *
 * @param engineSocket the engine's Unix socket; null when {@code engineTcp} is set
 * @param engineTcp    the engine's TCP address; null when {@code engineSocket} is set
 * @param proxyHeader  send a PROXY v2 header at the start of each engine connection (engine-sim's
 *                     proxy sockets require it; an external engine may not accept it)
 * @param dataApi      the Data API ({@code http_api}, PROTOCOL.md section 2)
 */
public record ProxyConfig(String host, int port, TlsMaterial tls, Path engineSocket, EngineTcp engineTcp,
        boolean proxyHeader, List<String> allowedOrigins, int maxMessageSize, Duration authTimeout, int maxSessions,
        DataApiSettings dataApi) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_SESSIONS = 10_000;

    public ProxyConfig {
        Objects.requireNonNull(host, "host");
        if ((engineSocket == null) == (engineTcp == null)) {
            throw new IllegalArgumentException("exactly one of an engine socket and an engine TCP address");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(authTimeout, "authTimeout");
        Objects.requireNonNull(dataApi, "dataApi");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    /** In front of a Unix socket, without the Data API. */
    public ProxyConfig(String host, int port, TlsMaterial tls, Path engineSocket, boolean proxyHeader,
            List<String> allowedOrigins, int maxMessageSize, Duration authTimeout, int maxSessions) {
        this(host, port, tls, engineSocket, null, proxyHeader, allowedOrigins, maxMessageSize, authTimeout,
                maxSessions, DataApiSettings.OFF);
    }

    public ProxyConfig withDataApi(DataApiSettings settings) {
        return new ProxyConfig(host, port, tls, engineSocket, engineTcp, proxyHeader, allowedOrigins, maxMessageSize,
                authTimeout, maxSessions, settings);
    }

    /** The same proxy in front of a TCP engine instead of a Unix socket. */
    public ProxyConfig withEngineTcp(EngineTcp tcp) {
        return new ProxyConfig(host, port, tls, null, Objects.requireNonNull(tcp, "tcp"), proxyHeader,
                allowedOrigins, maxMessageSize, authTimeout, maxSessions, dataApi);
    }

    public boolean https() {
        return tls != null;
    }

    public String scheme() {
        return https() ? "https" : "http";
    }

    /** Where engine connections go, as the engine link takes it. */
    public SocketAddress engineAddress() {
        return engineSocket != null ? SocketAddress.domainSocketAddress(engineSocket.toString())
                : SocketAddress.inetSocketAddress(engineTcp.port(), engineTcp.host());
    }

    /** The engine, for logs. */
    public String engineName() {
        return engineSocket != null ? engineSocket.toString() : "tcp://" + engineTcp;
    }

    /** The comma list of {@code proxy_allowed_origins}, blanks dropped. */
    public static List<String> parseOrigins(String commaList) {
        return ProxySettings.origins(commaList);
    }
}
