package io.wsproxy.engine.sql;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.parse.SqlSplitter;
import io.wsproxy.control.parse.Statement;
import io.wsproxy.control.parse.StatementParser;
import io.wsproxy.engine.session.Prepared;
import io.wsproxy.engine.session.Session;
import io.wsproxy.ws.ArgsBinder;
import java.util.Collections;
import java.util.List;

/**
 * COM_STMT_PREPARE: one statement (MySQL refuses several with a syntax error), classified as the
 * text protocol would run it. Data statements are compiled by H2 with real parameters
 * ({@link DataPrepared}); control statements, which the engine answers itself, get their
 * parameters as literals at each execution ({@link ControlPrepared}).
 */
public final class Prepare {
    private Prepare() {
    }

    public static Prepared of(Session session, String sql) {
        List<String> statements = SqlSplitter.split(sql);
        if (statements.isEmpty()) {
            throw ErrorCode.EMPTY_QUERY.error();
        }
        if (statements.size() > 1) {
            String second = statements.get(1);
            throw ErrorCode.PARSE_ERROR.error(second.length() > 80 ? second.substring(0, 80) : second, 1);
        }
        String one = statements.get(0);
        int params = ArgsBinder.placeholders(one).length;
        // Classified with '' in each placeholder: the control statements' parser knows no '?', and a
        // string literal fits wherever they take a value, LIKE patterns included.
        Statement parsed = StatementParser.parse(params == 0 ? one
                : ArgsBinder.bind(one, Collections.nCopies(params, "")));
        if (parsed instanceof Statement.Passthrough) {
            return DataPrepared.prepare(session, one);
        }
        return new ControlPrepared(one, params);
    }
}
