package io.wsproxy.engine.command;

import io.wsproxy.engine.data.Column;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComFieldList;
import java.io.IOException;

/** COM_FIELD_LIST (the mariadb CLI's auto-rehash): column definitions, then EOF. */
final class FieldListCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        ComFieldList request = ComFieldList.decode(body);
        for (Column column : session.data().fieldList(request.table(), request.wildcard())) {
            session.write(Results.of(column).encode(session.capabilities()));
        }
        Results.end(session, false);
        return true;
    }
}
