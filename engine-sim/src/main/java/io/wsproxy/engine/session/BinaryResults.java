package io.wsproxy.engine.session;

import io.wsproxy.engine.data.Column;
import io.wsproxy.engine.data.Execution;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireWriter;
import io.wsproxy.wire.message.BinaryResultRow;
import io.wsproxy.wire.message.ColumnCount;
import io.wsproxy.wire.message.ColumnDefinition41;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A prepared statement's result set in the binary protocol: column count and definitions, then
 * either every row and the end at once, or (the client asked for a cursor) an EOF carrying
 * SERVER_STATUS_CURSOR_EXISTS, and rows later, as COM_STMT_FETCH asks for them.
 */
public final class BinaryResults {
    private final List<ColumnDefinition41> columns = new ArrayList<>();
    private final WireWriter buffer = new WireWriter(256);

    private BinaryResults(List<Column> source) {
        for (Column c : source) {
            columns.add(Results.of(c));
        }
    }

    /** Sends every row and the end; closes {@code rows}. */
    public static void write(Session s, Execution.ResultStream rows) throws IOException {
        try (rows) {
            BinaryResults results = new BinaryResults(rows.columns());
            results.header(s);
            Results.endOfDefinitions(s);
            byte[][] row;
            while ((row = rows.next()) != null) {
                results.row(s, row);
            }
            Results.end(s, false);
        }
    }

    /**
     * Sends the column definitions and an EOF with SERVER_STATUS_CURSOR_EXISTS: MySQL sends that
     * EOF even under CLIENT_DEPRECATE_EOF (as an OK packet), and Connector/J reads it.
     */
    public static Cursor open(Session s, Execution.ResultStream rows) throws IOException {
        BinaryResults results = new BinaryResults(rows.columns());
        results.header(s);
        Results.eof(s, StatusFlags.SERVER_STATUS_CURSOR_EXISTS);
        return new Cursor(results, rows);
    }

    private void header(Session s) throws IOException {
        s.write(new ColumnCount(columns.size()).encode(s.capabilities()));
        for (ColumnDefinition41 c : columns) {
            s.write(c.encode(s.capabilities()));
        }
    }

    void row(Session s, byte[][] text) throws IOException {
        Object[] values = new Object[text.length];
        for (int i = 0; i < text.length; i++) {
            values[i] = text[i] == null ? null : TextToBinary.value(columns.get(i), text[i]);
        }
        buffer.reset();
        new BinaryResultRow(values).encodeTo(buffer, columns);
        s.write(buffer);
    }
}
