package io.wsproxy.control.proxy;

import io.wsproxy.control.vars.ProxyVariables;
import io.wsproxy.control.vars.VariableRegistry;
import java.util.Arrays;
import java.util.List;

/**
 * The proxy's global variables (DESIGN.md section 3) and the node's SSL state, read once per
 * command: RESTART PROXY acts on one consistent snapshot even while SET GLOBAL runs. Values come
 * from the registry, which has already checked each against its declared type and range.
 */
public record ProxySettings(int httpsPort, int httpPort, boolean sslEnabled, boolean httpApi,
        List<String> allowedOrigins, int maxMessageSize, int authTimeoutSeconds, int maxSessions,
        int drainSeconds, int httpApiPoolCapacity) {

    public ProxySettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** One snapshot of the registry: a concurrent SET of both ports is seen whole or not at all. */
    public static ProxySettings read(VariableRegistry v, boolean sslEnabled) {
        return v.consistent(() -> new ProxySettings(v.globalInt(ProxyVariables.HTTPS_PROXY_PORT),
                v.globalInt(ProxyVariables.HTTP_PROXY_PORT), sslEnabled, v.globalBool(ProxyVariables.HTTP_API),
                origins(v.globalString(ProxyVariables.ALLOWED_ORIGINS)), v.globalInt(ProxyVariables.MAX_MESSAGE_SIZE),
                v.globalInt(ProxyVariables.AUTH_TIMEOUT), v.globalInt(ProxyVariables.MAX_SESSIONS),
                v.globalInt(ProxyVariables.DRAIN_TIMEOUT), v.globalInt(ProxyVariables.HTTP_API_POOL_CAPACITY)));
    }

    /** The comma list of {@code proxy_allowed_origins}, blanks dropped. */
    public static List<String> origins(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
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
