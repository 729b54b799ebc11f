package io.wsproxy.api;

import io.vertx.core.Context;
import io.vertx.core.net.SocketAddress;
import io.wsproxy.backend.BackendConnection;
import io.wsproxy.backend.Credentials;
import io.wsproxy.backend.EngineTls;
import io.wsproxy.link.EngineLink;
import io.wsproxy.wire.ProxyHeaderV2;
import io.wsproxy.wire.message.ErrPacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Data API's engine connections of one user: at most {@code http_api_pool_capacity} at once
 * (opening, lent or idle), lent to one request at a time, closed after the idle timeout. A request
 * takes an idle connection of its {@link PoolKey} (preferring one on its own event loop, then one
 * already in its database); else opens one while under capacity; else closes an idle connection
 * of another key to make room; else waits, first come first served, until {@link #WAIT_MILLIS}.
 * A connection logged in for {@link DataApiSettings#maxLifetime()} is closed instead of lent again:
 * the engine checked its password once, at login, and a password changed since must take effect.
 *
 * <p>Only a key that has logged in may close another key's idle connection: a wrong password must
 * not cost the user its pool. At capacity, a key that has not yet logged in gets one login beyond
 * it (one at a time per pool); if the login succeeds, the pool goes back to its capacity by closing
 * an idle connection of another key, at once or as soon as one is released. A pool with no
 * connection and no waiting request is removed ({@code whenEmpty}), so user names that only fail
 * leave nothing behind.
 *
 * <p>Pool state lives under this object's lock, held only to decide; opening, lending and closing
 * happen after it is released, each on its connection's event loop.
 */
final class UserPool {
    /** How long a request waits for a connection before 503 with 9111. */
    static final long WAIT_MILLIS = 30_000;
    /** How many keys that logged in a pool remembers (a user's passwords and client hosts of late). */
    private static final int PROVEN_KEYS = 16;

    enum State { OPENING, LENT, IDLE }

    /** The request's side of a lease. */
    interface Lessee {
        /** The connection is the lessee's; called on the connection's event loop. */
        void leased(PooledConnection connection);

        /** No connection: the login failed, the wait timed out or the pool closed; any thread. */
        void failed(ApiError error);
    }

    /**
     * What a request needs: a connection of {@code key} in {@code database} (null: in none), opened,
     * if need be, with {@code credentials} on {@code context} (the request's event loop).
     */
    record Request(PoolKey key, Credentials credentials, String database, ProxyHeaderV2 header, EngineLink link,
            Context context, Lessee lessee) {
        Request {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(context, "context");
        }
    }

    private final String user;
    private final DataApiSettings settings;
    private final SocketAddress engine;
    private final EngineTls tls;
    private final List<PooledConnection> connections = new ArrayList<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Keys that have logged in (most recent last), a few: who may evict another key's idle connection. */
    private final Set<PoolKey> proven = new LinkedHashSet<>();
    /** The one login beyond capacity of a key not yet proven, or null. */
    private PooledConnection probe;
    private final Consumer<UserPool> whenEmpty;
    private boolean closed;
    private boolean removed;

    UserPool(String user, DataApiSettings settings, SocketAddress engine, EngineTls tls, Consumer<UserPool> whenEmpty) {
        this.user = user;
        this.whenEmpty = whenEmpty;
        this.settings = settings;
        this.engine = engine;
        this.tls = tls;
    }

    private static final class Waiter {
        final Request request;
        long timer;

        Waiter(Request request) {
            this.request = request;
        }
    }

    /** Engine connections of this pool now (opening, lent or idle). */
    synchronized int size() {
        return connections.size();
    }

    String user() {
        return user;
    }

    /** Serves {@code request} now or later; false, having done nothing, when the pool was removed (empty). */
    boolean acquire(Request request) {
        List<Runnable> todo = new ArrayList<>();
        synchronized (this) {
            if (removed) {
                return false;
            }
            if (closed) {
                todo.add(() -> request.lessee().failed(ApiError.busy("the proxy is restarting; try again")));
            } else if (!waiters.isEmpty() || !serve(request, todo)) {
                Waiter waiter = new Waiter(request);
                waiters.add(waiter);
                waiter.timer = request.context().owner().setTimer(WAIT_MILLIS, id -> timedOut(waiter));
            }
        }
        todo.forEach(Runnable::run);
        return true;
    }

    /** Under the lock: lends, opens or evicts for {@code request}, or false when it must wait. */
    private boolean serve(Request request, List<Runnable> todo) {
        PooledConnection best = null;
        int bestScore = -1;
        PooledConnection other = null;
        boolean keyHeld = false;
        long now = System.nanoTime();
        for (PooledConnection c : List.copyOf(connections)) {
            keyHeld |= c.key().equals(request.key());
            if (c.state != State.IDLE) {
                continue;
            }
            if (c.outlived(lifetimeNanos(), now)) {
                retire(c, todo);
                continue;
            }
            // A request without a database needs a connection in none: MySQL cannot leave a database.
            if (c.key().equals(request.key()) && (request.database() != null || c.database == null)) {
                int score = (c.context() == request.context() ? 2 : 0)
                        + (Objects.equals(c.database, request.database()) ? 1 : 0);
                if (score > bestScore) {
                    best = c;
                    bestScore = score;
                }
            } else if (other == null) {
                other = c;
            }
        }
        if (best != null) {
            PooledConnection lent = best;
            lent.state = State.LENT;
            lent.stamp++;
            todo.add(() -> lent.context().runOnContext(v -> request.lessee().leased(lent)));
            return true;
        }
        if (connections.size() >= settings.poolCapacity()) {
            if (!proven.contains(request.key())) {
                // A login of this key under way (or done: it holds connections) decides for it; wait.
                if (probe != null || keyHeld) {
                    return false;
                }
                probe = open(request, todo);
                return true;
            }
            if (other == null) {
                return false;
            }
            retire(other, todo);
        }
        open(request, todo);
        return true;
    }

    /** Under the lock: the pool is over its capacity (after a probe): close an idle connection of another key. */
    private void shrink(PoolKey keep, List<Runnable> todo) {
        for (PooledConnection c : List.copyOf(connections)) {
            if (connections.size() <= settings.poolCapacity()) {
                return;
            }
            if (c.state == State.IDLE && !c.key().equals(keep)) {
                retire(c, todo);
            }
        }
    }

    /** Under the lock: whether the pool just became empty, and is removed (then call {@link #whenEmpty}). */
    private boolean emptied() {
        if (removed || closed || !connections.isEmpty() || !waiters.isEmpty()) {
            return false;
        }
        removed = true;
        return true;
    }

    private void removeIf(boolean empty) {
        if (empty) {
            whenEmpty.accept(this);
        }
    }

    /** Under the lock: an idle connection leaves the pool and is closed on its event loop. */
    private void retire(PooledConnection connection, List<Runnable> todo) {
        connections.remove(connection);
        connection.stamp++;
        todo.add(() -> connection.context().runOnContext(v -> connection.close()));
    }

    private long lifetimeNanos() {
        return settings.maxLifetime().toNanos();
    }

    private PooledConnection open(Request request, List<Runnable> todo) {
        PooledConnection connection = new PooledConnection(this, request.key(), request.context());
        connection.owner = request;
        connections.add(connection);
        // The database is chosen with COM_INIT_DB after the login, so that an unknown database is
        // the request's error (400), not a failed login (401).
        Credentials login = new Credentials(request.credentials().user(), request.credentials().password(), null);
        todo.add(() -> request.context().runOnContext(v -> connection.attach(BackendConnection.open(request.link(),
                engine, tls, login, request.header(), connection))));
        return connection;
    }

    // ---- from the connections, each on its own event loop ----

    void opened(PooledConnection connection) {
        Request owner;
        List<Runnable> todo = new ArrayList<>();
        synchronized (this) {
            owner = connection.owner;
            connection.owner = null;
            connection.state = State.LENT;
            connection.stamp++;
            proven.remove(connection.key());
            proven.add(connection.key());
            if (proven.size() > PROVEN_KEYS) {
                proven.remove(proven.iterator().next());
            }
            if (probe == connection) {
                probe = null;
                shrink(connection.key(), todo);
            }
        }
        todo.forEach(Runnable::run);
        owner.lessee().leased(connection);
    }

    void openFailed(PooledConnection connection, ErrPacket error) {
        Request owner;
        List<Runnable> todo = new ArrayList<>();
        boolean empty;
        synchronized (this) {
            owner = connection.owner;
            connection.owner = null;
            connections.remove(connection);
            if (probe == connection) {
                probe = null;
            }
            dispatch(todo);
            empty = emptied();
        }
        if (owner != null) {
            owner.lessee().failed(ApiError.login(error));
        }
        todo.forEach(Runnable::run);
        removeIf(empty);
    }

    void closed(PooledConnection connection) {
        List<Runnable> todo = new ArrayList<>();
        boolean empty;
        synchronized (this) {
            if (connections.remove(connection)) {
                connection.stamp++;
                dispatch(todo);
            }
            empty = emptied();
        }
        todo.forEach(Runnable::run);
        removeIf(empty);
    }

    /** A lent connection is reset and in {@code database}: lend it on, or keep it until the idle timeout. */
    void idle(PooledConnection connection, String database) {
        List<Runnable> todo = new ArrayList<>();
        boolean drop;
        boolean idle = false;
        boolean empty = false;
        long stamp = 0;
        synchronized (this) {
            drop = closed || !connections.contains(connection) || connections.size() > settings.poolCapacity()
                    || connection.outlived(lifetimeNanos(), System.nanoTime());
            if (drop) {
                connections.remove(connection);
                connection.stamp++;
                dispatch(todo);
                empty = emptied();
            } else {
                connection.database = database;
                connection.state = State.IDLE;
                connection.stamp++;
                dispatch(todo);
                idle = connection.state == State.IDLE;
                stamp = connection.stamp;
            }
        }
        if (drop) {
            connection.close();
        } else if (idle) {
            long idleStamp = stamp;
            connection.context().owner().setTimer(settings.idleTimeout().toMillis(),
                    id -> expire(connection, idleStamp));
        }
        todo.forEach(Runnable::run);
        removeIf(empty);
    }

    private void expire(PooledConnection connection, long stamp) {
        List<Runnable> todo = new ArrayList<>();
        boolean empty;
        synchronized (this) {
            if (connection.state != State.IDLE || connection.stamp != stamp || !connections.remove(connection)) {
                return;
            }
            connection.stamp++;
            dispatch(todo); // its place may go to a request of another key that waits
            empty = emptied();
        }
        connection.close();
        todo.forEach(Runnable::run);
        removeIf(empty);
    }

    /** Under the lock: serves waiters in order for as long as the head one can be served. */
    private void dispatch(List<Runnable> todo) {
        while (!waiters.isEmpty()) {
            Waiter head = waiters.peek();
            if (!serve(head.request, todo)) {
                return;
            }
            waiters.poll();
            head.request.context().owner().cancelTimer(head.timer);
        }
    }

    private void timedOut(Waiter waiter) {
        boolean empty;
        synchronized (this) {
            if (!waiters.remove(waiter)) {
                return;
            }
            empty = emptied();
        }
        removeIf(empty);
        waiter.request.lessee().failed(ApiError.busy("no engine connection for user '" + user + "' came free within "
                + WAIT_MILLIS / 1000 + " s (http_api_pool_capacity = " + settings.poolCapacity() + ")"));
    }

    /** The generation is over: idle connections close now, lent ones when their request ends; waiters get 503. */
    void close() {
        List<PooledConnection> idle = new ArrayList<>();
        List<Waiter> waiting;
        synchronized (this) {
            closed = true;
            for (PooledConnection c : connections) {
                if (c.state == State.IDLE) {
                    idle.add(c);
                }
            }
            connections.removeAll(idle);
            waiting = new ArrayList<>(waiters);
            waiters.clear();
        }
        for (PooledConnection c : idle) {
            c.stamp++;
            c.context().runOnContext(v -> c.close());
        }
        for (Waiter w : waiting) {
            w.request.context().owner().cancelTimer(w.timer);
            w.request.lessee().failed(ApiError.busy("the proxy is restarting; try again"));
        }
    }
}
