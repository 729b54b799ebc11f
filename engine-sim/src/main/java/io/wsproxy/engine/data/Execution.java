package io.wsproxy.engine.data;

import java.util.List;

/** What a data-plane statement produced: an update count, or rows to stream. */
public sealed interface Execution {
    record Updated(long affectedRows, long lastInsertId, int warnings) implements Execution {
    }

    /** Rows in the MySQL text protocol, read from H2 one at a time; close when done. */
    non-sealed interface ResultStream extends Execution, AutoCloseable {
        List<Column> columns();

        /** The next row's values (null for SQL NULL), or null when there are no more rows. */
        byte[][] next();

        long rowCount();

        @Override
        void close();
    }
}
