package io.wsproxy.control.proxy;

import java.util.List;

/**
 * The proxy's global variables (DESIGN.md section 3) and the node's SSL state, read once per
 * transition: RESTART PROXY acts on one consistent snapshot even while SET GLOBAL runs.
 */
public record ProxySettings(int httpsPort, int httpPort, boolean sslEnabled, boolean httpApi,
        List<String> allowedOrigins, int maxMessageSize, int authTimeoutSeconds, int maxSessions,
        int drainSeconds) {

    public ProxySettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Both ports set: I3. */
    public boolean conflict() {
        return httpsPort != 0 && httpPort != 0;
    }

    /** Neither port set: the proxy is (to be) off. */
    public boolean off() {
        return httpsPort == 0 && httpPort == 0;
    }

    /** The non-zero port's protocol (HTTPS when both are set). */
    public ProxyProtocol protocol() {
        return httpsPort != 0 ? ProxyProtocol.HTTPS : ProxyProtocol.HTTP;
    }

    public int port() {
        return httpsPort != 0 ? httpsPort : httpPort;
    }
}
