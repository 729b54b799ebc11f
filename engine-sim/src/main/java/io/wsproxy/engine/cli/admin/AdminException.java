package io.wsproxy.engine.cli.admin;

/** An admin command that cannot go on: its message is the one line the user sees. */
public final class AdminException extends RuntimeException {
    public AdminException(String message) {
        super(oneLine(message), null, false, false);
    }

    /** Parsers and the JDK write messages over several lines; the CLI prints one. */
    public static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String first = message.strip().lines().findFirst().orElse("");
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}
