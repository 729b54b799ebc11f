package io.wsproxy.api;

import io.wsproxy.backend.BackendConnection;
import io.wsproxy.backend.BackendListener;
import io.wsproxy.backend.CancelSequencer;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.ws.MalformedRowException;
import io.wsproxy.ws.ResultColumn;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * One Data API statement on a leased engine connection: selects the body's {@code database},
 * runs the SQL, and streams the replies as {@link ResultJson} into the {@link ResponseStream}.
 *
 * <p>Until {@link #CHUNK_BYTES} of JSON have gathered nothing is sent, so an engine error that
 * comes early (the usual case) is still a plain-text 400. Past that the body streams with
 * chunked encoding, and an error ends it with an {@code "error"} member. Backpressure: at most
 * {@link #MAX_IN_FLIGHT} chunks are on their way to the client; then the engine connection is
 * not read until one has left, so a response of any size holds a few chunks of memory.
 *
 * <p>A client that hangs up mid-statement does not free the connection's place in the pool: the
 * engine would run the statement on (MySQL notices a closed socket only when it next writes to
 * it), so a client could run any number at once. The statement is killed (KILL QUERY on a second
 * connection, {@link CancelSequencer}), its replies are read to their end, and only then, once the
 * kill is done too, does the connection go back to the pool.
 *
 * <p>Runs on the connection's event loop, from {@link #leased} on.
 */
final class SqlRun implements QueryListener, UserPool.Lessee {
    static final int CHUNK_BYTES = 64 * 1024;
    static final int MAX_IN_FLIGHT = 2;

    private final ResultJson.Shape shape;
    private final String sql;
    private final String database;
    private final ResponseStream out;
    private final Logger log;
    private final Function<BackendListener, BackendConnection> sideConnection;
    private ResultJson json;
    /** Written on the connection's event loop, read by {@link #clientGone} on the request's. */
    private volatile PooledConnection connection;
    /** The connection's current database, as far as this request knows (a USE in its SQL aside). */
    private String current;
    private boolean ran;
    private boolean committed;
    private boolean finished;
    /** The client is gone; the statement's replies are read to their end, then the connection goes back. */
    private boolean draining;
    private CancelSequencer cancel;
    private boolean paused;
    private int inFlight;

    /** @param sideConnection opens a second engine connection with the request's credentials (for KILL QUERY) */
    SqlRun(ResultJson.Shape shape, String sql, String database, ResponseStream out, Logger log,
            Function<BackendListener, BackendConnection> sideConnection) {
        this.sideConnection = sideConnection;
        this.shape = shape;
        this.sql = sql;
        this.database = database;
        this.out = out;
        this.log = log;
    }

    /** The client went away (on the request's event loop); the lease, if any, is ended on its own. */
    void clientGone() {
        PooledConnection c = connection;
        if (c != null) {
            c.context().runOnContext(v -> abort());
        }
    }

    /** The engine connection may be mid-statement: kill it, and keep the connection until it ended. */
    private void abort() {
        if (finished) {
            return;
        }
        finished = true;
        draining = true;
        connection.resume(); // no client reads what is left: nothing to wait for
        if (ran) {
            cancel = new CancelSequencer(sideConnection, this::giveBack,
                    why -> log.warn("Data API: cannot kill the statement of a client that hung up: {}", why));
            cancel.kill(connection.connectionId());
        }
    }

    /** After a hang-up: the statement (or the database choice before it) has ended. */
    private void drained() {
        draining = false;
        if (cancel == null || !cancel.holdNext()) {
            giveBack();
        }
    }

    private void giveBack() {
        connection.release(current, ran ? sql : null);
    }

    @Override
    public void leased(PooledConnection leased) {
        connection = leased;
        current = leased.database;
        if (finished || out.gone()) {
            finished = true;
            leased.release(leased.database, null);
            return;
        }
        if (database != null && !database.equals(leased.database)) {
            leased.command(CommandType.INIT_DB, database, new DatabaseSelected());
        } else {
            start();
        }
    }

    @Override
    public void failed(ApiError error) {
        finished = true;
        out.fail(error);
    }

    private void start() {
        ran = true;
        json = new ResultJson(shape, CHUNK_BYTES);
        connection.query(sql, this);
    }

    /** COM_INIT_DB's answer: run the SQL there, or the request fails (1049 Unknown database). */
    private final class DatabaseSelected implements QueryListener {
        @Override
        public void onOk(OkPacket ok, boolean more) {
            current = database;
            if (draining) {
                drained();
            } else if (!finished) {
                start();
            }
        }

        @Override
        public void onQueryError(ErrPacket error) {
            SqlRun.this.onQueryError(error);
        }

        @Override
        public void onClosed(Throwable cause) {
            SqlRun.this.onClosed(cause);
        }
    }

    // ---- the engine's replies ----

    @Override
    public void onColumns(List<ResultColumn> columns) {
        json.columns(columns);
    }

    @Override
    public void onRow(byte[] payload, int offset, int length) {
        if (finished) {
            return;
        }
        try {
            json.row(payload, offset, length);
        } catch (MalformedRowException e) {
            log.error("Data API: malformed row from the engine: {}", e.getMessage());
            end(new ApiError(500, ApiError.MALFORMED_PACKET, "malformed row from the engine"), false);
            return;
        }
        if (json.chunkReady()) {
            send();
        }
    }

    @Override
    public void onResultEnd(int statusFlags, boolean more) {
        json.resultEnd();
        if (!more) {
            complete();
        }
    }

    @Override
    public void onOk(OkPacket ok, boolean more) {
        json.ok(ok);
        if (!more) {
            complete();
        }
    }

    @Override
    public void onQueryError(ErrPacket error) {
        if (draining) {
            drained(); // the kill's 1317, or whatever else ended the statement
        } else {
            end(ApiError.sql(error), true);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (!finished) {
            log.warn("Data API: engine connection lost{}", cause == null ? "" : ": " + cause.getMessage());
            end(ApiError.lost("Lost connection to the engine"), false);
        }
    }

    // ---- the response ----

    private void complete() {
        if (draining) {
            drained();
            return;
        }
        if (finished) {
            return;
        }
        finished = true;
        json.finish();
        if (committed) {
            out.end(json.take());
        } else {
            out.json(200, json.take());
        }
        connection.release(current, ran ? sql : null);
    }

    /** An error ends the request: plain text if nothing was sent yet, else the body's {@code error} member. */
    private void end(ApiError error, boolean reusable) {
        if (finished) {
            return;
        }
        finished = true;
        if (committed) {
            json.finishWithError(error.code(), error.message());
            out.end(json.take());
        } else {
            out.fail(error);
        }
        if (reusable) {
            connection.release(current, ran ? sql : null);
        } else {
            connection.discard();
        }
    }

    private void send() {
        committed = true;
        inFlight++;
        out.chunk(json.take(), () -> connection.context().runOnContext(v -> written()));
        if (inFlight >= MAX_IN_FLIGHT && !paused) {
            paused = true;
            connection.pause();
        }
    }

    private void written() {
        inFlight--;
        if (paused && inFlight < MAX_IN_FLIGHT && !finished) {
            paused = false;
            connection.resume();
        }
    }
}
