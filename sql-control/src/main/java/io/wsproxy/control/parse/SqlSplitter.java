package io.wsproxy.control.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a COM_QUERY into statements at semicolons outside quotes, back quotes and comments, as
 * the server does for multi-statements. Never throws: an unterminated quote or comment runs to
 * the end, and the statement parser reports it.
 */
public final class SqlSplitter {
    private SqlSplitter() {
    }

    public static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        if (sql == null) {
            return statements;
        }
        int start = 0;
        int i = 0;
        int n = sql.length();
        boolean code = false; // anything but space and comments since the last split
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
                code = true;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                boolean executable = i + 2 < n && sql.charAt(i + 2) == '!';
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                code |= executable;
            } else if (c == '#' || (c == '-' && sql.startsWith("--", i)
                    && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2))))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == ';') {
                add(statements, sql.substring(start, i), code);
                start = i + 1;
                code = false;
                i++;
            } else {
                code |= !Character.isWhitespace(c);
                i++;
            }
        }
        add(statements, sql.substring(start), code);
        return statements;
    }

    private static int skipQuoted(String sql, int i, char quote) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
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

    private static void add(List<String> statements, String text, boolean code) {
        if (code) {
            statements.add(text.strip());
        }
    }
}
