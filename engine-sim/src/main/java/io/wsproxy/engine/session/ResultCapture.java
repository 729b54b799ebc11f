package io.wsproxy.engine.session;

import io.wsproxy.engine.data.Column;
import io.wsproxy.engine.data.Execution;
import io.wsproxy.wire.message.ColumnDefinition41;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The reply a control statement writes through {@link Results}, held instead of sent: a prepared
 * {@code SELECT @@x} or {@code SHOW VARIABLES} answers in the binary protocol, which those
 * statements' handlers do not know. Their results are small (variables, grants, warnings).
 */
final class ResultCapture {
    private List<ColumnDefinition41> columns;
    private List<byte[][]> rows;
    private Execution result;

    void ok(long affectedRows, long lastInsertId) {
        result = new Execution.Updated(affectedRows, lastInsertId, 0);
    }

    void begin(List<ColumnDefinition41> definitions) {
        columns = definitions;
        rows = new ArrayList<>();
    }

    void row(byte[][] values) {
        rows.add(values);
    }

    void end() {
        result = new CapturedRows(columns, rows);
    }

    /** What was captured; an OK when the statement wrote nothing (KILL of its own connection). */
    Execution result() {
        return result != null ? result : new Execution.Updated(0, 0, 0);
    }

    private static final class CapturedRows implements Execution.ResultStream {
        private final List<Column> columns = new ArrayList<>();
        private final Iterator<byte[][]> rows;
        private long count;

        CapturedRows(List<ColumnDefinition41> definitions, List<byte[][]> rows) {
            for (ColumnDefinition41 d : definitions) {
                columns.add(new Column(d.schema(), d.table(), d.orgTable(), d.name(), d.orgName(), d.type(),
                        d.flags(), d.columnLength(), d.decimals(), d.characterSet()));
            }
            this.rows = rows.iterator();
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public byte[][] next() {
            if (!rows.hasNext()) {
                return null;
            }
            count++;
            return rows.next();
        }

        @Override
        public long rowCount() {
            return count;
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
