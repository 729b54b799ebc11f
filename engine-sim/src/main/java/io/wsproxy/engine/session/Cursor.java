package io.wsproxy.engine.session;

import io.wsproxy.engine.data.Execution;
import io.wsproxy.wire.StatusFlags;
import java.io.IOException;

/**
 * An open cursor of a prepared statement: the rows COM_STMT_FETCH has not taken yet. Data rows
 * stay in H2's result set (which H2 keeps on disk past its in-memory row limit), not in the heap.
 */
public final class Cursor implements AutoCloseable {
    private final BinaryResults results;
    private final Execution.ResultStream rows;
    private byte[][] next;

    Cursor(BinaryResults results, Execution.ResultStream rows) {
        this.results = results;
        this.rows = rows;
        this.next = rows.next();
    }

    /**
     * Sends up to {@code count} rows, then an EOF with SERVER_STATUS_CURSOR_EXISTS, or with
     * SERVER_STATUS_LAST_ROW_SENT once the rows are exhausted; returns whether they are.
     */
    public boolean fetch(Session s, long count) throws IOException {
        for (long sent = 0; sent < count && next != null; sent++) {
            results.row(s, next);
            next = rows.next();
        }
        boolean done = next == null;
        Results.eof(s, done ? StatusFlags.SERVER_STATUS_LAST_ROW_SENT : StatusFlags.SERVER_STATUS_CURSOR_EXISTS);
        return done;
    }

    @Override
    public void close() {
        rows.close();
    }
}
