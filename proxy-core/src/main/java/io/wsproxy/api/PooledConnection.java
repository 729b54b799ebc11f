package io.wsproxy.api;

import io.vertx.core.Context;
import io.wsproxy.backend.BackendConnection;
import io.wsproxy.backend.BackendListener;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.ws.ResultColumn;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One engine connection of a {@link UserPool}, lent to one request at a time. Its engine events
 * go to the lessee's listener; between leases it is reset (COM_RESET_CONNECTION: no transaction,
 * user variable or temporary table outlives a request) and asked its current database, which
 * the pool matches the next request's {@code database} against.
 *
 * <p>Confined to the event loop that opened it ({@link #context()}), like its
 * {@link BackendConnection}: every method but {@link #context()} runs there. Its pool state is
 * the pool's, under the pool's lock.
 */
final class PooledConnection implements BackendListener {
    private static final int NULL_VALUE = 0xFB;

    private final UserPool pool;
    private final PoolKey key;
    private final Context context;
    private BackendConnection backend;
    private QueryListener lessee = QueryListener.NOBODY;
    private boolean closed;
    /** The database the connection is in, known between leases; null for none. Pool state. */
    String database;
    /** Pool state: see {@link UserPool}. */
    UserPool.State state = UserPool.State.OPENING;
    /** Pool state: grows at each change of state, so a late idle timer sees it is stale. */
    long stamp;
    /** Pool state: the request this connection is being opened for. */
    UserPool.Request owner;
    /** When the engine let it in ({@link System#nanoTime()}): its lifetime counts from there, whatever its reuse. */
    private long loggedInAt;

    PooledConnection(UserPool pool, PoolKey key, Context context) {
        this.pool = pool;
        this.key = key;
        this.context = context;
    }

    void attach(BackendConnection connection) {
        this.backend = connection;
    }

    PoolKey key() {
        return key;
    }

    Context context() {
        return context;
    }

    long connectionId() {
        return backend.connectionId();
    }

    /** Runs {@code sql}; its results go to {@code listener} until it ends. */
    void query(String sql, QueryListener listener) {
        lessee = listener;
        backend.query(sql);
    }

    /** Runs a command answered by OK or ERR (COM_INIT_DB); the answer goes to {@code listener}. */
    void command(CommandType command, String argument, QueryListener listener) {
        lessee = listener;
        backend.command(command, argument);
    }

    void pause() {
        backend.pause();
    }

    void resume() {
        backend.resume();
    }

    /**
     * The lessee is done and the connection idle: reset it and give it back to the pool.
     *
     * @param ranIn the database the lessee's statements started in (null: none)
     * @param sql   what they were: only a {@code USE} can leave another database current, so
     *              without the word the pool need not ask which one is (null: nothing ran)
     */
    void release(String ranIn, String sql) {
        // The lessee may have paused reading mid-result (its client was slow) and then seen the
        // result end in the same read: the reset's answer must be read whatever state it left.
        if (closed) {
            return; // the engine connection went away meanwhile: the pool has heard already
        }
        backend.resume();
        boolean ask = sql != null && sql.toLowerCase(Locale.ROOT).contains("use");
        lessee = new Reset(ask, ranIn);
        backend.command(CommandType.RESET_CONNECTION, null);
    }

    /** The lessee is done, but the connection may be mid-result or broken: close it. */
    void discard() {
        lessee = QueryListener.NOBODY;
        close();
    }

    void close() {
        if (!closed) {
            closed = true;
            backend.close();
        }
    }

    // ---- the engine's events ----

    /** Whether it has been logged in for {@code lifetimeNanos} or longer: then it is not lent again. */
    boolean outlived(long lifetimeNanos, long now) {
        return now - loggedInAt >= lifetimeNanos;
    }

    @Override
    public void onAuthenticated(BackendConnection connection) {
        loggedInAt = System.nanoTime();
        pool.opened(this);
    }

    @Override
    public void onAuthFailed(ErrPacket error) {
        pool.openFailed(this, error);
    }

    @Override
    public void onColumns(List<ResultColumn> columns) {
        lessee.onColumns(columns);
    }

    @Override
    public void onRow(byte[] payload, int offset, int length) {
        lessee.onRow(payload, offset, length);
    }

    @Override
    public void onResultEnd(int statusFlags, boolean more) {
        lessee.onResultEnd(statusFlags, more);
    }

    @Override
    public void onOk(OkPacket ok, boolean more) {
        lessee.onOk(ok, more);
    }

    @Override
    public void onQueryError(ErrPacket error) {
        lessee.onQueryError(error);
    }

    @Override
    public void onReadComplete() {
        lessee.onReadComplete();
    }

    @Override
    public void onClosed(Throwable cause) {
        closed = true;
        QueryListener last = lessee;
        lessee = QueryListener.NOBODY;
        pool.closed(this);
        last.onClosed(cause);
    }

    /**
     * COM_RESET_CONNECTION (which keeps the current database), then, if the statements may have
     * changed it, SELECT DATABASE(): what the next lease starts from.
     */
    private final class Reset implements QueryListener {
        private boolean ask;
        private String current;

        Reset(boolean ask, String current) {
            this.ask = ask;
            this.current = current;
        }

        @Override
        public void onOk(OkPacket ok, boolean more) {
            if (more) {
                return;
            }
            if (ask) {
                ask = false;
                backend.query("SELECT DATABASE()");
            } else {
                lessee = QueryListener.NOBODY;
                pool.idle(PooledConnection.this, current);
            }
        }

        @Override
        public void onRow(byte[] payload, int offset, int length) {
            current = length == 0 || (payload[offset] & 0xff) == NULL_VALUE ? null
                    : new WireReader(Arrays.copyOfRange(payload, offset, offset + length)).lenencString();
        }

        @Override
        public void onResultEnd(int statusFlags, boolean more) {
            if (!more) {
                lessee = QueryListener.NOBODY;
                pool.idle(PooledConnection.this, current);
            }
        }

        @Override
        public void onQueryError(ErrPacket error) {
            // An engine without COM_RESET_CONNECTION cannot promise a clean session: not reused.
            discard();
        }

        @Override
        public void onClosed(Throwable cause) {
        }
    }
}
