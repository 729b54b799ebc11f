package io.wsproxy.wire.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * mysql_native_password (MySQL "Native Authentication"): the client sends
 * SHA1(password) XOR SHA1(seed + SHA1(SHA1(password))); the server stores only
 * SHA1(SHA1(password)), as {@code PASSWORD()} prints it: '*' and 40 upper-case hex digits.
 */
public final class NativePassword {
    public static final String PLUGIN = "mysql_native_password";

    private NativePassword() {
    }

    public static byte[] scramble(String password, byte[] seed) {
        if (password == null || password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = sha1(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha1(stage1);
        byte[] mask = sha1(seed, stage2);
        return xor(stage1, mask);
    }

    /** The stored form; "" for an empty password, as MySQL stores it. */
    public static String storedHash(String password) {
        if (password == null || password.isEmpty()) {
            return "";
        }
        byte[] stage2 = sha1(sha1(password.getBytes(StandardCharsets.UTF_8)));
        return "*" + HexFormat.of().withUpperCase().formatHex(stage2);
    }

    /**
     * Checks a client's reply against the stored hash: SHA1(reply XOR SHA1(seed + stage2))
     * must equal stage2. An empty stored hash accepts only an empty reply.
     */
    public static boolean verify(byte[] reply, byte[] seed, String storedHash) {
        if (storedHash == null || storedHash.isEmpty()) {
            return reply == null || reply.length == 0;
        }
        if (reply == null || reply.length != 20 || storedHash.length() != 41 || storedHash.charAt(0) != '*') {
            return false;
        }
        byte[] stage2 = HexFormat.of().parseHex(storedHash.substring(1));
        byte[] stage1 = xor(reply, sha1(seed, stage2));
        return MessageDigest.isEqual(sha1(stage1), stage2);
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i % b.length]);
        }
        return out;
    }

    private static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
    }
}
