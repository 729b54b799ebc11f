package io.wsproxy.engine.session;

import io.wsproxy.engine.data.Execution;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComStmtExecute.ParamType;
import java.io.IOException;
import java.util.List;

/**
 * A statement COM_STMT_PREPARE made, as the session runs it (the statement kinds live in the sql
 * package). An execution returns its rows instead of writing them, so the command can send them
 * in the binary protocol, at once or through a cursor.
 */
public interface Prepared extends AutoCloseable {
    int paramCount();

    /** The result columns known at prepare time; empty when there are none or H2 cannot tell yet. */
    List<ColumnDefinition41> columns();

    /** Runs with one value per parameter (null for NULL); the caller closes a returned stream. */
    Execution execute(Session session, List<ParamType> types, List<Object> values) throws IOException;

    @Override
    void close();
}
