package io.wsproxy.console;

import java.util.Locale;
import java.util.Objects;

/**
 * One cluster of a SingleStore Studio state file, with the keys Studio reads for the WebSocket
 * proxy: {@code hostname}, {@code port}, {@code websocket} and {@code websocketSSL}. With
 * {@code websocket = true}, {@code port} is the proxy's port (https_proxy_port when
 * {@code websocketSSL = true}, else http_proxy_port) and the browser connects to it directly.
 *
 * <p>An entry with {@code websocket = false} is valid in a state file (Studio then reaches the
 * cluster through its own server); the console lists it and the page refuses it with the reason.
 */
public record ClusterEntry(String id, String name, String description, String hostname, int port,
        boolean websocket, boolean websocketSsl) {

    public ClusterEntry {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("cluster '" + id + "' has no hostname");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("cluster '" + id + "' has port " + port + ", not 1-65535");
        }
    }

    /** The proxy's HTTP(S) origin, as a page that connects to it sees it; IPv6 literals in brackets. */
    public String proxyOrigin() {
        return (websocketSsl ? "https" : "http") + "://" + authority();
    }

    /** The origin of the proxy's {@code /ws} endpoint ({@code ws://} or {@code wss://}). */
    public String webSocketOrigin() {
        return (websocketSsl ? "wss" : "ws") + "://" + authority();
    }

    private String authority() {
        String host = hostname.toLowerCase(Locale.ROOT);
        boolean ipv6 = host.contains(":") && !host.startsWith("[");
        return (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }
}
