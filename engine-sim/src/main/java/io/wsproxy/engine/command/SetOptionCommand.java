package io.wsproxy.engine.command;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComSetOption;
import java.io.IOException;

/** COM_SET_OPTION: multi-statements on (0) or off (1); replies EOF (or OK under DEPRECATE_EOF). */
final class SetOptionCommand implements CommandHandler {
    private static final int MULTI_STATEMENTS_ON = 0;
    private static final int MULTI_STATEMENTS_OFF = 1;

    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        int option = ComSetOption.decode(body).option();
        if (option != MULTI_STATEMENTS_ON && option != MULTI_STATEMENTS_OFF) {
            throw ErrorCode.UNKNOWN_COM.error();
        }
        session.multiStatements(option == MULTI_STATEMENTS_ON);
        Results.end(session, false);
        return true;
    }
}
