package io.wsproxy.wire;

import java.util.Optional;

/** Command bytes of the command phase (MySQL enum_server_command). */
public enum CommandType {
    SLEEP(0), QUIT(1), INIT_DB(2), QUERY(3), FIELD_LIST(4), CREATE_DB(5), DROP_DB(6), REFRESH(7),
    SHUTDOWN(8), STATISTICS(9), PROCESS_INFO(10), CONNECT(11), PROCESS_KILL(12), DEBUG(13), PING(14),
    TIME(15), DELAYED_INSERT(16), CHANGE_USER(17), BINLOG_DUMP(18), TABLE_DUMP(19), CONNECT_OUT(20),
    REGISTER_SLAVE(21), STMT_PREPARE(22), STMT_EXECUTE(23), STMT_SEND_LONG_DATA(24), STMT_CLOSE(25),
    STMT_RESET(26), SET_OPTION(27), STMT_FETCH(28), DAEMON(29), BINLOG_DUMP_GTID(30), RESET_CONNECTION(31);

    private static final CommandType[] BY_ID = values();

    private final int id;

    CommandType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<CommandType> of(int id) {
        return id >= 0 && id < BY_ID.length ? Optional.of(BY_ID[id]) : Optional.empty();
    }
}
