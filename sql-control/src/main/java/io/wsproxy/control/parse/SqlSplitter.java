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
                i = SqlText.endOfQuoted(sql, i);
                code = true;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                boolean executable = i + 2 < n && sql.charAt(i + 2) == '!';
                i = SqlText.endOfBlockComment(sql, i);
                code |= executable;
            } else if (c == '#' || SqlText.isDashComment(sql, i)) {
                i = SqlText.endOfLine(sql, i);
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

    private static void add(List<String> statements, String text, boolean code) {
        if (code) {
            statements.add(text.strip());
        }
    }
}
