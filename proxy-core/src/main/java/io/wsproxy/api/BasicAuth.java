package io.wsproxy.api;

import io.wsproxy.backend.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** HTTP Basic credentials (RFC 7617): the engine user and password of a Data API request. */
final class BasicAuth {

    private BasicAuth() {
    }

    /** The credentials of an {@code Authorization} header, or null when it holds no readable Basic credentials. */
    static Credentials parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space < 0 || !h.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(space + 1).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), null);
    }
}
