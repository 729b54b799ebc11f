package io.wsproxy.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server's certificate chain and private key from PEM files (ssl_cert, ssl_key, ssl_ca), checked
 * before use: readable, a key that matches the certificate, a certificate valid today; every
 * refusal names the file. Keys may be PKCS#8, PKCS#1 (RSA) or SEC1 (EC), read by Vert.x's own PEM
 * support; a PKCS#8 key of an algorithm Vert.x does not read (Ed25519, Ed448, RSASSA-PSS) goes to
 * the JDK's KeyFactory. Encrypted keys are refused (there is nowhere to put a passphrase in
 * memsql.cnf).
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trustedCas) {
    /** TLS 1.2 and 1.3 only: 1.0 and 1.1 are deprecated (RFC 8996). */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /**
     * Forward-secret AEAD suites only, strongest first: TLS 1.3's three, then TLS 1.2's ECDHE with
     * AES-GCM or ChaCha20-Poly1305 (the "intermediate" profile most servers use, without DHE).
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    /** What a PKCS#8 key may be when Vert.x cannot read it. */
    private static final String[] OTHER_PKCS8_ALGORITHMS = {"Ed25519", "Ed448", "RSASSA-PSS"};

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----(.*?)-----END \\1PRIVATE KEY-----", Pattern.DOTALL);
    private static final char[] NO_PASSWORD = new char[0];

    public TlsMaterial {
        chain = List.copyOf(chain);
        trustedCas = List.copyOf(trustedCas);
    }

    public static TlsMaterial load(Path certPem, Path keyPem, Path caPem) throws TlsMaterialException {
        List<X509Certificate> chain = certificates(certPem);
        PrivateKey key = privateKey(keyPem, certPem);
        List<X509Certificate> cas = caPem == null ? List.of() : certificates(caPem);
        X509Certificate leaf = chain.get(0);
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new TlsMaterialException(certPem + ": certificate expired on " + leaf.getNotAfter());
        } catch (CertificateNotYetValidException e) {
            throw new TlsMaterialException(certPem + ": certificate not valid before " + leaf.getNotBefore());
        }
        checkKeyMatches(leaf, key, certPem, keyPem);
        return new TlsMaterial(chain, key, cas);
    }

    private static List<X509Certificate> certificates(Path pem) throws TlsMaterialException {
        byte[] bytes = read(pem);
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new TlsMaterialException(pem + ": no certificate found");
            }
            return certs;
        } catch (CertificateException e) {
            throw new TlsMaterialException(pem + ": not a PEM certificate (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(Path pem, Path certPem) throws TlsMaterialException {
        String text = new String(read(pem), StandardCharsets.US_ASCII);
        Matcher m = PEM_KEY.matcher(text);
        if (!m.find()) {
            throw new TlsMaterialException(pem + ": no private key found");
        }
        String kind = m.group(1).trim();
        String body = m.group(2);
        if (kind.equals("ENCRYPTED") || body.contains("ENCRYPTED")) {
            throw new TlsMaterialException(pem + ": encrypted private keys are not supported");
        }
        if (!kind.isEmpty() && !kind.equals("RSA") && !kind.equals("EC")) {
            throw new TlsMaterialException(pem + ": unsupported key type '" + kind + " PRIVATE KEY'");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.replaceAll("(?m)^[A-Za-z-]+:.*$", ""));
        } catch (IllegalArgumentException e) {
            throw new TlsMaterialException(pem + ": private key is not valid base64");
        }
        String vertxRefusal;
        try {
            return VertxPem.privateKey(m.group(0), read(certPem));
        } catch (IllegalArgumentException e) {
            // The JDK's KeyStore refuses to pair a key with a certificate of another algorithm.
            throw new TlsMaterialException(pem + ": private key does not match the certificate " + certPem
                    + " (" + e.getMessage() + ")");
        } catch (Exception e) {
            // Vert.x's DER reader says "Invalid DER: ..."; a buffer overrun says nothing useful.
            vertxRefusal = e.getMessage() != null && e.getMessage().startsWith("Invalid")
                    ? e.getMessage() : "malformed key data, " + e.getClass().getSimpleName();
        }
        if (kind.isEmpty()) {
            for (String algorithm : OTHER_PKCS8_ALGORITHMS) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    // try the next algorithm
                }
            }
        }
        throw new TlsMaterialException(pem + ": unreadable private key (" + vertxRefusal + ")");
    }

    private static void checkKeyMatches(X509Certificate cert, PrivateKey key, Path certPem, Path keyPem)
            throws TlsMaterialException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            if ("RSASSA-PSS".equals(algorithm)) {
                signer.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            if ("RSASSA-PSS".equals(algorithm)) {
                verifier.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new TlsMaterialException(keyPem + ": private key does not match the certificate " + certPem);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException(keyPem + ": private key does not match the certificate " + certPem
                    + " (" + e.getMessage() + ")");
        }
    }

    private static byte[] read(Path file) throws TlsMaterialException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TlsMaterialException(file + ": unreadable (" + e + ")");
        }
    }

    /** The key and chain for a server, any key type the JDK's TLS supports (Vert.x: KeyCertOptions.wrap). */
    public KeyManagerFactory keyManagers() throws TlsMaterialException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, NO_PASSWORD);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException("cannot build a TLS key manager: " + e.getMessage(), e);
        }
    }

    /** A server context over this material, for blocking sockets and SSLEngines. */
    public SSLContext serverContext() throws TlsMaterialException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers().getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException("cannot build a TLS server context: " + e.getMessage(), e);
        }
    }

    /** A client context that trusts the configured CAs, or else the chain's own root. */
    public SSLContext clientContext() throws TlsMaterialException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            List<X509Certificate> anchors = trustedCas.isEmpty() ? List.of(chain.get(chain.size() - 1)) : trustedCas;
            for (int i = 0; i < anchors.size(); i++) {
                trust.setCertificateEntry("ca" + i, anchors.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    /** The chain as PEM, for Vert.x's PemKeyCertOptions. */
    public byte[] certChainPem() {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : chain) {
            try {
                pem.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("a loaded certificate re-encodes", e);
            }
        }
        return pem.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The key as PKCS#8 PEM, for Vert.x's PemKeyCertOptions. */
    public byte[] keyPem() {
        return pem("PRIVATE KEY", key.getEncoded()).getBytes(StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + chain.get(0).getSubjectX500Principal() + ", key " + key.getAlgorithm() + "]";
    }
}
