package io.wsproxy.control.parse;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.privs.UserRef;
import io.wsproxy.control.vars.Scope;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cursor over one statement's tokens with the pieces every statement shares: keywords, names,
 * accounts and expressions. Every dead end is a 1064 that points at the offending token.
 */
final class Parser {
    /**
     * Nodes (operands, operators, parentheses) one expression may hold. This bounds the parser's
     * recursion and the depth of the trees ExprEvaluator walks, so deep input such as
     * {@code SELECT ((((...} or {@code @@x OR 1 OR 1 ...} is a 1064, never a StackOverflowError;
     * 256 levels of parentheses need less than 512 KB of stack, interpreted: half a thread's default.
     */
    static final int MAX_EXPRESSION_NODES = 256;

    private final String sql;
    private final List<Token> tokens;
    private int index;
    private int expressionNodes;
    private int expressionDepth;

    Parser(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
        // A trailing ';' (or several) ends the statement.
        int last = tokens.size() - 2;
        while (last >= 0 && tokens.get(last).isSymbol(";")) {
            tokens.remove(last--);
        }
    }

    String sql() {
        return sql;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return t;
    }

    Token previous() {
        return tokens.get(Math.max(0, index - 1));
    }

    int mark() {
        return index;
    }

    void reset(int mark) {
        index = mark;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.EOF;
    }

    boolean accept(String keyword) {
        if (peek().is(keyword)) {
            next();
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            next();
            return true;
        }
        return false;
    }

    void expect(String keyword) {
        if (!accept(keyword)) {
            throw error();
        }
    }

    void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw error();
        }
    }

    void expectEnd() {
        if (!atEnd()) {
            throw error();
        }
    }

    /** 1064 near the current token. */
    SqlException error() {
        Token t = peek();
        return syntaxError(sql, t.start(), t.line());
    }

    static SqlException syntaxError(String sql, int at, int line) {
        String near = at >= sql.length() ? "" : sql.substring(at, Math.min(sql.length(), at + 80));
        return ErrorCode.PARSE_ERROR.error(near, line);
    }

    /** An identifier (word or back-quoted), lower-cased when {@code lower}. */
    String name(boolean lower) {
        Token t = peek();
        if (!t.isName()) {
            throw error();
        }
        next();
        return lower ? t.text().toLowerCase(Locale.ROOT) : t.text();
    }

    /** A name that may also be written as a string ('db'). */
    String nameOrString() {
        if (peek().kind() == Token.Kind.STRING) {
            return next().text();
        }
        return name(false);
    }

    String string() {
        if (peek().kind() != Token.Kind.STRING) {
            throw error();
        }
        return next().text();
    }

    long integer() {
        Token t = peek();
        if (t.kind() != Token.Kind.NUMBER || !t.text().chars().allMatch(Character::isDigit) || t.text().length() > 18) {
            throw error();
        }
        next();
        return Long.parseLong(t.text());
    }

    /** {@code 'u'@'h'}, {@code u@h}, {@code `u`@`h`}, {@code 'u'} (host %), {@code CURRENT_USER[()]}: null. */
    UserRef account() {
        if (accept("CURRENT_USER")) {
            if (acceptSymbol("(")) {
                expectSymbol(")");
            }
            return null;
        }
        Token t = peek();
        if (t.kind() != Token.Kind.STRING && !t.isName()) {
            throw error();
        }
        next();
        String host = null;
        if (peek().kind() == Token.Kind.USERVAR) {
            host = next().text();
        }
        return new UserRef(t.text(), host);
    }

    List<UserRef> accounts() {
        List<UserRef> users = new ArrayList<>();
        do {
            UserRef u = account();
            if (u == null) {
                throw error();
            }
            users.add(u);
        } while (acceptSymbol(","));
        return users;
    }

    // ---- expressions: or > and > not > comparison > unary > primary

    Expr expression() {
        if (expressionDepth == 0) {
            expressionNodes = 0;
        }
        expressionDepth++;
        try {
            Expr left = and();
            while (accept("OR") || acceptSymbol("||")) {
                countNode();
                left = new Expr.Binary("OR", left, and());
            }
            return left;
        } finally {
            expressionDepth--;
        }
    }

    private Expr and() {
        Expr left = not();
        while (accept("AND") || acceptSymbol("&&")) {
            countNode();
            left = new Expr.Binary("AND", left, not());
        }
        return left;
    }

    private Expr not() {
        if (accept("NOT") || acceptSymbol("!")) {
            countNode();
            return new Expr.Not(not());
        }
        return comparison();
    }

    private static final List<String> COMPARISONS = List.of("=", "<>", "!=", "<", ">", "<=", ">=");

    private Expr comparison() {
        Expr left = unary();
        Token t = peek();
        if (t.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(t.text())) {
            next();
            countNode();
            return new Expr.Binary(t.text().equals("!=") ? "<>" : t.text(), left, unary());
        }
        if (accept("IS")) {
            countNode();
            boolean negated = accept("NOT");
            expect("NULL");
            return new Expr.IsNull(left, negated);
        }
        int mark = mark();
        boolean negated = accept("NOT");
        if (accept("LIKE")) {
            countNode();
            return new Expr.Binary(negated ? "NOT LIKE" : "LIKE", left, unary());
        }
        if (accept("IN")) {
            countNode();
            expectSymbol("(");
            List<Expr> items = new ArrayList<>();
            do {
                items.add(expression());
            } while (acceptSymbol(","));
            expectSymbol(")");
            return new Expr.InList(left, items, negated);
        }
        reset(mark);
        return left;
    }

    private Expr unary() {
        if (acceptSymbol("-")) {
            countNode();
            Token t = peek();
            if (t.kind() == Token.Kind.NUMBER) {
                next();
                return new Expr.Literal(negate(number(t)));
            }
            return new Expr.Call("-", List.of(unary()));
        }
        acceptSymbol("+");
        return primary();
    }

    private void countNode() {
        if (++expressionNodes > MAX_EXPRESSION_NODES) {
            throw error();
        }
    }

    private static Object negate(Object n) {
        if (n instanceof Long l) {
            return -l;
        }
        if (n instanceof BigDecimal d) {
            return d.negate();
        }
        return -(Double) n;
    }

    private Expr primary() {
        countNode();
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Expr.Literal(number(t));
            case STRING:
                return new Expr.Literal(t.text());
            case SYSVAR:
                return sysVar(t.text());
            case USERVAR:
                return new Expr.UserVar(t.text().toLowerCase(Locale.ROOT));
            case QUOTED_IDENT:
                return new Expr.Word(t.text());
            case SYMBOL:
                if (t.text().equals("(")) {
                    Expr inner = expression();
                    expectSymbol(")");
                    return inner;
                }
                break;
            case WORD:
                return word(t);
            default:
                break;
        }
        throw syntaxError(sql, t.start(), t.line());
    }

    private Expr word(Token t) {
        switch (t.upper()) {
            case "NULL":
                return new Expr.Literal(null);
            case "TRUE":
                return new Expr.Literal(1L);
            case "FALSE":
                return new Expr.Literal(0L);
            case "DEFAULT":
                return new Expr.Default();
            default:
                break;
        }
        if (acceptSymbol("(")) {
            List<Expr> args = new ArrayList<>();
            if (!acceptSymbol(")")) {
                do {
                    args.add(expression());
                } while (acceptSymbol(","));
                expectSymbol(")");
            }
            return new Expr.Call(t.upper(), args);
        }
        if (t.is("CURRENT_USER")) {
            return new Expr.Call("CURRENT_USER", List.of());
        }
        return new Expr.Word(t.text());
    }

    private Object number(Token t) {
        String s = t.text();
        try {
            if (s.contains("e") || s.contains("E")) {
                return Double.parseDouble(s);
            }
            if (s.contains(".")) {
                return new BigDecimal(s);
            }
            return s.length() <= 18 ? Long.parseLong(s) : new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw syntaxError(sql, t.start(), t.line());
        }
    }

    /** {@code global.x}, {@code session.x}, {@code local.x} or {@code x}. */
    static Expr.SysVar sysVar(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        if (dot > 0) {
            String prefix = lower.substring(0, dot);
            Scope scope = switch (prefix) {
                case "global" -> Scope.GLOBAL;
                case "session", "local" -> Scope.SESSION;
                default -> null;
            };
            if (scope != null) {
                return new Expr.SysVar(scope, lower.substring(dot + 1));
            }
        }
        return new Expr.SysVar(Scope.IMPLICIT, lower);
    }
}
