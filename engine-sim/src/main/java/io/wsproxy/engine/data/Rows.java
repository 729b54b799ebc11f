package io.wsproxy.engine.data;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A result set streamed row by row from H2 into the text protocol. */
final class Rows implements Execution.ResultStream {
    private final ResultSet rs;
    private final List<Column> columns = new ArrayList<>();
    private final ValueReader[] readers;
    private final String database;
    private final Runnable onClose;
    private long count;

    /** {@code onClose} releases the result set (and the statement, unless it stays prepared). */
    Rows(ResultSet rs, String database, Runnable onClose) throws SQLException {
        this.rs = rs;
        this.database = database;
        this.onClose = onClose;
        ResultSetMetaData meta = rs.getMetaData();
        readers = new ValueReader[meta.getColumnCount()];
        for (int i = 1; i <= readers.length; i++) {
            ColumnMapping mapping = ColumnMapping.of(meta, i, database);
            columns.add(mapping.column());
            readers[i - 1] = mapping.reader();
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public byte[][] next() {
        try {
            if (!rs.next()) {
                return null;
            }
            byte[][] row = new byte[readers.length][];
            for (int i = 0; i < readers.length; i++) {
                row[i] = readers[i].read(rs, i + 1);
            }
            count++;
            return row;
        } catch (SQLException e) {
            throw DataErrors.translate(e, database);
        }
    }

    @Override
    public long rowCount() {
        return count;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
