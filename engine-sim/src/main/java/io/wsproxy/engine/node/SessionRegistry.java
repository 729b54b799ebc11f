package io.wsproxy.engine.node;

import io.wsproxy.engine.session.Session;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The node's live sessions by connection id, for KILL and shutdown. Thread-safe. */
public final class SessionRegistry {
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong preparedStatements = new AtomicLong();

    public long nextId() {
        return ids.incrementAndGet();
    }

    public void add(Session session) {
        sessions.put(session.id(), session);
    }

    public void remove(Session session) {
        sessions.remove(session.id(), session);
    }

    public Optional<Session> find(long id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public int size() {
        return sessions.size();
    }

    /** Counts one more prepared statement on the node, unless {@code max} are open already. */
    public boolean reservePreparedStatement(long max) {
        long n;
        do {
            n = preparedStatements.get();
            if (n >= max) {
                return false;
            }
        } while (!preparedStatements.compareAndSet(n, n + 1));
        return true;
    }

    public void releasePreparedStatements(int n) {
        preparedStatements.addAndGet(-n);
    }

    /** Open prepared statements across the node (MySQL's Prepared_stmt_count). */
    public long preparedStatements() {
        return preparedStatements.get();
    }

    public Collection<Session> snapshot() {
        return List.copyOf(sessions.values());
    }
}
