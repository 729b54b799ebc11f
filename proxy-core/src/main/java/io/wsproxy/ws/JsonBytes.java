package io.wsproxy.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes engine value bytes as JSON values into a {@link ByteSink} without decoding them to
 * Strings. The output is always valid JSON in valid UTF-8 (a WebSocket text frame must be,
 * RFC 6455 8.1): invalid UTF-8 from the engine becomes U+FFFD.
 */
final class JsonBytes {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                    .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    /** For each ASCII byte: 0 copy as is, 'u' write as \\u00XX, else the char after the backslash. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    /** Validates JSON column values; MySQL documents are far below these limits' defaults, but one value may be huge. */
    private static final JsonFactory VALIDATOR = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private JsonBytes() {
    }

    /** A JSON string holding these UTF-8 bytes. */
    static void string(byte[] src, int off, int len, ByteSink out) {
        out.write('"');
        utf8(src, off, len, out, true);
        out.write('"');
    }

    /**
     * A JSON number with the engine's digits, leading zeros dropped (ZEROFILL columns send
     * {@code 0042}, which JSON forbids); a JSON string when the text is no number at all
     * ({@code inf}, {@code nan}).
     */
    static void numberOrString(byte[] src, int off, int len, ByteSink out) {
        int end = off + len;
        int i = off;
        boolean negative = i < end && src[i] == '-';
        if (negative) {
            i++;
        }
        while (i + 1 < end && src[i] == '0' && isDigit(src[i + 1])) {
            i++;
        }
        if (!isJsonNumber(src, i, end, negative)) {
            string(src, off, len, out);
            return;
        }
        if (negative) {
            out.write('-');
        }
        out.write(src, i, end - i);
    }

    /** {@code [start, end)} after an optional minus matches JSON's int frac? exp? grammar (RFC 8259 6). */
    private static boolean isJsonNumber(byte[] s, int start, int end, boolean negative) {
        int i = start;
        if (i >= end || !isDigit(s[i])) {
            return false;
        }
        if (s[i] == '0') {
            i++;
        } else {
            while (i < end && isDigit(s[i])) {
                i++;
            }
        }
        if (i < end && s[i] == '.') {
            i++;
            int digits = i;
            while (i < end && isDigit(s[i])) {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        if (i < end && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < end && (s[i] == '+' || s[i] == '-')) {
                i++;
            }
            int digits = i;
            while (i < end && isDigit(s[i])) {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        return i == end;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The JSON document inline when it parses as exactly one JSON value, else as a JSON string. */
    static void jsonOrString(byte[] src, int off, int len, ByteSink out) {
        if (isOneJsonValue(src, off, len)) {
            utf8(src, off, len, out, false);
        } else {
            string(src, off, len, out);
        }
    }

    private static boolean isOneJsonValue(byte[] src, int off, int len) {
        try (JsonParser p = VALIDATOR.createParser(src, off, len)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                p.getTextLength();  // forces the whole string to be read and checked
            }
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Standard base64 (RFC 4648 section 4, padded) in a JSON string. */
    static void base64(byte[] src, int off, int len, ByteSink out) {
        int encoded = (len + 2) / 3 * 4;
        byte[] dst = out.ensure(encoded + 2);
        int d = out.size();
        dst[d++] = '"';
        int i = off;
        int end = off + len;
        for (; i + 2 < end; i += 3) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
            dst[d++] = BASE64[bits >>> 18];
            dst[d++] = BASE64[(bits >>> 12) & 0x3f];
            dst[d++] = BASE64[(bits >>> 6) & 0x3f];
            dst[d++] = BASE64[bits & 0x3f];
        }
        int rest = end - i;
        if (rest > 0) {
            int bits = (src[i] & 0xff) << 16 | (rest == 2 ? (src[i + 1] & 0xff) << 8 : 0);
            dst[d++] = BASE64[bits >>> 18];
            dst[d++] = BASE64[(bits >>> 12) & 0x3f];
            dst[d++] = rest == 2 ? BASE64[(bits >>> 6) & 0x3f] : (byte) '=';
            dst[d++] = '=';
        }
        dst[d++] = '"';
        out.advance(encoded + 2);
    }

    /**
     * Copies UTF-8, replacing each byte that starts no well-formed sequence (Unicode table 3-7:
     * no overlong forms, surrogates or code points past U+10FFFF) by U+FFFD, and escaping
     * quotes, backslashes and control characters when {@code escape}.
     */
    private static void utf8(byte[] src, int off, int len, ByteSink out, boolean escape) {
        int end = off + len;
        int run = off;  // start of bytes not yet copied
        int i = off;
        while (i < end) {
            int b = src[i] & 0xff;
            if (b < 0x80) {
                if (escape && ESCAPE[b] != 0) {
                    out.write(src, run, i - run);
                    writeEscape(b, out);
                    run = ++i;
                } else {
                    i++;
                }
                continue;
            }
            int n = sequenceLength(src, i, end);
            if (n > 0) {
                i += n;
            } else {
                out.write(src, run, i - run);
                out.write(REPLACEMENT, 0, REPLACEMENT.length);
                run = ++i;
            }
        }
        out.write(src, run, end - run);
    }

    private static void writeEscape(int b, ByteSink out) {
        byte e = ESCAPE[b];
        out.write('\\');
        if (e == 'u') {
            out.write('u');
            out.write('0');
            out.write('0');
            out.write(HEX[b >> 4]);
            out.write(HEX[b & 0xf]);
        } else {
            out.write(e);
        }
    }

    /** Length of the well-formed multi-byte sequence at {@code i}, or 0. */
    private static int sequenceLength(byte[] s, int i, int end) {
        int b = s[i] & 0xff;
        if (b >= 0xC2 && b <= 0xDF) {
            return i + 1 < end && cont(s[i + 1], 0x80, 0xBF) ? 2 : 0;
        }
        if (b >= 0xE0 && b <= 0xEF) {
            int lo = b == 0xE0 ? 0xA0 : 0x80;
            int hi = b == 0xED ? 0x9F : 0xBF;
            return i + 2 < end && cont(s[i + 1], lo, hi) && cont(s[i + 2], 0x80, 0xBF) ? 3 : 0;
        }
        if (b >= 0xF0 && b <= 0xF4) {
            int lo = b == 0xF0 ? 0x90 : 0x80;
            int hi = b == 0xF4 ? 0x8F : 0xBF;
            return i + 3 < end && cont(s[i + 1], lo, hi) && cont(s[i + 2], 0x80, 0xBF)
                    && cont(s[i + 3], 0x80, 0xBF) ? 4 : 0;
        }
        return 0;
    }

    private static boolean cont(byte b, int lo, int hi) {
        int v = b & 0xff;
        return v >= lo && v <= hi;
    }
}
