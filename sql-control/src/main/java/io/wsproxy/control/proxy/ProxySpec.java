package io.wsproxy.control.proxy;

import java.util.Objects;

/** What a launcher starts: one instance, its protocol and port, its generation, and the settings it runs with. */
public record ProxySpec(ProxyProtocol protocol, int port, long generation, ProxySettings settings) {
    public ProxySpec {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(settings, "settings");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    /** Same protocol and port: the replacement takes over the bound socket (I1, no refusal window). */
    public boolean sameEndpoint(ProxySpec other) {
        return other != null && protocol == other.protocol && port == other.port;
    }
}
