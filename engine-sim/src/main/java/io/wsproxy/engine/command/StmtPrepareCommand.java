package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.ServerStatement;
import io.wsproxy.engine.session.Session;
import io.wsproxy.engine.sql.Prepare;
import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComStmtPrepare;
import io.wsproxy.wire.message.ComStmtPrepareOk;
import java.io.IOException;
import java.util.List;

/**
 * COM_STMT_PREPARE: COM_STMT_PREPARE_OK, a definition per parameter, then per result column, each
 * group ended by EOF unless CLIENT_DEPRECATE_EOF.
 */
final class StmtPrepareCommand implements CommandHandler {
    /** What MySQL describes a parameter as before it is bound: "?", a binary string. */
    private static final ColumnDefinition41 PARAMETER = new ColumnDefinition41("", "", "", "?", "",
            ColumnFlags.BINARY_CHARSET, 0, ColumnType.VAR_STRING, ColumnFlags.BINARY, 0);

    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        String sql = ComStmtPrepare.decode(body).sql();
        session.warnings().clear();
        ServerStatement statement = session.statements().add(() -> Prepare.of(session, sql));
        int params = statement.prepared().paramCount();
        List<ColumnDefinition41> columns = statement.prepared().columns();
        session.write(new ComStmtPrepareOk(statement.id(), columns.size(), params, 0).encode(session.capabilities()));
        if (params > 0) {
            for (int i = 0; i < params; i++) {
                session.write(PARAMETER.encode(session.capabilities()));
            }
            Results.endOfDefinitions(session);
        }
        if (!columns.isEmpty()) {
            for (ColumnDefinition41 column : columns) {
                session.write(column.encode(session.capabilities()));
            }
            Results.endOfDefinitions(session);
        }
        return true;
    }
}
