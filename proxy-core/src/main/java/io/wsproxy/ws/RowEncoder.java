package io.wsproxy.ws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Turns text-protocol rows (MySQL ProtocolText::ResultsetRow: one length-encoded string per
 * column, 0xFB for NULL) into JSON arrays, following PROTOCOL.md's "Values in rows". Built once
 * per result set; each row is written straight from the packet bytes into a {@link ByteSink}.
 * Stateless after construction, so one instance may serve several threads.
 */
public final class RowEncoder {

    private static final int NULL_VALUE = 0xFB;

    private final JsonKind[] kinds;
    private final String[] names;
    /** {@code "name":} of each column, JSON-escaped, for rows as objects; made on first use. */
    private volatile byte[][] keys;

    /**
     * @param bigintAsString the client's {@code options.bigint: "string"}: BIGINT values become
     *                       strings, since JavaScript numbers lose digits past 2^53
     */
    public RowEncoder(List<ResultColumn> columns, boolean bigintAsString) {
        int n = columns.size();
        kinds = new JsonKind[n];
        names = new String[n];
        for (int i = 0; i < n; i++) {
            ResultColumn c = columns.get(i);
            JsonKind kind = c.kind();
            kinds[i] = kind == JsonKind.BIGINT && bigintAsString ? JsonKind.STRING : kind;
            names[i] = c.name();
        }
    }

    public int columnCount() {
        return kinds.length;
    }

    /**
     * Appends the row in {@code payload[offset, offset + length)} as a JSON array.
     *
     * @return the number of bytes appended
     * @throws MalformedRowException when the bytes do not hold exactly one value per column;
     *                               {@code out} is then left as it was
     */
    public int appendRow(byte[] payload, int offset, int length, ByteSink out) {
        return append(payload, offset, length, out, null);
    }

    /**
     * Appends the row as a JSON object keyed by column name (the Data API's {@code query/rows});
     * otherwise as {@link #appendRow}. A name that occurs twice is a key that occurs twice.
     */
    public int appendObject(byte[] payload, int offset, int length, ByteSink out) {
        byte[][] objectKeys = keys;
        if (objectKeys == null) {
            objectKeys = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                ByteSink key = new ByteSink(names[i].length() + 4);
                byte[] utf8 = names[i].getBytes(StandardCharsets.UTF_8);
                JsonBytes.string(utf8, 0, utf8.length, key);
                key.write(':');
                objectKeys[i] = key.toByteArray();
            }
            keys = objectKeys;
        }
        return append(payload, offset, length, out, objectKeys);
    }

    private int append(byte[] payload, int offset, int length, ByteSink out, byte[][] objectKeys) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        int start = out.size();
        try {
            writeRow(payload, offset, offset + length, out, objectKeys);
        } catch (MalformedRowException e) {
            out.truncate(start);
            throw e;
        }
        return out.size() - start;
    }

    private void writeRow(byte[] p, int pos, int end, ByteSink out, byte[][] objectKeys) {
        out.write(objectKeys == null ? '[' : '{');
        for (int col = 0; col < kinds.length; col++) {
            if (col > 0) {
                out.write(',');
            }
            if (objectKeys != null) {
                out.write(objectKeys[col]);
            }
            if (pos >= end) {
                throw malformed(col, "the row ends before this column");
            }
            int first = p[pos] & 0xff;
            if (first == NULL_VALUE) {
                out.writeAscii("null");
                pos++;
                continue;
            }
            long len;
            int header;
            if (first < 0xFB) {
                len = first;
                header = 1;
            } else if (first == 0xFC) {
                header = 3;
                len = fixedLength(p, pos, end, 2, col);
            } else if (first == 0xFD) {
                header = 4;
                len = fixedLength(p, pos, end, 3, col);
            } else if (first == 0xFE) {
                header = 9;
                len = fixedLength(p, pos, end, 8, col);
            } else {
                throw malformed(col, "invalid length prefix 0xFF");
            }
            int valueStart = pos + header;
            if (len < 0 || len > end - valueStart) {
                throw malformed(col, "declares " + Long.toUnsignedString(len) + " bytes but "
                        + (end - valueStart) + " remain");
            }
            writeValue(kinds[col], p, valueStart, (int) len, out);
            pos = valueStart + (int) len;
        }
        if (pos != end) {
            throw new MalformedRowException("malformed text row: " + (end - pos) + " bytes after the last of "
                    + kinds.length + " columns");
        }
        out.write(objectKeys == null ? ']' : '}');
    }

    /** The little-endian integer of {@code size} bytes after the prefix byte at {@code pos}. */
    private long fixedLength(byte[] p, int pos, int end, int size, int col) {
        if (end - pos - 1 < size) {
            throw malformed(col, "length prefix cut short");
        }
        long v = 0;
        for (int i = size; i >= 1; i--) {
            v = v << 8 | (p[pos + i] & 0xff);
        }
        return v;
    }

    private static void writeValue(JsonKind kind, byte[] p, int off, int len, ByteSink out) {
        switch (kind) {
            case INTEGER:
            case BIGINT:
            case FLOAT:
                JsonBytes.numberOrString(p, off, len, out);
                break;
            case STRING:
                JsonBytes.string(p, off, len, out);
                break;
            case JSON:
                JsonBytes.jsonOrString(p, off, len, out);
                break;
            case BASE64:
                JsonBytes.base64(p, off, len, out);
                break;
            case NULL:
                // The NULL type only ever holds 0xFB; anything else is shown, not dropped.
                JsonBytes.string(p, off, len, out);
                break;
            default:
                throw new AssertionError(kind);
        }
    }

    private MalformedRowException malformed(int col, String problem) {
        return new MalformedRowException("malformed text row: column " + (col + 1) + " of " + kinds.length
                + " (`" + names[col] + "`) " + problem);
    }
}
