package io.wsproxy.proxy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An engine reached over TCP (the standalone proxy in front of a remote server), optionally
 * with TLS: after the server's greeting the proxy asks for TLS (SSLRequest, as every MySQL
 * client does), checks the server's certificate against {@code caFile} (the JDK's trust store
 * when null) and, when {@code verifyHost}, that it names {@code host}.
 */
public record EngineTcp(String host, int port, boolean tls, Path caFile, boolean verifyHost) {
    public EngineTcp {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("engine port " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port + (tls ? " (TLS)" : "");
    }
}
