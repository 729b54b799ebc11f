package io.wsproxy.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.ws.ByteSink;
import io.wsproxy.ws.ColumnInfo;
import io.wsproxy.ws.MalformedRowException;
import io.wsproxy.ws.ResultColumn;
import io.wsproxy.ws.RowEncoder;
import java.util.List;

/**
 * The JSON body of one Data API response, written as the engine's replies arrive (PROTOCOL.md
 * section 2): {@code {"results":[{"rows":[{...}]}]}} for {@code query/rows},
 * {@code {"results":[{"columns":[...],"rows":[[...]]}]}} for {@code query/tuples}, and
 * {@code {"lastInsertId":n,"rowsAffected":n}} for {@code exec}. Rows are encoded straight from the
 * engine's row bytes with the {@code /ws} value mapping; the bytes written so far are taken in
 * chunks with {@link #take()}, so a large result is never held whole. Not thread-safe.
 */
final class ResultJson {
    enum Shape { ROWS, TUPLES, EXEC }

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private final Shape shape;
    private final int chunkBytes;
    private ByteSink out;
    private RowEncoder encoder;
    private boolean inResult;
    private int results;
    private long rowsInResult;
    private long rowsAffected;
    private long lastInsertId;

    /** @param chunkBytes about how many bytes {@link #take()} hands over at a time */
    ResultJson(Shape shape, int chunkBytes) {
        this.shape = shape;
        this.chunkBytes = chunkBytes;
        this.out = new ByteSink(512);
        if (shape != Shape.EXEC) {
            out.writeAscii("{\"results\":[");
        }
    }

    /** A result set begins (ignored by {@code exec}, which returns none). */
    void columns(List<ResultColumn> columns) {
        if (shape == Shape.EXEC) {
            return;
        }
        if (results++ > 0) {
            out.write(',');
        }
        encoder = new RowEncoder(columns, false);
        if (shape == Shape.TUPLES) {
            out.writeAscii("{\"columns\":[");
            for (int i = 0; i < columns.size(); i++) {
                ColumnInfo c = columns.get(i).info();
                out.writeAscii(i == 0 ? "{\"name\":" : ",{\"name\":");
                string(c.name());
                out.writeAscii(",\"dataType\":");
                string(c.type());
                out.writeAscii(c.nullable() ? ",\"nullable\":true}" : ",\"nullable\":false}");
            }
            out.writeAscii("],\"rows\":[");
        } else {
            out.writeAscii("{\"rows\":[");
        }
        inResult = true;
        rowsInResult = 0;
    }

    /**
     * One text-protocol row of the current result set.
     *
     * @throws MalformedRowException the row does not match its columns; nothing of it is written
     */
    void row(byte[] payload, int offset, int length) {
        if (shape == Shape.EXEC) {
            return;
        }
        int mark = out.size();
        if (rowsInResult > 0) {
            out.write(',');
        }
        try {
            if (shape == Shape.ROWS) {
                encoder.appendObject(payload, offset, length, out);
            } else {
                encoder.appendRow(payload, offset, length, out);
            }
        } catch (MalformedRowException e) {
            out.truncate(mark);
            throw e;
        }
        rowsInResult++;
    }

    void resultEnd() {
        if (inResult) {
            out.write(']');
            out.write('}');
            inResult = false;
        }
    }

    /** A statement without a result set: {@code exec} adds up its counts. */
    void ok(OkPacket ok) {
        rowsAffected += ok.affectedRows();
        if (ok.lastInsertId() != 0) {
            lastInsertId = ok.lastInsertId();
        }
    }

    /** Closes the document after the last reply. */
    void finish() {
        if (shape == Shape.EXEC) {
            out.writeAscii("{\"lastInsertId\":" + Long.toUnsignedString(lastInsertId)
                    + ",\"rowsAffected\":" + Long.toUnsignedString(rowsAffected) + "}");
        } else {
            resultEnd();
            out.writeAscii("]}");
        }
    }

    /**
     * Closes the document after an error that came once part of it was sent: the results so far,
     * then {@code "error":{"code":n,"message":"..."}} beside them (SingleStore's {@code QueryOutput.error}).
     */
    void finishWithError(int code, String message) {
        resultEnd();
        out.writeAscii("],\"error\":{\"code\":" + code + ",\"message\":");
        string(message);
        out.writeAscii("}}");
    }

    /** Whether a chunk's worth is waiting. */
    boolean chunkReady() {
        return out.size() >= chunkBytes;
    }

    /** The bytes written since the last take; the writer goes on in a fresh buffer. */
    ByteSink take() {
        ByteSink full = out;
        out = new ByteSink(Math.max(512, Math.min(chunkBytes + chunkBytes / 4, full.size() + 64)));
        return full;
    }

    private void string(String s) {
        out.write('"');
        out.write(STRINGS.quoteAsUTF8(s));
        out.write('"');
    }
}
