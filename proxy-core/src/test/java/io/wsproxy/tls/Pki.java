package io.wsproxy.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Throw-away keys, certificates and their PEM files for TLS tests; nothing is checked in. */
final class Pki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private Pki() {
    }

    static KeyPair ec() {
        return generate("EC");
    }

    static KeyPair rsa() {
        return generate("RSA");
    }

    static KeyPair ed25519() {
        return generate("Ed25519");
    }

    private static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else if (algorithm.equals("RSA")) {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Self-signed for localhost, valid from an hour ago for a day. */
    static X509Certificate selfSigned(KeyPair kp, String cn) {
        Instant now = Instant.now();
        return certificate(kp.getPublic(), cn, cn, kp.getPrivate(), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), true);
    }

    /** Signed by {@code issuer}, valid in [notBefore, notAfter]. */
    static X509Certificate signed(KeyPair subject, String cn, X509Certificate issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter) {
        String issuerCn = issuer.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        return certificate(subject.getPublic(), cn, issuerCn, issuerKey, notBefore, notAfter, false);
    }

    static X509Certificate signed(KeyPair subject, String cn, X509Certificate issuer, PrivateKey issuerKey) {
        Instant now = Instant.now();
        return signed(subject, cn, issuer, issuerKey, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    private static X509Certificate certificate(PublicKey subjectKey, String cn, String issuerCn, PrivateKey signer,
            Instant notBefore, Instant notAfter, boolean ca) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + cn), subjectKey);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            }));
            String algorithm = switch (signer.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> "Ed25519";
            };
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String certPem(X509Certificate... certs) {
        return pem((Object[]) certs);
    }

    /** "BEGIN PRIVATE KEY". */
    static String pkcs8Pem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "BEGIN RSA PRIVATE KEY", OpenSSL's traditional PKCS#1. */
    static String pkcs1Pem(PrivateKey rsaKey) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(rsaKey.getEncoded());
            return pem(new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "BEGIN EC PRIVATE KEY", SEC1 with or without the named curve in its [0] field. */
    static String sec1Pem(PrivateKey ecKey, boolean withCurve) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(ecKey.getEncoded());
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            ECPrivateKey sec1 = withCurve
                    ? new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(),
                            info.getPrivateKeyAlgorithm().getParameters())
                    : new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(), null);
            return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object... objects) {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return s.toString();
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
