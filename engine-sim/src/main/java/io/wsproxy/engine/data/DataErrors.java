package io.wsproxy.engine.data;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * H2's errors as the MySQL errors a client expects (codes from org.h2.api.ErrorCode on the left,
 * MySQL's server error reference on the right).
 */
enum DataErrors {
    SYNTAX(new int[] {42000, 42001}, 1064, "42000"),
    TABLE_NOT_FOUND(new int[] {42102, 42103, 42104}, 1146, "42S02"),
    TABLE_EXISTS(new int[] {42101}, 1050, "42S01"),
    COLUMN_NOT_FOUND(new int[] {42122}, 1054, "42S22"),
    DUPLICATE_KEY(new int[] {23505}, 1062, "23000"),
    NULL_NOT_ALLOWED(new int[] {23502}, 1048, "23000"),
    REFERENTIAL(new int[] {23503, 23506}, 1452, "23000"),
    VALUE_TOO_LONG(new int[] {22001}, 1406, "22001"),
    DIVISION_BY_ZERO(new int[] {22012}, 1365, "22012"),
    DATA_CONVERSION(new int[] {22018, 22007}, 1366, "HY000"),
    SCHEMA_NOT_FOUND(new int[] {90079}, 1049, "42000"),
    CANCELED(new int[] {57014}, 1317, "70100");

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private final int[] h2Codes;
    private final int mysqlCode;
    private final String sqlState;

    DataErrors(int[] h2Codes, int mysqlCode, String sqlState) {
        this.h2Codes = h2Codes;
        this.mysqlCode = mysqlCode;
        this.sqlState = sqlState;
    }

    /** The MySQL error for an H2 failure; {@code database} is the session's, for messages. */
    static SqlException translate(SQLException e, String database) {
        String first = firstLine(e.getMessage());
        String name = quoted(first);
        for (DataErrors error : values()) {
            for (int code : error.h2Codes) {
                if (code == e.getErrorCode()) {
                    return new SqlException(error.mysqlCode, error.sqlState, error.message(first, name, database));
                }
            }
        }
        return ErrorCode.INTERNAL.error(first);
    }

    private String message(String h2Message, String name, String database) {
        String n = name == null ? "?" : name;
        return switch (this) {
            case SYNTAX -> ErrorCode.PARSE_ERROR.message(near(h2Message), 1);
            case TABLE_NOT_FOUND -> "Table '" + (database == null ? "" : database + ".") + n + "' doesn't exist";
            case TABLE_EXISTS -> "Table '" + n + "' already exists";
            case COLUMN_NOT_FOUND -> "Unknown column '" + n + "' in 'field list'";
            case DUPLICATE_KEY -> "Duplicate entry for key: " + h2Message;
            case NULL_NOT_ALLOWED -> "Column '" + n + "' cannot be null";
            case SCHEMA_NOT_FOUND -> "Unknown database '" + n + "'";
            case CANCELED -> ErrorCode.QUERY_INTERRUPTED.message();
            case VALUE_TOO_LONG -> "Data too long for column: " + h2Message;
            case DIVISION_BY_ZERO -> "Division by 0";
            default -> h2Message;
        };
    }

    /** H2 marks the error position with [*] inside the quoted statement: MySQL's "near" text. */
    private static String near(String h2Message) {
        int mark = h2Message.indexOf("[*]");
        if (mark < 0) {
            return "";
        }
        String rest = h2Message.substring(mark + 3);
        int close = rest.lastIndexOf('"');
        rest = close >= 0 ? rest.substring(0, close) : rest;
        return rest.length() > 80 ? rest.substring(0, 80) : rest;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int sql = message.indexOf("; SQL statement:");
        String s = sql >= 0 ? message.substring(0, sql) : message;
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }

    private static String quoted(String message) {
        Matcher m = QUOTED.matcher(message);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last != null && last.contains(".")) {
            last = last.substring(last.lastIndexOf('.') + 1);
        }
        return last == null ? null : last.toLowerCase(java.util.Locale.ROOT);
    }
}
