package io.wsproxy.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-site WebSocket hijacking defence (DESIGN.md section 6): a browser always sends
 * {@code Origin} on a WebSocket upgrade, so an upgrade whose Origin is neither the proxy's own
 * (same scheme and the Host the browser addressed) nor listed in {@code proxy_allowed_origins}
 * is refused. Non-browser clients that send no Origin are let through: they are not a
 * confused deputy carrying someone else's cookies, and they authenticate like anyone else.
 */
final class OriginPolicy {
    private final Set<String> allowed;

    OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param origin the Origin header, or null
     * @param scheme {@code http} or {@code https}, how the client reached us
     * @param host   the Host header (authority) the client addressed
     */
    boolean allows(String origin, String scheme, String host) {
        if (origin == null) {
            return true;
        }
        String o = normalize(origin);
        if (allowed.contains("*") || allowed.contains(o)) {
            return true;
        }
        return host != null && o.equals(normalize(scheme + "://" + host));
    }

    private static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
