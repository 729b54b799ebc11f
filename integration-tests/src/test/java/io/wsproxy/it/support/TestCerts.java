package io.wsproxy.it.support;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA and a server certificate for localhost / 127.0.0.1, as PEM files. */
public record TestCerts(Path caCert, Path serverCert, Path serverKey) {

    public static TestCerts create(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair caKeys = gen.generateKeyPair();
        X500Name caName = new X500Name("CN=wsproxy test CA");
        X509Certificate ca = sign(caName, caKeys, caName, caKeys.getPrivate(), true);
        KeyPair serverKeys = gen.generateKeyPair();
        X509Certificate server = sign(new X500Name("CN=localhost"), serverKeys, caName, caKeys.getPrivate(), false);

        TestCerts certs = new TestCerts(dir.resolve("ca-cert.pem"), dir.resolve("server-cert.pem"),
                dir.resolve("server-key.pem"));
        Files.writeString(certs.caCert(), pem(ca));
        Files.writeString(certs.serverCert(), pem(server));
        Files.writeString(certs.serverKey(), pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null).generate()));
        return certs;
    }

    private static X509Certificate sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
            boolean ca) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(30, ChronoUnit.DAYS)), subject,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    /** Appends ssl_cert / ssl_key / ssl_ca to a node's memsql.cnf (before its first start). */
    public void configure(Path baseDir) throws IOException {
        Files.createDirectories(baseDir);
        Files.writeString(baseDir.resolve("memsql.cnf"), "[server]\nport = 0\nbind_address = 127.0.0.1\n"
                + "ssl_cert = " + serverCert + "\nssl_key = " + serverKey + "\nssl_ca = " + caCert + "\n");
    }
}
