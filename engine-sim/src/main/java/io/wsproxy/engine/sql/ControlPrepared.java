package io.wsproxy.engine.sql;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.engine.data.Execution;
import io.wsproxy.engine.session.Prepared;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.MySqlDateTime;
import io.wsproxy.wire.MySqlTime;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComStmtExecute.ParamType;
import io.wsproxy.ws.ArgsBinder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A prepared control statement ({@code SET @a = ?}, {@code SELECT @@version}, {@code SHOW
 * VARIABLES}): the engine answers these itself from text, so each execution binds the values
 * as escaped literals ({@link ArgsBinder}, as the /ws protocol's args) and runs the text through
 * the same {@link StatementExecutor} as COM_QUERY, its reply captured for the binary protocol.
 * Its columns are only known once it runs, so the prepare reply announces none.
 */
final class ControlPrepared implements Prepared {
    private final StatementExecutor executor = new StatementExecutor();
    private final String sql;
    private final int paramCount;

    ControlPrepared(String sql, int paramCount) {
        this.sql = sql;
        this.paramCount = paramCount;
    }

    @Override
    public int paramCount() {
        return paramCount;
    }

    @Override
    public List<ColumnDefinition41> columns() {
        return List.of();
    }

    @Override
    public Execution execute(Session session, List<ParamType> types, List<Object> values) throws IOException {
        List<Object> literals = new ArrayList<>(values.size());
        for (Object value : values) {
            literals.add(literal(value));
        }
        String bound;
        try {
            bound = ArgsBinder.bind(sql, literals);
        } catch (IllegalArgumentException e) {
            // NaN and infinities have no SQL literal
            throw ErrorCode.WRONG_ARGUMENTS.error("mysqld_stmt_execute");
        }
        return session.captured(() -> executor.execute(session, bound, false));
    }

    /** A value as ArgsBinder writes literals: text for strings, dates and times; numbers as numbers. */
    private static Object literal(Object value) {
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (value instanceof MySqlDateTime || value instanceof MySqlTime) {
            return value.toString();
        }
        return value;
    }

    @Override
    public void close() {
        // nothing held between executions
    }
}
