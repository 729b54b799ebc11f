package io.wsproxy.proxy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-site WebSocket hijacking defence (DESIGN.md section 6): a browser always sends
 * {@code Origin} on a WebSocket upgrade, so an upgrade whose Origin is neither one of the
 * proxy's own origins nor listed in {@code proxy_allowed_origins} is refused.
 *
 * <p>The proxy's own origins are a fixed list — its scheme and port on the names and addresses
 * of this machine (the bind address, localhost, the loopback addresses, the host name, and every
 * interface address when bound to all of them) — never the request's {@code Host} header: a
 * page on a DNS-rebound name ({@code evil.example} resolving to 127.0.0.1) sends a matching Host
 * and Origin, and must still be refused. Non-browser clients that send no Origin are let
 * through: they carry nobody else's credentials, and log in like anyone else.
 */
final class OriginPolicy {
    private final Set<String> allowed;
    private final String scheme;
    private final Set<String> ownHosts;

    OriginPolicy(List<String> allowedOrigins, String scheme, String bindHost) {
        this(allowedOrigins, scheme, machineHosts(bindHost));
    }

    OriginPolicy(List<String> allowedOrigins, String scheme, Set<String> ownHosts) {
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
        this.scheme = scheme;
        this.ownHosts = ownHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param origin the Origin header, or null
     * @param port   the port the proxy listens on
     */
    boolean allows(String origin, int port) {
        if (origin == null) {
            return true;
        }
        String o = normalize(origin);
        if (allowed.contains("*") || allowed.contains(o)) {
            return true;
        }
        String prefix = scheme + "://";
        if (!o.startsWith(prefix)) {
            return false;
        }
        String authority = o.substring(prefix.length());
        int defaultPort = "https".equals(scheme) ? 443 : 80;
        String host;
        int colon = authority.lastIndexOf(':');
        if (colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            if (!authority.substring(colon + 1).equals(Integer.toString(port))) {
                return false;
            }
        } else {
            host = authority;
            if (port != defaultPort) {
                return false;
            }
        }
        return ownHosts.contains(host);
    }

    private static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    /** The names and addresses this machine answers to, as they appear in an origin. */
    static Set<String> machineHosts(String bindHost) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        boolean wildcard = bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.isEmpty();
        if (!wildcard) {
            hosts.add(bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost);
        }
        try {
            hosts.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException ignored) {
            // no host name: the addresses still count
        }
        if (wildcard) {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                        String text = a.getHostAddress();
                        int zone = text.indexOf('%');
                        text = zone < 0 ? text : text.substring(0, zone);
                        hosts.add(text.contains(":") ? "[" + text + "]" : text);
                    }
                }
            } catch (SocketException ignored) {
                // the loopback names above remain
            }
        }
        return hosts;
    }
}
