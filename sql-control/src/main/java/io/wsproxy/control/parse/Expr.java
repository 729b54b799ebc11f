package io.wsproxy.control.parse;

import io.wsproxy.control.vars.Scope;
import java.util.List;

/** The expressions SET, SELECT @@... and SHOW VARIABLES WHERE use; evaluated by ExprEvaluator. */
public sealed interface Expr {
    /** A constant: null (NULL), Long, BigDecimal (1.5), Double (1e3) or String. */
    record Literal(Object value) implements Expr {
    }

    /** {@code @@x}, {@code @@global.x}, {@code @@session.x}; the name lower-case. */
    record SysVar(Scope scope, String name) implements Expr {
    }

    /** {@code @x}; the name lower-case (MySQL user variables are case-insensitive). */
    record UserVar(String name) implements Expr {
    }

    /** A bare word: a value such as ON or utf8mb4 in SET, a column name in WHERE. */
    record Word(String text) implements Expr {
    }

    /** {@code DEFAULT} as a SET value. */
    record Default() implements Expr {
    }

    /** A function call; the name upper-case. */
    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** A binary operator, upper-case: = <> < > <= >= LIKE, NOT LIKE, AND, OR. */
    record Binary(String op, Expr left, Expr right) implements Expr {
    }

    record Not(Expr e) implements Expr {
    }

    record IsNull(Expr e, boolean negated) implements Expr {
    }

    record InList(Expr e, List<Expr> items, boolean negated) implements Expr {
        public InList {
            items = List.copyOf(items);
        }
    }
}
