package io.wsproxy.engine.session;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.engine.node.SessionRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A session's prepared statements by id. Ids count up per session, as in MySQL; the node-wide
 * number is bounded by max_prepared_stmt_count (1461 past it), so a client cannot fill the heap
 * with statements it never closes.
 */
public final class PreparedStatements {
    private final Session session;
    private final Map<Long, ServerStatement> open = new HashMap<>();
    private long lastId;

    PreparedStatements(Session session) {
        this.session = session;
    }

    /** Prepares with {@code preparer} within the node's limit, and gives the statement its id. */
    public ServerStatement add(Supplier<Prepared> preparer) {
        SessionRegistry node = session.node().sessions();
        long max = session.node().variables().globalLong("max_prepared_stmt_count");
        if (!node.reservePreparedStatement(max)) {
            throw ErrorCode.MAX_PREPARED_STMT_COUNT_REACHED.error(max);
        }
        Prepared prepared;
        try {
            prepared = preparer.get();
        } catch (RuntimeException e) {
            node.releasePreparedStatements(1);
            throw e;
        }
        ServerStatement statement = new ServerStatement(++lastId, prepared);
        open.put(statement.id(), statement);
        return statement;
    }

    public Optional<ServerStatement> find(long id) {
        return Optional.ofNullable(open.get(id));
    }

    /** The statement, or 1243 naming the command as MySQL does ({@code mysqld_stmt_execute}). */
    public ServerStatement require(long id, String command) {
        return find(id).orElseThrow(() -> ErrorCode.UNKNOWN_STMT_HANDLER.error(id, command));
    }

    /** COM_STMT_CLOSE; an unknown id is ignored (the command has no reply). */
    public void close(long id) {
        ServerStatement statement = open.remove(id);
        if (statement != null) {
            statement.close();
            session.node().sessions().releasePreparedStatements(1);
        }
    }

    /** COM_RESET_CONNECTION and disconnect. */
    public void closeAll() {
        for (Long id : new ArrayList<>(open.keySet())) {
            close(id);
        }
    }

    public int size() {
        return open.size();
    }
}
