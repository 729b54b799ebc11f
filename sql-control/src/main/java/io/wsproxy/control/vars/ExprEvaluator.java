package io.wsproxy.control.vars;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.parse.Expr;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the expressions the engine answers itself. Values are null, Long, BigDecimal,
 * Double or String; comparisons give 1/0 (or null), as in MySQL. String comparison and LIKE are
 * case-insensitive, like MySQL's default collations.
 */
public final class ExprEvaluator {
    private static final Set<String> SESSION_FUNCTIONS = Set.of("DATABASE", "SCHEMA", "USER", "CURRENT_USER",
            "SESSION_USER", "SYSTEM_USER", "VERSION", "CONNECTION_ID");
    private static final Set<String> PURE_FUNCTIONS = Set.of("CONCAT", "LOWER", "UPPER", "IFNULL", "COALESCE", "-");
    /** The number a string starts with, as MySQL reads it when a string meets a number. */
    private static final Pattern LEADING_NUMBER =
            Pattern.compile("^\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    private ExprEvaluator() {
    }

    /** Evaluates a value: a bare word is its own text (SET x = ON, SET NAMES utf8mb4). */
    public static Object eval(Expr e, EvalContext ctx) {
        return eval(e, ctx, false);
    }

    /** Evaluates a row predicate: a bare word is a column of the row (SHOW VARIABLES WHERE Value = ...). */
    public static Object evalPredicate(Expr e, EvalContext ctx) {
        return eval(e, ctx, true);
    }

    /** Whether the engine can evaluate the expression without a table (no bare column names). */
    public static boolean isEvaluable(Expr e) {
        if (e instanceof Expr.Literal || e instanceof Expr.SysVar || e instanceof Expr.UserVar) {
            return true;
        }
        if (e instanceof Expr.Call c) {
            return (SESSION_FUNCTIONS.contains(c.function()) || PURE_FUNCTIONS.contains(c.function()))
                    && c.args().stream().allMatch(ExprEvaluator::isEvaluable);
        }
        if (e instanceof Expr.Binary b) {
            return isEvaluable(b.left()) && isEvaluable(b.right());
        }
        if (e instanceof Expr.Not n) {
            return isEvaluable(n.e());
        }
        if (e instanceof Expr.IsNull n) {
            return isEvaluable(n.e());
        }
        if (e instanceof Expr.InList in) {
            return isEvaluable(in.e()) && in.items().stream().allMatch(ExprEvaluator::isEvaluable);
        }
        return false;
    }

    /** Whether the expression reads a variable or the session (so the engine, not H2, must answer it). */
    public static boolean readsSessionState(Expr e) {
        if (e instanceof Expr.SysVar || e instanceof Expr.UserVar) {
            return true;
        }
        if (e instanceof Expr.Call c) {
            return SESSION_FUNCTIONS.contains(c.function()) || c.args().stream().anyMatch(ExprEvaluator::readsSessionState);
        }
        if (e instanceof Expr.Binary b) {
            return readsSessionState(b.left()) || readsSessionState(b.right());
        }
        if (e instanceof Expr.Not n) {
            return readsSessionState(n.e());
        }
        if (e instanceof Expr.IsNull n) {
            return readsSessionState(n.e());
        }
        if (e instanceof Expr.InList in) {
            return readsSessionState(in.e()) || in.items().stream().anyMatch(ExprEvaluator::readsSessionState);
        }
        return false;
    }

    private static Object eval(Expr e, EvalContext ctx, boolean row) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.SysVar v) {
            return ctx.systemVariable(v.scope(), v.name());
        }
        if (e instanceof Expr.UserVar v) {
            return ctx.userVariable(v.name());
        }
        if (e instanceof Expr.Word w) {
            return row ? ctx.column(w.text()) : w.text();
        }
        if (e instanceof Expr.Call c) {
            return call(c, ctx, row);
        }
        if (e instanceof Expr.Not n) {
            Object v = eval(n.e(), ctx, row);
            return v == null ? null : bool(!isTrue(v));
        }
        if (e instanceof Expr.IsNull n) {
            return bool((eval(n.e(), ctx, row) == null) != n.negated());
        }
        if (e instanceof Expr.InList in) {
            return inList(in, ctx, row);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, ctx, row);
        }
        throw ErrorCode.PARSE_ERROR.error("DEFAULT", 1);
    }

    private static Object call(Expr.Call c, EvalContext ctx, boolean row) {
        List<Expr> args = c.args();
        switch (c.function()) {
            case "DATABASE", "SCHEMA" -> {
                return ctx.database();
            }
            case "USER", "SESSION_USER", "SYSTEM_USER" -> {
                return ctx.user();
            }
            case "CURRENT_USER" -> {
                return ctx.currentUser();
            }
            case "VERSION" -> {
                return ctx.version();
            }
            case "CONNECTION_ID" -> {
                return ctx.connectionId();
            }
            default -> {
                // the pure functions below
            }
        }
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = eval(args.get(i), ctx, row);
        }
        switch (c.function()) {
            case "CONCAT" -> {
                StringBuilder out = new StringBuilder();
                for (Object v : values) {
                    if (v == null) {
                        return null;
                    }
                    out.append(text(v));
                }
                return out.toString();
            }
            case "LOWER", "UPPER" -> {
                arity(c, values, 1);
                return values[0] == null ? null : c.function().equals("LOWER")
                        ? text(values[0]).toLowerCase(Locale.ROOT) : text(values[0]).toUpperCase(Locale.ROOT);
            }
            case "IFNULL" -> {
                arity(c, values, 2);
                return values[0] != null ? values[0] : values[1];
            }
            case "COALESCE" -> {
                for (Object v : values) {
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }
            case "-" -> {
                Object v = values[0];
                if (v instanceof Long l) {
                    return -l;
                }
                if (v instanceof BigDecimal d) {
                    return d.negate();
                }
                if (v instanceof Double d) {
                    return -d;
                }
                return v == null ? null : 0L;
            }
            default -> throw new SqlException(1305, "42000", "FUNCTION " + c.function().toLowerCase(Locale.ROOT)
                    + " does not exist");
        }
    }

    private static void arity(Expr.Call c, Object[] values, int n) {
        if (values.length != n) {
            throw new SqlException(1582, "42000",
                    "Incorrect parameter count in the call to native function '" + c.function() + "'");
        }
    }

    private static Object binary(Expr.Binary b, EvalContext ctx, boolean row) {
        Object l = eval(b.left(), ctx, row);
        if (b.op().equals("AND")) {
            if (l != null && !isTrue(l)) {
                return 0L;
            }
            Object r = eval(b.right(), ctx, row);
            return l == null || r == null ? (r != null && !isTrue(r) ? 0L : null) : bool(isTrue(r));
        }
        if (b.op().equals("OR")) {
            if (l != null && isTrue(l)) {
                return 1L;
            }
            Object r = eval(b.right(), ctx, row);
            if (r != null && isTrue(r)) {
                return 1L;
            }
            // Not a nested ?: with 1L: that unboxes the null and throws (NULL OR 0).
            return l == null || r == null ? null : 0L;
        }
        Object r = eval(b.right(), ctx, row);
        if (l == null || r == null) {
            return null;
        }
        return switch (b.op()) {
            case "LIKE" -> bool(like(text(l), text(r)));
            case "NOT LIKE" -> bool(!like(text(l), text(r)));
            case "=" -> bool(compare(l, r) == 0);
            case "<>" -> bool(compare(l, r) != 0);
            case "<" -> bool(compare(l, r) < 0);
            case ">" -> bool(compare(l, r) > 0);
            case "<=" -> bool(compare(l, r) <= 0);
            default -> bool(compare(l, r) >= 0);
        };
    }

    /** MySQL: a match is 1; else NULL if the value or any item is NULL; else 0 (negated for NOT IN). */
    private static Object inList(Expr.InList in, EvalContext ctx, boolean row) {
        Object v = eval(in.e(), ctx, row);
        if (v == null) {
            return null;
        }
        boolean sawNull = false;
        for (Expr item : in.items()) {
            Object candidate = eval(item, ctx, row);
            if (candidate == null) {
                sawNull = true;
            } else if (compare(v, candidate) == 0) {
                return bool(!in.negated());
            }
        }
        return sawNull ? null : bool(in.negated());
    }

    /**
     * MySQL's comparison rules: two strings compare as text (case-insensitive, as the default
     * collation does), anything else as numbers, a string by its leading number ('10abc' is 10,
     * 'abc' is 0).
     */
    private static int compare(Object l, Object r) {
        if (l instanceof String a && r instanceof String b) {
            return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
        }
        if (l instanceof Double || r instanceof Double) {
            return Double.compare(number(l).doubleValue(), number(r).doubleValue());
        }
        return number(l).compareTo(number(r));
    }

    /** A value as a number: booleans are 1 and 0, strings count by their leading number or are 0. */
    private static BigDecimal number(Object v) {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? BigDecimal.ZERO : BigDecimal.valueOf(d);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        Matcher m = LEADING_NUMBER.matcher(String.valueOf(v));
        if (!m.find()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(m.group(1));
        } catch (NumberFormatException | ArithmeticException e) {
            return BigDecimal.ZERO; // an exponent beyond BigDecimal's range
        }
    }

    private static String text(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }

    private static Long bool(boolean b) {
        return b ? 1L : 0L;
    }

    /** MySQL truthiness: non-zero numbers; strings by their leading number. */
    public static boolean isTrue(Object v) {
        return v != null && number(v).signum() != 0; // number() reads booleans as 1 and 0
    }

    /** MySQL LIKE: % any run, _ one character, backslash escapes; case-insensitive. */
    public static boolean like(String value, String pattern) {
        String v = value.toLowerCase(Locale.ROOT);
        String p = pattern.toLowerCase(Locale.ROOT);
        // Greedy match that retries only from the last %: O(v * p) time, no recursion. Backtracking
        // into every % made '%a%a...%b' exponential, a hang any client could start with SHOW VARIABLES.
        int vi = 0;
        int pi = 0;
        int retryPi = -1;
        int retryVi = -1;
        while (vi < v.length()) {
            if (pi < p.length() && p.charAt(pi) == '%') {
                retryPi = ++pi;
                retryVi = vi;
                continue;
            }
            if (pi < p.length()) {
                char c = p.charAt(pi);
                boolean escaped = c == '\\' && pi + 1 < p.length();
                if (escaped) {
                    c = p.charAt(pi + 1);
                }
                if ((c == '_' && !escaped) || v.charAt(vi) == c) {
                    vi++;
                    pi += escaped ? 2 : 1;
                    continue;
                }
            }
            if (retryPi < 0) {
                return false;
            }
            pi = retryPi;
            vi = ++retryVi;
        }
        while (pi < p.length() && p.charAt(pi) == '%') {
            pi++;
        }
        return pi == p.length();
    }
}
