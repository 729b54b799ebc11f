package io.wsproxy.engine.session;

import io.wsproxy.engine.data.Column;
import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireWriter;
import io.wsproxy.wire.message.ColumnCount;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.EofPacket;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.wire.message.TextResultRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes statement replies in the text protocol: OK, or a result set (column count, column
 * definitions, [EOF], rows, EOF or the OK that replaces it under CLIENT_DEPRECATE_EOF).
 * {@code more} sets SERVER_MORE_RESULTS_EXISTS for multi-statement queries.
 */
public final class Results {
    private static final int VARCHAR_LENGTH = 1024 * 4;

    private Results() {
    }

    public static void ok(Session s, long affectedRows, long lastInsertId, boolean more) throws IOException {
        if (s.capture() != null) {
            s.capture().ok(affectedRows, lastInsertId);
            return;
        }
        s.write(new OkPacket(affectedRows, lastInsertId, flags(s, more), s.warnings().size(), "")
                .encode(s.capabilities()));
    }

    public static void begin(Session s, List<ColumnDefinition41> columns) throws IOException {
        if (s.capture() != null) {
            s.capture().begin(columns);
            return;
        }
        s.write(new ColumnCount(columns.size()).encode(s.capabilities()));
        for (ColumnDefinition41 column : columns) {
            s.write(column.encode(s.capabilities()));
        }
        endOfDefinitions(s);
    }

    public static void row(Session s, WireWriter buffer, byte[][] values) throws IOException {
        if (s.capture() != null) {
            s.capture().row(values);
            return;
        }
        buffer.reset();
        TextResultRow.encodeValues(buffer, values);
        s.write(buffer.toByteArray());
    }

    public static void end(Session s, boolean more) throws IOException {
        if (s.capture() != null) {
            s.capture().end();
            return;
        }
        eof(s, more ? StatusFlags.SERVER_MORE_RESULTS_EXISTS : 0);
    }

    /** The EOF after a group of column or parameter definitions; none under CLIENT_DEPRECATE_EOF. */
    public static void endOfDefinitions(Session s) throws IOException {
        if (!s.deprecateEof()) {
            s.write(new EofPacket(0, s.statusFlags()).encode(s.capabilities()));
        }
    }

    /** The EOF that ends column definitions or rows (an OK packet under CLIENT_DEPRECATE_EOF). */
    static void eof(Session s, int extraStatus) throws IOException {
        int flags = s.statusFlags() | extraStatus;
        int warnings = s.warnings().size();
        if (s.deprecateEof()) {
            WireWriter w = new WireWriter(16);
            new OkPacket(0, 0, flags, warnings, "").encodeAsEofTo(w, s.capabilities());
            s.write(w);
        } else {
            s.write(new EofPacket(warnings, flags).encode(s.capabilities()));
        }
    }

    /** A small result built in memory (SHOW ..., SELECT @@...). */
    public static void table(Session s, List<ColumnDefinition41> columns, List<byte[][]> rows, boolean more)
            throws IOException {
        begin(s, columns);
        WireWriter buffer = new WireWriter(256);
        for (byte[][] row : rows) {
            row(s, buffer, row);
        }
        end(s, more);
    }

    private static int flags(Session s, boolean more) {
        return s.statusFlags() | (more ? StatusFlags.SERVER_MORE_RESULTS_EXISTS : 0);
    }

    // ---- column definitions

    public static ColumnDefinition41 text(String name) {
        return new ColumnDefinition41("", "", "", name, "", Handshake.SERVER_CHARSET, VARCHAR_LENGTH,
                ColumnType.VAR_STRING, 0, 0x1f);
    }

    public static ColumnDefinition41 bigint(String name) {
        return new ColumnDefinition41("", "", "", name, "", ColumnFlags.BINARY_CHARSET, 21,
                ColumnType.LONGLONG, ColumnFlags.NUM | ColumnFlags.BINARY, 0);
    }

    /** The column for a computed value (SELECT @@x, DATABASE()), typed by the value's Java type. */
    public static ColumnDefinition41 forValue(String name, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            return bigint(name);
        }
        if (value instanceof BigDecimal d) {
            return new ColumnDefinition41("", "", "", name, "", ColumnFlags.BINARY_CHARSET, 66,
                    ColumnType.NEWDECIMAL, ColumnFlags.NUM | ColumnFlags.BINARY, Math.max(0, d.scale()));
        }
        if (value instanceof Double) {
            return new ColumnDefinition41("", "", "", name, "", ColumnFlags.BINARY_CHARSET, 23,
                    ColumnType.DOUBLE, ColumnFlags.NUM | ColumnFlags.BINARY, 31);
        }
        return text(name);
    }

    public static ColumnDefinition41 of(Column c) {
        return new ColumnDefinition41(c.schema(), c.table(), c.orgTable(), c.name(), c.orgName(),
                c.characterSet(), c.length(), c.type(), c.flags(), c.decimals());
    }

    /** A computed value in the text protocol; null stays SQL NULL. */
    public static byte[] textValue(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? new byte[] {'1'} : new byte[] {'0'};
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString().getBytes(StandardCharsets.US_ASCII);
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[][] row(String... values) {
        byte[][] row = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            row[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return row;
    }
}
