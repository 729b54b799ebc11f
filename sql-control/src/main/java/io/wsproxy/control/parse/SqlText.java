package io.wsproxy.control.parse;

/**
 * MySQL's lexical rules for skipping what is not code: quoted strings and names, and the three
 * comment forms. Shared by everything that scans SQL without parsing it (the statement splitter,
 * the proxy's placeholder binder). Never throws: unterminated forms run to the end.
 */
public final class SqlText {
    private SqlText() {
    }

    /**
     * The index after the literal or quoted name opened at {@code open} by {@code '}, {@code "} or
     * {@code `}: a doubled quote continues it; a backslash escapes the next character except
     * inside back quotes.
     */
    public static int endOfQuoted(String sql, int open) {
        char quote = sql.charAt(open);
        boolean backslashEscapes = quote != '`';
        int n = sql.length();
        int i = open + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** {@code --} starts a comment only when followed by whitespace or a control character, or at the end. */
    public static boolean isDashComment(String sql, int i) {
        if (!sql.startsWith("--", i)) {
            return false;
        }
        return i + 2 >= sql.length() || sql.charAt(i + 2) <= ' ';
    }

    /** The index after the end of the line that starts at {@code i} ({@code #} and {@code --} comments). */
    public static int endOfLine(String sql, int i) {
        int nl = sql.indexOf('\n', i);
        return nl < 0 ? sql.length() : nl + 1;
    }

    /** The index after the {@code *}{@code /} closing the comment opened at {@code open}. */
    public static int endOfBlockComment(String sql, int open) {
        int close = sql.indexOf("*/", open + 2);
        return close < 0 ? sql.length() : close + 2;
    }
}
