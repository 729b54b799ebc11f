package io.wsproxy.control;

/** An error a client sees as a MySQL ERR packet: code, SQLSTATE and message. */
public final class SqlException extends RuntimeException {
    private final int code;
    private final String sqlState;

    public SqlException(ErrorCode error, String message) {
        this(error.code(), error.sqlState(), message);
    }

    public SqlException(int code, String sqlState, String message) {
        super(message, null, false, false);
        this.code = code;
        this.sqlState = sqlState;
    }

    public int code() {
        return code;
    }

    public String sqlState() {
        return sqlState;
    }

    public boolean is(ErrorCode error) {
        return code == error.code();
    }

    @Override
    public String toString() {
        return "ERROR " + code + " (" + sqlState + "): " + getMessage();
    }
}
