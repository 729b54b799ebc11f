package io.wsproxy.engine.data;

import io.wsproxy.control.parse.SqlText;

/**
 * MySQL string literals in H2's form. MySQL reads backslash escapes inside '...' and "..."
 * (outside NO_BACKSLASH_ESCAPES) and takes "..." as a string; H2 knows only '' and takes "..."
 * as a name. Each literal is decoded the MySQL way and written again as '...' with '' for a
 * quote; everything else (names in back quotes, comments, code) is copied unchanged.
 */
final class MySqlLiterals {
    private MySqlLiterals() {
    }

    static String toH2(String sql) {
        if (sql.indexOf('\\') < 0 && sql.indexOf('"') < 0) {
            return sql; // nothing to translate: the common case costs one scan
        }
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int next;
            if (c == '\'' || c == '"') {
                next = SqlText.endOfQuoted(sql, i);
                appendLiteral(out, sql, i, next);
            } else if (c == '`') {
                next = SqlText.endOfQuoted(sql, i);
                out.append(sql, i, next);
            } else if (c == '#' || SqlText.isDashComment(sql, i)) {
                next = SqlText.endOfLine(sql, i);
                out.append(sql, i, next);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                next = SqlText.endOfBlockComment(sql, i);
                out.append(sql, i, next);
            } else {
                next = i + 1;
                out.append(c);
            }
            i = next;
        }
        return out.toString();
    }

    /** The literal in sql[start, end), quotes included (an unterminated one runs to the end). */
    private static void appendLiteral(StringBuilder out, String sql, int start, int end) {
        char quote = sql.charAt(start);
        boolean terminated = end - start >= 2 && sql.charAt(end - 1) == quote && !escapedAt(sql, start, end - 1);
        int stop = terminated ? end - 1 : end;
        out.append('\'');
        for (int i = start + 1; i < stop; i++) {
            char c = sql.charAt(i);
            if (c == '\\' && i + 1 < stop) {
                char e = sql.charAt(++i);
                switch (e) {
                    case '0' -> out.append('\0');
                    case 'b' -> out.append('\b');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'Z' -> out.append('\u001a');
                    // LIKE keeps \% and \_ as escapes of the pattern, as MySQL does.
                    case '%', '_' -> out.append('\\').append(e);
                    case '\'' -> out.append("''");
                    default -> out.append(e);
                }
            } else if (c == quote && i + 1 < stop && sql.charAt(i + 1) == quote) {
                out.append(c == '\'' ? "''" : "\"");
                i++;
            } else if (c == '\'') {
                out.append("''");
            } else {
                out.append(c);
            }
        }
        if (terminated) {
            out.append('\'');
        }
    }

    /** Whether the quote at {@code pos} is preceded by an odd run of backslashes inside the literal. */
    private static boolean escapedAt(String sql, int start, int pos) {
        int backslashes = 0;
        for (int i = pos - 1; i > start && sql.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
