package io.wsproxy.engine.cluster;

/** SQL text the cluster and the admin CLI send. */
public final class Sql {
    private Sql() {
    }

    /** A string literal: backslashes and quotes escaped, so any text round-trips through the lexer. */
    public static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
