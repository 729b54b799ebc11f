package io.wsproxy.wire.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * caching_sha2_password, client side of the fast path (MySQL "Caching SHA-2 Pluggable
 * Authentication"): XOR(SHA256(pw), SHA256(SHA256(SHA256(pw)) + seed)). After it the server
 * answers AuthMoreData with {@link #FAST_AUTH_SUCCESS} or {@link #PERFORM_FULL_AUTHENTICATION};
 * on a secure channel (TLS or a Unix socket) full authentication sends the password NUL-terminated.
 */
public final class CachingSha2Password {
    public static final String PLUGIN = "caching_sha2_password";
    public static final int FAST_AUTH_SUCCESS = 3;
    public static final int PERFORM_FULL_AUTHENTICATION = 4;

    private CachingSha2Password() {
    }

    public static byte[] scramble(String password, byte[] seed) {
        if (password == null || password.isEmpty()) {
            return new byte[0];
        }
        byte[] p1 = sha256(password.getBytes(StandardCharsets.UTF_8));
        byte[] p2 = sha256(p1);
        byte[] p3 = sha256(p2, seed);
        return NativePassword.xor(p1, p3);
    }

    /** Server side of the fast path, given the cached SHA256(SHA256(password)). */
    public static boolean verifyScramble(byte[] reply, byte[] seed, byte[] doubleSha256) {
        if (reply == null || reply.length != 32) {
            return false;
        }
        byte[] p1 = NativePassword.xor(reply, sha256(doubleSha256, seed));
        return MessageDigest.isEqual(sha256(p1), doubleSha256);
    }

    public static byte[] doubleSha256(String password) {
        return sha256(sha256(password.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
