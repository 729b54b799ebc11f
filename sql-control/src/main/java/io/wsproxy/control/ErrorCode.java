package io.wsproxy.control;

/**
 * Every error the project raises, by name: MySQL server codes (so real clients print them as
 * usual; see MySQL's "Server Error Message Reference") and the project's own 91xx codes
 * (DESIGN.md section 3, documented in the README).
 */
public enum ErrorCode {
    // Authentication and privileges
    ACCESS_DENIED(1045, "28000", "Access denied for user '%s'@'%s' (using password: %s)"),
    DB_ACCESS_DENIED(1044, "42000", "Access denied for user '%s'@'%s' to database '%s'"),
    SPECIFIC_ACCESS_DENIED(1227, "42000",
            "Access denied; you need (at least one of) the %s privilege(s) for this operation"),
    TABLE_ACCESS_DENIED(1142, "42000", "%s command denied to user '%s'@'%s' for table '%s'"),
    CANNOT_USER(1396, "HY000", "Operation %s failed for %s"),
    NONEXISTING_GRANT(1141, "42000", "There is no such grant defined for user '%s' on host '%s'"),
    PASSWORD_NO_MATCH(1133, "42000", "Can't find any matching row in the user table"),

    // System variables
    UNKNOWN_SYSTEM_VARIABLE(1193, "HY000", "Unknown system variable '%s'"),
    WRONG_TYPE_FOR_VAR(1232, "42000", "Incorrect argument type to variable '%s'"),
    WRONG_VALUE_FOR_VAR(1231, "42000", "Variable '%s' can't be set to the value of '%s'"),
    /** Used both for read-only variables ("a read only variable") and scope mismatches on read. */
    INCORRECT_GLOBAL_LOCAL_VAR(1238, "HY000", "Variable '%s' is a %s variable"),
    GLOBAL_VARIABLE(1229, "HY000", "Variable '%s' is a GLOBAL variable and should be set with SET GLOBAL"),
    LOCAL_VARIABLE(1228, "HY000", "Variable '%s' is a SESSION variable and can't be used with SET GLOBAL"),
    NO_DEFAULT(1230, "42000", "Variable '%s' doesn't have a default value"),

    // Statements and sessions
    PARSE_ERROR(1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds"
            + " to your MySQL server version for the right syntax to use near '%s' at line %d"),
    EMPTY_QUERY(1065, "42000", "Query was empty"),
    NO_DB(1046, "3D000", "No database selected"),
    BAD_DB(1049, "42000", "Unknown database '%s'"),
    DB_CREATE_EXISTS(1007, "HY000", "Can't create database '%s'; database exists"),
    DB_DROP_EXISTS(1008, "HY000", "Can't drop database '%s'; database doesn't exist"),
    UNKNOWN_COM(1047, "08S01", "Unknown command"),
    HANDSHAKE_ERROR(1043, "08S01", "Bad handshake"),
    NET_PACKET_TOO_LARGE(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"),
    MALFORMED_PACKET(1835, "08S01", "Malformed communication packet"),
    NO_SUCH_THREAD(1094, "HY000", "Unknown thread id: %d"),
    KILL_DENIED(1095, "HY000", "You are not owner of thread %d"),
    QUERY_INTERRUPTED(1317, "70100", "Query execution was interrupted"),
    NOT_SUPPORTED_YET(1235, "42000", "This version of MySQL doesn't yet support '%s'"),
    TOO_MANY_CONNECTIONS(1040, "08004", "Too many connections"),
    SERVER_SHUTDOWN(1053, "08S01", "Server shutdown in progress"),
    INTERNAL(1105, "HY000", "%s"),

    // Cluster management (DESIGN.md section 7). SingleStore documents when these statements fail,
    // not with which code; the README's "Errors" section says which code we chose and why.
    /** SingleStore's code for a statement it refuses, here one the node's role cannot run. */
    FEATURE_NOT_SUPPORTED(1706, "HY000", "Feature '%s' is not supported by SingleStore."),
    /** ADD of a host:port that is already a member (INFORMATION_SCHEMA.AGGREGATORS/LEAVES key). */
    NODE_ALREADY_IN_CLUSTER(1062, "23000", "Duplicate entry '%s' for key 'PRIMARY' (%s)"),
    /** REMOVE AGGREGATOR of a host:port that is not an aggregator of this cluster. */
    NODE_NOT_IN_CLUSTER(1032, "HY000", "Can't find record in '%s' (%s)"),
    /** MySQL's code for a server that cannot reach another server, as a node that cannot reach a peer. */
    NODE_UNREACHABLE(1429, "HY000", "Unable to connect to foreign data source: %s"),

    // Prepared statements (COM_STMT_*)
    UNKNOWN_STMT_HANDLER(1243, "HY000", "Unknown prepared statement handler (%d) given to %s"),
    WRONG_ARGUMENTS(1210, "HY000", "Incorrect arguments to %s"),
    STMT_HAS_NO_OPEN_CURSOR(1421, "HY000", "The statement (%d) has no open cursor."),
    MAX_PREPARED_STMT_COUNT_REACHED(1461, "42000",
            "Can't create more than max_prepared_stmt_count statements (current value: %d)"),

    // The proxy (project codes, stable)
    PROXY_PORT_CONFLICT(9101, "HY000", "%s"),
    PROXY_SSL_REQUIRED(9102, "HY000", "%s"),
    PROXY_BIND_FAILED(9103, "HY000", "%s"),
    PROXY_NOT_MASTER(9104, "HY000", "%s"),
    PROXY_TLS_INVALID(9105, "HY000", "%s"),
    PROTOCOL_ERROR(9110, "08P01", "%s"),
    /** A session's or the proxy's budget of queued query bytes is spent; the query is not run. */
    PROXY_BUSY(9111, "08004", "%s");

    private final int code;
    private final String sqlState;
    private final String template;

    ErrorCode(int code, String sqlState, String template) {
        this.code = code;
        this.sqlState = sqlState;
        this.template = template;
    }

    public int code() {
        return code;
    }

    public String sqlState() {
        return sqlState;
    }

    public String message(Object... args) {
        return String.format(template, args);
    }

    /** The exception to throw for this error, with the template filled in. */
    public SqlException error(Object... args) {
        return new SqlException(this, message(args));
    }

    /** A warning row for SHOW WARNINGS. */
    public SqlWarning warning(Object... args) {
        return new SqlWarning(SqlWarning.Level.WARNING, code, message(args));
    }
}
