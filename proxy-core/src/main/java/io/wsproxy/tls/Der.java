package io.wsproxy.tls;

import java.io.ByteArrayOutputStream;

/**
 * The little DER (ITU-T X.690) needed to turn PKCS#1 and SEC1 private keys into PKCS#8, which is
 * what the JDK's KeyFactory reads.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int CONTEXT_0 = 0xa0;

    /** rsaEncryption, 1.2.840.113549.1.1.1 */
    static final byte[] RSA_ENCRYPTION = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1 */
    static final byte[] EC_PUBLIC_KEY = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Der() {
    }

    static byte[] tlv(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = body.size();
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** PKCS#8 PrivateKeyInfo around an RSA PKCS#1 key. */
    static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        return tlv(SEQUENCE, tlv(INTEGER, new byte[] {0}),
                tlv(SEQUENCE, tlv(OID, RSA_ENCRYPTION), tlv(NULL)), tlv(OCTET_STRING, pkcs1));
    }

    /** PKCS#8 PrivateKeyInfo around a SEC1 ECPrivateKey, taking the curve from its [0] field. */
    static byte[] pkcs8FromSec1(byte[] sec1) throws TlsMaterialException {
        byte[] curve = sec1Curve(sec1);
        return tlv(SEQUENCE, tlv(INTEGER, new byte[] {0}),
                tlv(SEQUENCE, tlv(OID, EC_PUBLIC_KEY), tlv(OID, curve)), tlv(OCTET_STRING, sec1));
    }

    private static byte[] sec1Curve(byte[] sec1) throws TlsMaterialException {
        Reader r = new Reader(sec1);
        Reader seq = r.enter(SEQUENCE);
        while (seq.hasMore()) {
            int tag = seq.peekTag();
            if (tag == CONTEXT_0) {
                return seq.enter(CONTEXT_0).value(OID);
            }
            seq.skip();
        }
        throw new TlsMaterialException("EC private key without its named curve");
    }

    /** A bounds-checked walker over DER elements. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b) {
            this(b, 0, b.length);
        }

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        int peekTag() throws TlsMaterialException {
            check(1);
            return b[pos] & 0xff;
        }

        Reader enter(int tag) throws TlsMaterialException {
            int[] span = header(tag);
            pos = span[1];
            return new Reader(b, span[0], span[1]);
        }

        byte[] value(int tag) throws TlsMaterialException {
            int[] span = header(tag);
            pos = span[1];
            return java.util.Arrays.copyOfRange(b, span[0], span[1]);
        }

        void skip() throws TlsMaterialException {
            pos = header(peekTag())[1];
        }

        private int[] header(int tag) throws TlsMaterialException {
            check(2);
            if ((b[pos] & 0xff) != tag) {
                throw new TlsMaterialException("malformed key: DER tag 0x" + Integer.toHexString(b[pos] & 0xff));
            }
            int p = pos + 1;
            int len = b[p++] & 0xff;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 4 || p + n > end) {
                    throw new TlsMaterialException("malformed key: DER length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xff);
                }
            }
            if (len < 0 || len > end - p) {
                throw new TlsMaterialException("malformed key: DER element overruns");
            }
            return new int[] {p, p + len};
        }

        private void check(int n) throws TlsMaterialException {
            if (pos + n > end) {
                throw new TlsMaterialException("malformed key: truncated DER");
            }
        }
    }
}
