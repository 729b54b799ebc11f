package io.wsproxy.backend;

import io.vertx.core.net.SSLOptions;
import java.util.Objects;

/**
 * TLS to the engine, as a MySQL client asks for it: after the server's greeting, an SSLRequest
 * in clear, then the TLS handshake, then the login inside it.
 *
 * @param serverName the name the engine's certificate is checked against (and sent as SNI)
 */
public record EngineTls(SSLOptions options, String serverName) {
    public EngineTls {
        Objects.requireNonNull(options, "options");
    }
}
