package io.wsproxy.control.parse;

import io.wsproxy.control.parse.Statement.*;
import io.wsproxy.control.privs.UserRef;
import io.wsproxy.control.vars.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every form of SET (MySQL "SET Syntax for Variable Assignment", SET NAMES, SET TRANSACTION, SET PASSWORD). */
final class SetParser {
    private SetParser() {
    }

    static Statement parse(Parser p) {
        p.expect("SET");
        if (p.peek().is("NAMES")) {
            p.next();
            String charset = p.accept("DEFAULT") ? "utf8mb4" : p.nameOrString();
            String collation = p.accept("COLLATE") ? p.nameOrString() : null;
            p.expectEnd();
            return new SetNames(charset, collation);
        }
        if (p.peek().is("CHARSET") || (p.peek().is("CHARACTER") && p.peek(1).is("SET"))) {
            if (p.next().is("CHARACTER")) {
                p.expect("SET");
            }
            String charset = p.accept("DEFAULT") ? "utf8mb4" : p.nameOrString();
            p.expectEnd();
            return new SetCharacterSet(charset);
        }
        if (p.peek().is("PASSWORD")) {
            return password(p);
        }
        int mark = p.mark();
        Scope scope = scopeKeyword(p);
        if (p.accept("TRANSACTION")) {
            return transaction(p, scope);
        }
        p.reset(mark);
        return assignments(p);
    }

    /** GLOBAL, SESSION and LOCAL are always scope words here, as in MySQL: {@code SET GLOBAL = 3} is 1064. */
    private static Scope scopeKeyword(Parser p) {
        if (p.accept("GLOBAL")) {
            return Scope.GLOBAL;
        }
        if (p.accept("SESSION") || p.accept("LOCAL")) {
            return Scope.SESSION;
        }
        return null;
    }

    /**
     * {@code SET a = 1, GLOBAL b = 2, @@session.c := 3, @u = 4}. As in MySQL, a GLOBAL or
     * SESSION keyword holds for the following assignments that name no scope of their own.
     */
    private static Statement assignments(Parser p) {
        List<Assignment> assignments = new ArrayList<>();
        Scope sticky = Scope.IMPLICIT;
        do {
            if (p.peek().is("NAMES")) {
                // MariaDB Connector/J sends "set autocommit=1, ..., names utf8mb4" as one list.
                p.next();
                String charset = p.accept("DEFAULT") ? "utf8mb4" : p.nameOrString();
                assignments.add(session("character_set_client", charset));
                assignments.add(session("character_set_connection", charset));
                assignments.add(session("character_set_results", charset));
                if (p.accept("COLLATE")) {
                    assignments.add(session("collation_connection", p.nameOrString()));
                }
                continue;
            }
            Scope keyword = scopeKeyword(p);
            if (keyword != null) {
                sticky = keyword;
            }
            Token target = p.peek();
            Scope scope;
            String name;
            if (target.kind() == Token.Kind.USERVAR && keyword == null) {
                p.next();
                scope = Scope.USER;
                name = target.text().toLowerCase(Locale.ROOT);
            } else if (target.kind() == Token.Kind.SYSVAR && keyword == null) {
                p.next();
                Expr.SysVar v = Parser.sysVar(target.text());
                scope = v.scope();
                name = v.name();
            } else {
                scope = sticky;
                name = p.name(true);
                if (p.acceptSymbol(".")) {
                    // SET GLOBAL x.y is not a thing we have; keep MySQL's "unknown variable" shape.
                    name = name + "." + p.name(true);
                }
            }
            if (!p.acceptSymbol("=") && !p.acceptSymbol(":=")) {
                throw p.error();
            }
            assignments.add(new Assignment(scope, name, p.expression()));
        } while (p.acceptSymbol(","));
        p.expectEnd();
        return new SetVariables(assignments);
    }

    private static Assignment session(String variable, String value) {
        return new Assignment(Scope.SESSION, variable, new Expr.Literal(value));
    }

    private static Statement transaction(Parser p, Scope scope) {
        String isolation = null;
        Boolean readOnly = null;
        do {
            if (p.accept("ISOLATION")) {
                p.expect("LEVEL");
                if (p.accept("READ")) {
                    if (p.accept("UNCOMMITTED")) {
                        isolation = "READ-UNCOMMITTED";
                    } else {
                        p.expect("COMMITTED");
                        isolation = "READ-COMMITTED";
                    }
                } else if (p.accept("REPEATABLE")) {
                    p.expect("READ");
                    isolation = "REPEATABLE-READ";
                } else {
                    p.expect("SERIALIZABLE");
                    isolation = "SERIALIZABLE";
                }
            } else {
                p.expect("READ");
                if (p.accept("ONLY")) {
                    readOnly = true;
                } else {
                    p.expect("WRITE");
                    readOnly = false;
                }
            }
        } while (p.acceptSymbol(","));
        p.expectEnd();
        return new SetTransaction(scope == null ? Scope.IMPLICIT : scope, isolation, readOnly);
    }

    private static Statement password(Parser p) {
        p.expect("PASSWORD");
        UserRef user = null;
        if (p.accept("FOR")) {
            user = p.account();
        }
        p.expectSymbol("=");
        String password;
        if (p.accept("PASSWORD")) {
            p.expectSymbol("(");
            password = p.string();
            p.expectSymbol(")");
        } else {
            password = p.string();
        }
        p.expectEnd();
        return new SetPassword(user, password);
    }
}
