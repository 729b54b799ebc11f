package io.wsproxy.control.parse;

import io.wsproxy.control.parse.Statement.SelectItem;
import io.wsproxy.control.parse.Statement.SelectVariables;
import io.wsproxy.control.vars.ExprEvaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognizes the SELECTs the engine answers itself: no FROM or other clause, only an optional
 * LIMIT, and items built from variables and the functions {@link ExprEvaluator} knows. Drivers
 * send these at connect (Connector/J's {@code SELECT @@session.auto_increment_increment AS ...},
 * the mariadb CLI's {@code select @@version_comment limit 1}). Anything else is passthrough.
 */
final class SelectParser {
    private SelectParser() {
    }

    static Statement parse(Parser p) {
        int start = p.mark();
        try {
            Statement s = selectVariables(p);
            if (s != null) {
                return s;
            }
        } catch (io.wsproxy.control.SqlException e) {
            // Not a form we evaluate: H2 will parse it (and report its own errors).
        }
        p.reset(start);
        return StatementParser.passthrough(p);
    }

    private static Statement selectVariables(Parser p) {
        p.expect("SELECT");
        List<SelectItem> items = new ArrayList<>();
        boolean anyVariable = false;
        do {
            Token first = p.peek();
            Expr expr = p.expression();
            String source = p.sql().substring(first.start(), p.previous().end());
            String name = source;
            if (p.accept("AS")) {
                name = alias(p);
            } else if (p.peek().kind() == Token.Kind.QUOTED_IDENT || p.peek().kind() == Token.Kind.STRING
                    || (p.peek().kind() == Token.Kind.WORD && !p.peek().is("LIMIT") && !p.peek().is("FROM"))) {
                name = alias(p);
            }
            if (!ExprEvaluator.isEvaluable(expr)) {
                return null;
            }
            anyVariable |= ExprEvaluator.readsSessionState(expr);
            items.add(new SelectItem(expr, name));
        } while (p.acceptSymbol(","));
        Long limit = null;
        if (p.accept("LIMIT")) {
            limit = p.integer();
        }
        if (!p.atEnd() || !anyVariable) {
            return null;
        }
        return new SelectVariables(items, limit);
    }

    private static String alias(Parser p) {
        Token t = p.next();
        if (t.kind() != Token.Kind.STRING && !t.isName()) {
            throw p.error();
        }
        return t.text();
    }
}
