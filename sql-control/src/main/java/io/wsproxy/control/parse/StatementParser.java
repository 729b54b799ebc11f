package io.wsproxy.control.parse;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.parse.Statement.*;
import io.wsproxy.control.vars.Scope;

/**
 * Parses one statement. The first keyword decides: control statements (DESIGN.md section 5) are
 * parsed in full and a malformed one is a 1064; other statements are {@link Passthrough}. Only
 * {@link SqlException} (1064, 1065) ever leaves this class.
 */
public final class StatementParser {
    private StatementParser() {
    }

    public static Statement parse(String sql) {
        if (sql == null) {
            throw ErrorCode.EMPTY_QUERY.error();
        }
        try {
            return parse(new Parser(sql));
        } catch (SqlException e) {
            throw e;
        } catch (RuntimeException e) {
            // A parser bug must not reach the client as anything but a syntax error.
            throw Parser.syntaxError(sql, 0, 1);
        }
    }

    private static Statement parse(Parser p) {
        if (p.atEnd()) {
            throw ErrorCode.EMPTY_QUERY.error();
        }
        Token first = p.peek();
        if (first.kind() != Token.Kind.WORD) {
            return passthrough(p);
        }
        Statement statement = switch (first.upper()) {
            case "SET" -> SetParser.parse(p);
            case "SELECT" -> SelectParser.parse(p);
            case "SHOW" -> show(p);
            case "RESTART" -> restart(p);
            case "CREATE", "ALTER", "DROP", "GRANT", "REVOKE" -> AccountParser.parse(p);
            case "KILL" -> kill(p);
            case "USE" -> use(p);
            case "BEGIN", "START", "COMMIT", "ROLLBACK" -> transaction(p);
            case "ADD", "REMOVE", "AGGREGATOR", "CLUSTER" -> ClusterParser.parse(p);
            default -> null;
        };
        return statement != null ? statement : passthrough(p);
    }

    /** The statement text without trailing semicolons and surrounding space. */
    static Passthrough passthrough(Parser p) {
        String sql = p.sql().strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).stripTrailing();
        }
        return new Passthrough(sql);
    }

    private static Statement restart(Parser p) {
        p.expect("RESTART");
        p.expect("PROXY");
        p.expectEnd();
        return new RestartProxy();
    }

    private static Statement kill(Parser p) {
        p.expect("KILL");
        boolean query = p.accept("QUERY");
        if (!query) {
            p.accept("CONNECTION");
        }
        long id = p.integer();
        p.expectEnd();
        return new Kill(query, id);
    }

    private static Statement use(Parser p) {
        p.expect("USE");
        String db = p.name(false);
        p.expectEnd();
        return new Use(db);
    }

    private static Statement transaction(Parser p) {
        Token first = p.next();
        TransactionControl.Kind kind;
        switch (first.upper()) {
            case "BEGIN" -> {
                p.accept("WORK");
                kind = TransactionControl.Kind.BEGIN;
            }
            case "START" -> {
                p.expect("TRANSACTION");
                do {
                    if (p.accept("READ")) {
                        if (!p.accept("ONLY")) {
                            p.expect("WRITE");
                        }
                    } else if (p.accept("WITH")) {
                        p.expect("CONSISTENT");
                        p.expect("SNAPSHOT");
                    }
                } while (p.acceptSymbol(","));
                kind = TransactionControl.Kind.BEGIN;
            }
            case "COMMIT" -> {
                p.accept("WORK");
                kind = TransactionControl.Kind.COMMIT;
            }
            default -> {
                if (p.peek().is("TO") || (p.peek().is("WORK") && p.peek(1).is("TO"))) {
                    return passthrough(p); // ROLLBACK TO SAVEPOINT: the data plane's
                }
                p.accept("WORK");
                kind = TransactionControl.Kind.ROLLBACK;
            }
        }
        p.expectEnd();
        return new TransactionControl(kind);
    }

    private static Statement show(Parser p) {
        p.expect("SHOW");
        Scope scope = Scope.IMPLICIT;
        if (p.accept("GLOBAL")) {
            scope = Scope.GLOBAL;
        } else if (p.accept("SESSION") || p.accept("LOCAL")) {
            scope = Scope.SESSION;
        }
        if (p.accept("VARIABLES")) {
            String like = null;
            Expr where = null;
            if (p.accept("LIKE")) {
                like = p.string();
            } else if (p.accept("WHERE")) {
                where = p.expression();
            }
            p.expectEnd();
            return new ShowVariables(scope, like, where);
        }
        if (scope != Scope.IMPLICIT) {
            return passthrough(p); // SHOW GLOBAL STATUS and friends
        }
        if (p.peek().is("WARNINGS") || p.peek().is("ERRORS")) {
            boolean errors = p.next().is("ERRORS");
            Long limit = null;
            if (p.accept("LIMIT")) {
                long first = p.integer();
                limit = p.acceptSymbol(",") ? p.integer() : first;
            }
            p.expectEnd();
            return new ShowWarnings(errors, false, limit);
        }
        if (p.peek().is("COUNT") && p.peek(1).isSymbol("(")) {
            p.next();
            p.expectSymbol("(");
            p.expectSymbol("*");
            p.expectSymbol(")");
            boolean errors = p.accept("ERRORS");
            if (!errors) {
                p.expect("WARNINGS");
            }
            p.expectEnd();
            return new ShowWarnings(errors, true, null);
        }
        if (p.accept("PROXY")) {
            p.expect("STATUS");
            p.expectEnd();
            return new ShowProxyStatus();
        }
        if (p.accept("AGGREGATORS")) {
            boolean extended = p.accept("EXTENDED");
            p.expectEnd();
            return new ShowAggregators(extended);
        }
        if (p.accept("LEAVES")) {
            p.expectEnd();
            return new ShowLeaves();
        }
        if (p.accept("GRANTS")) {
            var user = p.accept("FOR") ? p.account() : null;
            p.expectEnd();
            return new ShowGrants(user);
        }
        if (p.accept("DATABASES") || p.accept("SCHEMAS")) {
            String like = p.accept("LIKE") ? p.string() : null;
            p.expectEnd();
            return new ShowDatabases(like);
        }
        return passthrough(p);
    }
}
