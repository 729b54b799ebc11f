package io.wsproxy.control.parse;

import java.util.Locale;

/**
 * One lexical token. {@code text} is the token's value: an unquoted word as written, a string's
 * or quoted identifier's content with escapes resolved, a variable's name; {@code start} and
 * {@code end} are offsets in the statement, for error messages and source text.
 */
record Token(Kind kind, String text, int start, int end, int line) {
    enum Kind {
        WORD, QUOTED_IDENT, STRING, NUMBER, SYSVAR, USERVAR, SYMBOL, EOF
    }

    boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** An identifier: a word or a back-quoted name. */
    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENT;
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
