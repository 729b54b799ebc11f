package io.wsproxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    private static KeyPair rsa;
    private static KeyPair ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        rsa = Pki.rsa();
        ec = Pki.ec();
    }

    private Path file(String name, String content) {
        return Pki.write(dir, name, content);
    }

    @Test
    void loadsASelfSignedCertificateWithAPkcs8Key() throws Exception {
        X509Certificate cert = Pki.selfSigned(ec, "localhost");
        Path certPem = file("cert.pem", Pki.certPem(cert));
        Path keyPem = file("key.pem", Pki.pkcs8Pem(ec.getPrivate()));

        TlsMaterial m = TlsMaterial.load(certPem, keyPem, null);

        assertThat(m.chain()).containsExactly(cert);
        assertThat(m.key().getEncoded()).isEqualTo(ec.getPrivate().getEncoded());
        assertThat(m.trustedCas()).isEmpty();
        assertThat(Files.readString(keyPem)).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void loadsAnRsaPkcs1Key() throws Exception {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(rsa, "localhost")));
        Path keyPem = file("key.pem", Pki.pkcs1Pem(rsa.getPrivate()));

        TlsMaterial m = TlsMaterial.load(certPem, keyPem, null);

        assertThat(Files.readString(keyPem)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(m.key().getAlgorithm()).isEqualTo("RSA");
        assertThat(m.key().getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
    }

    @Test
    void loadsAnEcSec1KeyWithItsNamedCurve() throws Exception {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path keyPem = file("key.pem", Pki.sec1Pem(ec.getPrivate(), true));

        TlsMaterial m = TlsMaterial.load(certPem, keyPem, null);

        assertThat(Files.readString(keyPem)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(m.key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void ecSec1KeyWithoutItsCurveIsRefused() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path keyPem = file("key.pem", Pki.sec1Pem(ec.getPrivate(), false));

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining(keyPem + ": unreadable private key (Invalid DER");
    }

    @Test
    void loadsAnEd25519Key() throws Exception {
        KeyPair ed = Pki.ed25519();
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ed, "localhost")));
        Path keyPem = file("key.pem", Pki.pkcs8Pem(ed.getPrivate()));

        assertThat(TlsMaterial.load(certPem, keyPem, null).key().getEncoded()).isEqualTo(ed.getPrivate().getEncoded());
    }

    @Test
    void keyPemMayCarryOtherBlocksAroundTheKey() throws Exception {
        // openssl writes "EC PARAMETERS" before the key; some bundles put the certificate first
        X509Certificate cert = Pki.selfSigned(ec, "localhost");
        Path certPem = file("cert.pem", Pki.certPem(cert));
        Path keyPem = file("key.pem", "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Pki.pkcs8Pem(ec.getPrivate()) + Pki.certPem(cert));

        assertThat(TlsMaterial.load(certPem, keyPem, null).key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void loadsAChainAndTheCaFile() throws Exception {
        KeyPair caKeys = Pki.ec();
        X509Certificate ca = Pki.selfSigned(caKeys, "Test CA");
        X509Certificate leaf = Pki.signed(ec, "localhost", ca, caKeys.getPrivate());
        Path certPem = file("chain.pem", Pki.certPem(leaf, ca));
        Path keyPem = file("key.pem", Pki.pkcs8Pem(ec.getPrivate()));
        Path caPem = file("ca.pem", Pki.certPem(ca));

        TlsMaterial m = TlsMaterial.load(certPem, keyPem, caPem);

        assertThat(m.chain()).containsExactly(leaf, ca);
        assertThat(m.trustedCas()).containsExactly(ca);
        assertThat(m.toString()).contains("CN=localhost").doesNotContain(
                Base64.getEncoder().encodeToString(ec.getPrivate().getEncoded()));
    }

    @Test
    void pemAccessorsReloadToTheSameMaterial() throws Exception {
        X509Certificate cert = Pki.selfSigned(rsa, "localhost");
        TlsMaterial m = TlsMaterial.load(file("cert.pem", Pki.certPem(cert)),
                file("key.pem", Pki.pkcs1Pem(rsa.getPrivate())), null);

        Path certAgain = Files.write(dir.resolve("again-cert.pem"), m.certChainPem());
        Path keyAgain = Files.write(dir.resolve("again-key.pem"), m.keyPem());
        TlsMaterial reloaded = TlsMaterial.load(certAgain, keyAgain, null);

        assertThat(new String(m.keyPem(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(reloaded.chain()).isEqualTo(m.chain());
        assertThat(reloaded.key().getEncoded()).isEqualTo(m.key().getEncoded());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path keyPem = file("key.pem", Pki.pkcs8Pem(Pki.ec().getPrivate()));

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("does not match")
                .hasMessageContaining(keyPem.toString());
    }

    @Test
    void keyOfAnotherAlgorithmIsRefused() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path keyPem = file("key.pem", Pki.pkcs8Pem(rsa.getPrivate()));

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void expiredCertificateIsRefused() {
        KeyPair caKeys = Pki.ec();
        X509Certificate ca = Pki.selfSigned(caKeys, "CA");
        Instant now = Instant.now();
        X509Certificate expired = Pki.signed(ec, "localhost", ca, caKeys.getPrivate(),
                now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        Path certPem = file("cert.pem", Pki.certPem(expired));
        Path keyPem = file("key.pem", Pki.pkcs8Pem(ec.getPrivate()));

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining(certPem.toString())
                .hasMessageContaining("expired");
    }

    @Test
    void notYetValidCertificateIsRefused() {
        KeyPair caKeys = Pki.ec();
        X509Certificate ca = Pki.selfSigned(caKeys, "CA");
        Instant now = Instant.now();
        X509Certificate future = Pki.signed(ec, "localhost", ca, caKeys.getPrivate(),
                now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));

        assertThatThrownBy(() -> TlsMaterial.load(file("cert.pem", Pki.certPem(future)),
                file("key.pem", Pki.pkcs8Pem(ec.getPrivate())), null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("not valid before");
    }

    @Test
    void missingCertificateFileIsNamed() {
        Path missing = dir.resolve("no-such-cert.pem");
        Path keyPem = file("key.pem", Pki.pkcs8Pem(ec.getPrivate()));

        assertThatThrownBy(() -> TlsMaterial.load(missing, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("unreadable");
    }

    @Test
    void missingKeyFileIsNamed() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path missing = dir.resolve("no-such-key.pem");

        assertThatThrownBy(() -> TlsMaterial.load(certPem, missing, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("unreadable");
    }

    @Test
    void missingCaFileIsNamed() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path keyPem = file("key.pem", Pki.pkcs8Pem(ec.getPrivate()));
        Path missing = dir.resolve("no-such-ca.pem");

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, missing))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void garbageCertificatePemIsRefused() {
        Path certPem = file("cert.pem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Path keyPem = file("key.pem", Pki.pkcs8Pem(ec.getPrivate()));

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageStartingWith(certPem.toString())
                .hasMessageContaining("not a PEM certificate");
    }

    @Test
    void emptyCertificateFileIsRefused() {
        Path certPem = file("cert.pem", "");
        Path keyPem = file("key.pem", Pki.pkcs8Pem(ec.getPrivate()));

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageStartingWith(certPem.toString());
    }

    @Test
    void keyFileWithoutAKeyIsRefused() {
        X509Certificate cert = Pki.selfSigned(ec, "localhost");
        Path certPem = file("cert.pem", Pki.certPem(cert));
        Path keyPem = file("key.pem", Pki.certPem(cert));

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessage(keyPem + ": no private key found");
    }

    @Test
    void keyThatIsNotBase64IsRefused() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path keyPem = file("key.pem", "-----BEGIN PRIVATE KEY-----\n%%%% not base64 ****\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("not valid base64");
    }

    @Test
    void keyThatIsBase64GarbageIsRefused() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path keyPem = file("key.pem", "-----BEGIN PRIVATE KEY-----\nZ2FyYmFnZSBnYXJiYWdlIGdhcmJhZ2U=\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageStartingWith(keyPem + ": unreadable private key (");
    }

    @Test
    void garbageInsideAnRsaOrEcBlockIsRefused() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path rsaKey = file("rsa.pem", "-----BEGIN RSA PRIVATE KEY-----\nAAECAw==\n-----END RSA PRIVATE KEY-----\n");
        Path ecKey = file("ec.pem", "-----BEGIN EC PRIVATE KEY-----\nAAECAw==\n-----END EC PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsMaterial.load(certPem, rsaKey, null)).isInstanceOf(TlsMaterialException.class);
        assertThatThrownBy(() -> TlsMaterial.load(certPem, ecKey, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessage(ecKey + ": unreadable private key (Invalid DER: not a sequence)");
    }

    @Test
    void ecKeyWithAnOverflowingDerLengthIsAMaterialErrorNotACrash() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        // SEQUENCE { INTEGER of length 0x7fffffff }
        String body = Base64.getEncoder().encodeToString(io.wsproxy.wire.Hex.bytes("300b02847fffffff0000000000"));
        Path keyPem = file("key.pem", "-----BEGIN EC PRIVATE KEY-----\n" + body + "\n-----END EC PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isExactlyInstanceOf(TlsMaterialException.class)
                .hasMessage(keyPem + ": unreadable private key (malformed key data, IndexOutOfBoundsException)");
    }

    @Test
    void encryptedKeysAreRefused() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(rsa, "localhost")));
        Path pkcs8 = file("enc8.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAEC\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Path legacy = file("enc1.pem", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAEC\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsMaterial.load(certPem, pkcs8, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("encrypted private keys are not supported");
        assertThatThrownBy(() -> TlsMaterial.load(certPem, legacy, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("encrypted private keys are not supported");
    }

    @Test
    void otherKeyTypesAreRefusedByName() {
        Path certPem = file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost")));
        Path keyPem = file("key.pem", "-----BEGIN DSA PRIVATE KEY-----\nAAEC\n-----END DSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsMaterial.load(certPem, keyPem, null))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("unsupported key type 'DSA PRIVATE KEY'");
    }

    @Test
    void chainAndCasAreImmutableCopies() throws Exception {
        TlsMaterial m = TlsMaterial.load(file("cert.pem", Pki.certPem(Pki.selfSigned(ec, "localhost"))),
                file("key.pem", Pki.pkcs8Pem(ec.getPrivate())), null);

        assertThatThrownBy(() -> m.chain().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.trustedCas().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
