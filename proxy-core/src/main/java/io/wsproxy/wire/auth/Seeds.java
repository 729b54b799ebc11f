package io.wsproxy.wire.auth;

import java.security.SecureRandom;

/** Authentication scrambles (the handshake's auth-plugin-data). */
public final class Seeds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Seeds() {
    }

    /**
     * {@code n} random bytes in 1..127: never NUL, because the scramble travels NUL-terminated,
     * and printable-range like MySQL's own, which some clients expect.
     */
    public static byte[] random(int n) {
        byte[] seed = new byte[n];
        for (int i = 0; i < n; i++) {
            seed[i] = (byte) (1 + RANDOM.nextInt(127));
        }
        return seed;
    }
}
