package io.wsproxy.proxy;

import io.wsproxy.backend.BackendConnection;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.ws.ColumnInfo;
import io.wsproxy.ws.MalformedRowException;
import io.wsproxy.ws.ResultColumn;
import io.wsproxy.ws.RowEncoder;
import io.wsproxy.ws.RowsMessageBuilder;
import io.wsproxy.ws.ServerMessages;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's replies to the running query, relayed to the client as PROTOCOL.md messages as
 * they arrive: {@code columns}, {@code rows} (encoded from the row packets' bytes in place),
 * {@code end}, {@code ok} or {@code error}. The messages of one engine read are flushed together
 * when the read completes. Backpressure: when the client's queue is full the engine connection
 * stops being read until the queue drains, so a session's memory stays bounded whatever the
 * result size. Confined to the session's event loop.
 */
final class ReplyRelay implements RowsMessageBuilder.MessageSink {

    /** What the relay needs from its session. */
    interface Session {
        /** The id of the query the replies belong to (null if none runs). */
        Object runningQueryId();

        /** The running query sent its last reply. */
        void queryFinished();

        /** The engine sent a row that does not match its columns: the session cannot go on. */
        void malformedRow(MalformedRowException e);
    }

    private final ClientOut out;
    private final Session session;
    private final boolean bigintAsString;
    private BackendConnection backend;
    private RowsMessageBuilder rows;
    private boolean enginePaused;

    ReplyRelay(ClientOut out, Session session, boolean bigintAsString) {
        this.out = out;
        this.session = session;
        this.bigintAsString = bigintAsString;
    }

    /** The engine connection to pause and resume. */
    void attach(BackendConnection connection) {
        this.backend = connection;
    }

    void columns(List<ResultColumn> columns) {
        Object id = session.runningQueryId();
        List<ColumnInfo> infos = new ArrayList<>(columns.size());
        for (ResultColumn column : columns) {
            infos.add(column.info());
        }
        send(ServerMessages.columns(id, infos));
        rows = new RowsMessageBuilder(new RowEncoder(columns, bigintAsString), id);
    }

    void row(byte[] payload, int offset, int length) {
        try {
            if (rows.addRow(payload, offset, length)) {
                rows.finish(this);
            }
        } catch (MalformedRowException e) {
            session.malformedRow(e);
        }
    }

    void resultEnd(boolean more) {
        if (!rows.isEmpty()) {
            rows.finish(this);
        }
        send(ServerMessages.end(session.runningQueryId(), rows.totalRows(), more));
        if (!more) {
            finished();
        }
    }

    void ok(OkPacket ok, boolean more) {
        send(ServerMessages.ok(session.runningQueryId(), ok.affectedRows(), ok.lastInsertId(), ok.warnings(), more));
        if (!more) {
            finished();
        }
    }

    void queryError(ErrPacket error) {
        if (rows != null && !rows.isEmpty()) {
            rows.finish(this);
        }
        send(ServerMessages.error(session.runningQueryId(), error.errorCode(), error.sqlState(), error.message()));
        finished();
    }

    /** The end of an engine read: what it produced leaves in one write. */
    void readComplete() {
        out.flush();
    }

    /** A finished {@code rows} message. */
    @Override
    public void message(byte[] utf8, int offset, int length) {
        out.message(utf8, offset, length);
        throttle();
    }

    private void send(String json) {
        out.message(json);
        throttle();
    }

    private void finished() {
        rows = null;
        session.queryFinished();
    }

    private void throttle() {
        if (!enginePaused && backend != null && out.isFull()) {
            enginePaused = true;
            backend.pause();
            out.whenWritable(() -> {
                enginePaused = false;
                backend.resume();
            });
        }
    }
}
