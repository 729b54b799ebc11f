package io.wsproxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Hex;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DerTest {
    /** prime256v1, 1.2.840.10045.3.1.7 */
    private static final String P256_OID = "06 08 2a8648ce3d030107";

    private static byte[] sec1Of(KeyPair ec, boolean withCurve) {
        String pem = Pki.sec1Pem(ec.getPrivate(), withCurve);
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    @Test
    void shortAndLongFormLengths() {
        assertThat(Der.tlv(Der.OCTET_STRING, new byte[3])).startsWith(Hex.bytes("04 03"));
        assertThat(Der.tlv(Der.OCTET_STRING, new byte[0x7f])).startsWith(Hex.bytes("04 7f"));
        assertThat(Der.tlv(Der.OCTET_STRING, new byte[0x80])).startsWith(Hex.bytes("04 81 80"));
        assertThat(Der.tlv(Der.OCTET_STRING, new byte[0x100])).startsWith(Hex.bytes("04 82 0100"));
        assertThat(Der.tlv(Der.OCTET_STRING, new byte[0x10000])).startsWith(Hex.bytes("04 83 010000")).hasSize(5 + 0x10000);
    }

    @Test
    void tlvConcatenatesItsContents() {
        assertThat(Der.tlv(Der.SEQUENCE, Der.tlv(Der.INTEGER, new byte[] {0}), Der.tlv(Der.NULL)))
                .isEqualTo(Hex.bytes("30 05 020100 0500"));
    }

    @Test
    void pkcs8FromSec1TakesTheCurveFromTheKey() throws Exception {
        KeyPair ec = Pki.ec();

        byte[] pkcs8 = Der.pkcs8FromSec1(sec1Of(ec, true));

        assertThat(Hex.of(pkcs8)).contains(Hex.of(Hex.bytes(P256_OID)));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        assertThat(((ECPrivateKey) key).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
    }

    @Test
    void pkcs8FromPkcs1IsReadableByTheJdk() throws Exception {
        KeyPair rsa = Pki.rsa();
        String pem = Pki.pkcs1Pem(rsa.getPrivate());
        byte[] pkcs1 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));

        byte[] pkcs8 = Der.pkcs8FromPkcs1(pkcs1);

        assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)))
                .isEqualTo(rsa.getPrivate());
    }

    @Test
    void sec1WithoutACurveIsRefused() {
        assertThatThrownBy(() -> Der.pkcs8FromSec1(sec1Of(Pki.ec(), false)))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("named curve");
    }

    @Test
    void truncatedSec1IsRefused() {
        byte[] sec1 = sec1Of(Pki.ec(), true);

        for (int n = 0; n < sec1.length; n++) {
            byte[] cut = Arrays.copyOf(sec1, n);
            assertThatThrownBy(() -> Der.pkcs8FromSec1(cut)).as("%d bytes", n)
                    .isInstanceOf(TlsMaterialException.class);
        }
    }

    @Test
    void elementLengthThatOverflowsAnIntIsRefused() {
        // SEQUENCE { INTEGER of length 0x7fffffff }: position + length wraps negative
        byte[] sec1 = Hex.bytes("30 0b 02 84 7fffffff 0000000000");

        assertThatThrownBy(() -> Der.pkcs8FromSec1(sec1))
                .isExactlyInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("malformed key");
    }

    @Test
    void lengthOfFiveBytesIsRefused() {
        assertThatThrownBy(() -> Der.pkcs8FromSec1(Hex.bytes("30 85 0000000001 00")))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("DER length");
    }

    @Test
    void wrongOuterTagIsRefused() {
        assertThatThrownBy(() -> Der.pkcs8FromSec1(Hex.bytes("31 00")))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("tag 0x31");
    }
}
