package io.wsproxy.engine.sql;

import io.wsproxy.engine.data.Column;
import io.wsproxy.engine.data.Execution;
import io.wsproxy.engine.data.PreparedQuery;
import io.wsproxy.engine.session.Prepared;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComStmtExecute.ParamType;
import java.util.ArrayList;
import java.util.List;

/** A prepared data statement: H2 compiled it once; each execution binds typed values. */
final class DataPrepared implements Prepared {
    private final String sql;
    private final PreparedQuery query;
    private final List<ColumnDefinition41> columns = new ArrayList<>();

    private DataPrepared(String sql, PreparedQuery query) {
        this.sql = sql;
        this.query = query;
        for (Column c : query.columns()) {
            columns.add(Results.of(c));
        }
    }

    static DataPrepared prepare(Session session, String sql) {
        DataStatements.checkPrivilege(session, sql);
        return new DataPrepared(sql, session.data().prepare(sql));
    }

    @Override
    public int paramCount() {
        return query.paramCount();
    }

    @Override
    public List<ColumnDefinition41> columns() {
        return columns;
    }

    @Override
    public Execution execute(Session session, List<ParamType> types, List<Object> values) {
        StatementExecutor.refreshAccount(session);
        session.warnings().clear();
        DataStatements.checkPrivilege(session, sql);
        return session.data().execute(query, types, values);
    }

    @Override
    public void close() {
        query.close();
    }
}
