package io.wsproxy.control.proxy;

import java.util.Objects;

/**
 * What a launcher starts: one instance, its protocol and port (the settings' non-zero port, already
 * range-checked by the registry), its generation, and the settings it runs with.
 */
public record ProxySpec(ProxyProtocol protocol, int port, long generation, ProxySettings settings) {
    public ProxySpec {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(settings, "settings");
    }

    static ProxySpec of(ProxySettings settings, long generation) {
        return new ProxySpec(settings.protocol(), settings.port(), generation, settings);
    }

    /** Same protocol and port: what a client connects to does not change. */
    public boolean sameEndpoint(ProxySpec other) {
        return other != null && protocol == other.protocol && port == other.port;
    }

    /**
     * Whether an instance of this spec can take over {@code running}'s bound listener, so that the
     * port never refuses a connection (I1): same protocol and port, and the same WebSocket message
     * limit, which a listener fixes when it binds. Otherwise a restart on the same port binds a
     * second listener beside the old one, and only then closes the old one.
     */
    public boolean canTakeOverListenerOf(ProxySpec running) {
        return sameEndpoint(running) && settings.maxMessageSize() == running.settings.maxMessageSize();
    }

    /** "generation 7 (https port 8443)", for logs and Last_Error. */
    public String describe() {
        return "proxy generation " + generation + " (" + protocol.scheme() + " port " + port + ")";
    }
}
