package io.wsproxy.engine.cluster;

import java.util.Locale;

/** Where a node listens for MySQL clients, as the cluster statements name it: {@code 'host':port}. */
public record NodeAddress(String host, int port) {
    public NodeAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a node address needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 1..65535");
        }
        host = host.strip();
    }

    /** Host names compare case-insensitively, as DNS does. */
    public boolean sameAs(NodeAddress other) {
        return other != null && port == other.port && host.toLowerCase(Locale.ROOT).equals(other.host.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "'" + host + "':" + port;
    }
}
