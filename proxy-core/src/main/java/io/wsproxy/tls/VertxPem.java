package io.wsproxy.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.security.PrivateKey;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Private keys read by Vert.x's own PEM support ({@link PemKeyCertOptions}: PKCS#8 RSA and EC,
 * PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}), so that the proxy reads a key
 * exactly as its HTTPS server would. Vert.x pairs a key with a certificate, so the certificate
 * goes along; values, not paths, so no Vert.x instance is needed.
 */
final class VertxPem {
    private static final String[] KEY_TYPES = {"RSA", "EC"};

    private VertxPem() {
    }

    /** The key in {@code keyPem} (one PEM block); throws whatever Vert.x throws for a key it cannot read. */
    static PrivateKey privateKey(String keyPem, byte[] certPem) throws Exception {
        PemKeyCertOptions options = new PemKeyCertOptions()
                .setKeyValue(Buffer.buffer(keyPem))
                .setCertValue(Buffer.buffer(certPem));
        for (KeyManager manager : options.getKeyManagerFactory(null).getKeyManagers()) {
            if (manager instanceof X509KeyManager x509) {
                for (String type : KEY_TYPES) {
                    String[] aliases = x509.getServerAliases(type, null);
                    if (aliases != null && aliases.length > 0) {
                        return x509.getPrivateKey(aliases[0]);
                    }
                }
            }
        }
        throw new IllegalStateException("no RSA or EC key in the PEM block");
    }
}
