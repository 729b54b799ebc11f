package io.wsproxy.ws;

import java.nio.charset.StandardCharsets;

/**
 * Accumulates rows of one result set into {@code {"type":"rows","id":...,"rows":[...]}}
 * messages. The session adds rows as packets arrive; when {@link #addRow} reports the message
 * full (by bytes or by rows) it sends {@link #finish(MessageSink)} as one text frame and goes on, and it
 * flushes what is left before {@code end}. Memory stays at about one message per session.
 * Not thread-safe.
 */
public final class RowsMessageBuilder {

    /** A frame size that keeps latency low and amortizes per-frame costs. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_ROWS = 4096;
    private static final int INITIAL_BYTES = 512;

    private final RowEncoder encoder;
    private final byte[] prefix;
    private final int maxBytes;
    private final int maxRows;
    private final ByteSink sink;
    private int rows;
    private long totalRows;

    public RowsMessageBuilder(RowEncoder encoder, Object id) {
        this(encoder, id, DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS);
    }

    public RowsMessageBuilder(RowEncoder encoder, Object id, int maxBytes, int maxRows) {
        if (maxBytes < 1 || maxRows < 1) {
            throw new IllegalArgumentException("thresholds must be positive: " + maxBytes + " bytes, " + maxRows + " rows");
        }
        this.encoder = encoder;
        this.prefix = ("{\"type\":\"rows\",\"id\":" + ServerMessages.idJson(id) + ",\"rows\":[")
                .getBytes(StandardCharsets.UTF_8);
        this.maxBytes = maxBytes;
        this.maxRows = maxRows;
        // Small at first: most results are a few rows, and a result set costs a builder. The sink
        // doubles up to the threshold within the first message of a large result, then is reused.
        this.sink = new ByteSink(INITIAL_BYTES);
    }

    /**
     * Adds one text-protocol row.
     *
     * @return {@link #isFull()}: time to {@link #finish(MessageSink)} and send the message
     * @throws MalformedRowException the row is not added; the message so far stays valid
     */
    public boolean addRow(byte[] payload, int offset, int length) {
        if (rows == 0) {
            sink.write(prefix);
        } else {
            sink.write(',');
        }
        try {
            encoder.appendRow(payload, offset, length, sink);
        } catch (MalformedRowException e) {
            sink.truncate(rows == 0 ? 0 : sink.size() - 1);
            throw e;
        }
        rows++;
        totalRows++;
        return isFull();
    }

    public boolean addRow(byte[] payload) {
        return addRow(payload, 0, payload.length);
    }

    /** Whether the pending message reached a threshold (a single row may exceed the byte threshold). */
    public boolean isFull() {
        return rows >= maxRows || sink.size() >= maxBytes;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Rows in the pending message. */
    public int pendingRows() {
        return rows;
    }

    /** Rows added since this builder was made: the result set's {@code rowCount} at {@code end}. */
    public long totalRows() {
        return totalRows;
    }

    /** Where a finished message goes: its UTF-8 bytes, valid during the call only. */
    public interface MessageSink {
        void message(byte[] utf8, int offset, int length);
    }

    /** Hands the pending message to {@code out} as bytes; the builder is then empty, ready for the next one. */
    public void finish(MessageSink out) {
        closeMessage();
        out.message(sink.array(), 0, sink.size());
        sink.reset();
        rows = 0;
    }

    /**
     * The pending message as a String (decoded straight from the buffer), for tests and callers
     * that need one; the builder is then empty, ready for the next one.
     */
    public String finishText() {
        closeMessage();
        String message = sink.toString();
        sink.reset();
        rows = 0;
        return message;
    }

    private void closeMessage() {
        if (rows == 0) {
            throw new IllegalStateException("no rows to send");
        }
        sink.write(']');
        sink.write('}');
    }
}
