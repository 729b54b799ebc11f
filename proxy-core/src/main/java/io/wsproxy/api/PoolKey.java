package io.wsproxy.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which requests may share a pooled engine connection: the same user with the same password
 * (the engine checked that password when it let the connection in), from the same client host
 * (the engine's grants may depend on the host, which the PROXY header told it once, at login).
 * The password is kept only as a salted digest, the salt random per process, so the pool never
 * holds a password and the digest is no use elsewhere.
 */
record PoolKey(String user, String passwordDigest, String clientHost) {
    private static final byte[] SALT = new SecureRandom().generateSeed(16);

    PoolKey {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordDigest, "passwordDigest");
        Objects.requireNonNull(clientHost, "clientHost");
    }

    static PoolKey of(String user, String password, String clientHost) {
        return new PoolKey(user, digest(password), clientHost);
    }

    private static String digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(SALT);
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Never shows the digest. */
    @Override
    public String toString() {
        return "PoolKey[user=" + user + ", clientHost=" + clientHost + "]";
    }
}
