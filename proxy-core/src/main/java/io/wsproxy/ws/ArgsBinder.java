package io.wsproxy.ws;

import io.wsproxy.control.SqlException;
import io.wsproxy.control.parse.SqlText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Replaces the {@code ?} placeholders of a {@code query} message's SQL by its {@code args} as
 * SQL literals, client-side as MySQL Connector/J does without server prepared statements.
 *
 * <p>A {@code ?} counts only in plain SQL text: not inside '...' or "..." literals (backslash
 * escapes and doubled quotes), back-quoted identifiers, or comments ({@code /* *&#47;},
 * {@code -- }, {@code #}; also {@code /*! *&#47;}, whose content MySQL does run, so a {@code ?}
 * there reaches the engine unbound).
 *
 * <p>Injection safety does not depend on the session's sql_mode: quotes inside a value are
 * doubled ({@code ''}), which both the default mode and NO_BACKSLASH_ESCAPES read as one quote,
 * so no value can end its literal. The backslash escapes (for backslash, NUL, CR, LF, Ctrl-Z and
 * double quote) are what mysql_real_escape_string writes; under NO_BACKSLASH_ESCAPES they would
 * keep their backslashes (a wrong value, never an escape). The SQL goes to the engine as UTF-8
 * (utf8mb4 connection), so multi-byte charsets cannot swallow a quote.
 */
public final class ArgsBinder {

    /** MySQL ER_WRONG_ARGUMENTS, what EXECUTE ... USING answers to a count mismatch (not in ErrorCode, which sql-control owns). */
    public static final int WRONG_ARGUMENTS = 1210;
    public static final String WRONG_ARGUMENTS_STATE = "HY000";

    private static final int MAX_PLAIN_SCALE = 1000;

    private ArgsBinder() {
    }

    /**
     * The SQL with each placeholder replaced, in order, by the literal for the matching arg;
     * {@code sql} unchanged when {@code args} is null (the client sent none).
     *
     * @throws SqlException 1210 (HY000) when the number of placeholders and args differ
     * @throws IllegalArgumentException for an arg type {@link ClientMessages} never produces
     */
    public static String bind(String sql, List<Object> args) {
        if (args == null) {
            return sql;
        }
        int[] at = placeholders(sql);
        if (at.length != args.size()) {
            int used = at.length;
            throw new SqlException(WRONG_ARGUMENTS, WRONG_ARGUMENTS_STATE, "Incorrect arguments to EXECUTE ("
                    + used + " placeholder" + (used == 1 ? "" : "s") + ", " + args.size() + " arg"
                    + (args.size() == 1 ? "" : "s") + ")");
        }
        StringBuilder out = new StringBuilder(sql.length() + 16 * args.size());
        int copied = 0;
        for (int k = 0; k < at.length; k++) {
            out.append(sql, copied, at[k]);
            appendLiteral(out, args.get(k));
            copied = at[k] + 1;
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /** The positions of the {@code ?} placeholders that count (see the class comment), in order. */
    public static int[] placeholders(String sql) {
        int[] at = new int[8];
        int used = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            switch (c) {
                case '\'':
                case '"':
                case '`':
                    i = SqlText.endOfQuoted(sql, i);
                    break;
                case '#':
                    i = SqlText.endOfLine(sql, i);
                    break;
                case '-':
                    i = SqlText.isDashComment(sql, i) ? SqlText.endOfLine(sql, i) : i + 1;
                    break;
                case '/':
                    i = i + 1 < n && sql.charAt(i + 1) == '*' ? SqlText.endOfBlockComment(sql, i) : i + 1;
                    break;
                case '?':
                    if (used == at.length) {
                        at = java.util.Arrays.copyOf(at, used * 2);
                    }
                    at[used++] = i++;
                    break;
                default:
                    i++;
            }
        }
        return java.util.Arrays.copyOf(at, used);
    }

    private static void appendLiteral(StringBuilder out, Object arg) {
        if (arg == null) {
            out.append("NULL");
        } else if (arg instanceof Boolean) {
            out.append((Boolean) arg ? "TRUE" : "FALSE");
        } else if (arg instanceof String) {
            appendString(out, (String) arg);
        } else if (arg instanceof Long || arg instanceof Integer || arg instanceof Short || arg instanceof Byte
                || arg instanceof BigInteger) {
            appendNumber(out, arg.toString());
        } else if (arg instanceof BigDecimal) {
            appendNumber(out, decimalLiteral((BigDecimal) arg));
        } else if (arg instanceof Double || arg instanceof Float) {
            double d = ((Number) arg).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("no SQL literal for " + d);
            }
            appendNumber(out, arg.toString());
        } else {
            throw new IllegalArgumentException("no SQL literal for a " + arg.getClass().getName());
        }
    }

    /**
     * The exact digits; scientific notation (which MySQL also reads) past {@link #MAX_PLAIN_SCALE},
     * so a 12-character arg like 1e100000000 cannot expand into 100 million digits.
     */
    private static String decimalLiteral(BigDecimal d) {
        return Math.abs((long) d.scale()) > MAX_PLAIN_SCALE ? d.toString() : d.toPlainString();
    }

    /** A space keeps "1-?" with -5 from reading "1--5", a comment for some parsers (H2). */
    private static void appendNumber(StringBuilder out, String digits) {
        if (digits.startsWith("-") && out.length() > 0 && out.charAt(out.length() - 1) == '-') {
            out.append(' ');
        }
        out.append(digits);
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'': out.append("''"); break;
                case '\\': out.append("\\\\"); break;
                case '"': out.append("\\\""); break;
                case '\0': out.append("\\0"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\u001a': out.append("\\Z"); break;
                default: out.append(c);
            }
        }
        out.append('\'');
    }
}
