package io.wsproxy.control.parse;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one statement into tokens the way MySQL's lexer does for what we parse: comments
 * ({@code /* *\/}, {@code -- }, {@code #}) are skipped, while {@code /*! ... *\/} executable
 * comments contribute their content; strings take backslash escapes and doubled quotes.
 */
final class Lexer {
    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int openExecutableComments;

    private Lexer(String sql) {
        this.sql = sql;
    }

    static List<Token> tokenize(String sql) {
        Lexer lexer = new Lexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= sql.length()) {
                tokens.add(new Token(Token.Kind.EOF, "", pos, pos, line));
                return;
            }
            int start = pos;
            char c = sql.charAt(pos);
            if (c == '\'' || c == '"') {
                add(Token.Kind.STRING, quoted(c), start);
            } else if (c == '`') {
                add(Token.Kind.QUOTED_IDENT, quoted('`'), start);
            } else if (c == '@') {
                variable(start);
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
                number(start);
            } else if (isWordChar(c)) {
                while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                    pos++;
                }
                add(Token.Kind.WORD, sql.substring(start, pos), start);
            } else {
                symbol(start);
            }
        }
    }

    private void add(Token.Kind kind, String text, int start) {
        tokens.add(new Token(kind, text, start, pos, line));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (sql.startsWith("/*!", pos)) {
                pos += 3;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
                openExecutableComments++;
            } else if (sql.startsWith("*/", pos) && openExecutableComments > 0) {
                pos += 2;
                openExecutableComments--;
            } else if (sql.startsWith("/*", pos)) {
                int end = sql.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error(pos);
                }
                countLines(pos, end);
                pos = end + 2;
            } else if (c == '#' || (sql.startsWith("--", pos)
                    && (pos + 2 == sql.length() || Character.isWhitespace(sql.charAt(pos + 2))))) {
                while (pos < sql.length() && sql.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
    }

    /** A quoted string or identifier; the quote doubled stands for itself. */
    private String quoted(char quote) {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == quote) {
                if (pos + 1 < sql.length() && sql.charAt(pos + 1) == quote) {
                    out.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return out.toString();
            }
            if (c == '\\' && quote != '`' && pos + 1 < sql.length()) {
                out.append(unescape(sql.charAt(pos + 1)));
                pos += 2;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            out.append(c);
            pos++;
        }
        throw error(start);
    }

    /** MySQL "String Literals", table of escape sequences. */
    private static String unescape(char c) {
        return switch (c) {
            case '0' -> "\0";
            case 'b' -> "\b";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'Z' -> "\u001a";
            case '%' -> "\\%";
            case '_' -> "\\_";
            default -> String.valueOf(c);
        };
    }

    private void variable(int start) {
        boolean system = sql.startsWith("@@", pos);
        pos += system ? 2 : 1;
        if (!system && pos < sql.length() && "'\"`".indexOf(sql.charAt(pos)) >= 0) {
            add(Token.Kind.USERVAR, quoted(sql.charAt(pos)), start);
            return;
        }
        if (!system) {
            int nameStart = pos;
            while (pos < sql.length() && (isWordChar(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            if (pos == nameStart) {
                throw error(start);
            }
            add(Token.Kind.USERVAR, sql.substring(nameStart, pos), start);
            return;
        }
        // @@name, @@scope.name; each part a word or a back-quoted name (@@GLOBAL.`x`).
        StringBuilder name = new StringBuilder();
        while (true) {
            if (pos < sql.length() && sql.charAt(pos) == '`') {
                name.append(quoted('`'));
            } else {
                int partStart = pos;
                while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                    pos++;
                }
                if (pos == partStart) {
                    throw error(start); // "@@", "@@global." or "@@.x"
                }
                name.append(sql, partStart, pos);
            }
            if (pos < sql.length() && sql.charAt(pos) == '.') {
                name.append('.');
                pos++;
            } else {
                break;
            }
        }
        add(Token.Kind.SYSVAR, name.toString(), start);
    }

    private void number(int start) {
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
        if (pos < sql.length() && sql.charAt(pos) == '.') {
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < sql.length() && isWordChar(sql.charAt(pos))) {
            // 1abc is an identifier in MySQL; treat the whole run as a word.
            while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                pos++;
            }
            add(Token.Kind.WORD, sql.substring(start, pos), start);
            return;
        }
        add(Token.Kind.NUMBER, sql.substring(start, pos), start);
    }

    private static final String[] TWO_CHAR = {":=", "<=", ">=", "<>", "!=", "||", "&&"};

    private void symbol(int start) {
        for (String s : TWO_CHAR) {
            if (sql.startsWith(s, pos)) {
                pos += 2;
                add(Token.Kind.SYMBOL, s, start);
                return;
            }
        }
        pos++;
        add(Token.Kind.SYMBOL, sql.substring(start, pos), start);
    }

    private SqlException error(int at) {
        return Parser.syntaxError(sql, at, line);
    }

    static SqlException emptyQuery() {
        return ErrorCode.EMPTY_QUERY.error();
    }
}
