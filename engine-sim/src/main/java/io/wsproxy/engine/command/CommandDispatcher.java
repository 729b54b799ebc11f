package io.wsproxy.engine.command;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.WireReader;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Routes each command packet to its handler. Whatever a command does wrong ends in an ERR
 * packet and the session goes on: an unknown command, a malformed body, a bug of ours.
 */
public final class CommandDispatcher {
    private final Map<CommandType, CommandHandler> handlers = new EnumMap<>(CommandType.class);

    public CommandDispatcher() {
        handlers.put(CommandType.QUERY, new QueryCommand());
        handlers.put(CommandType.INIT_DB, new InitDbCommand());
        handlers.put(CommandType.FIELD_LIST, new FieldListCommand());
        handlers.put(CommandType.PING, new PingCommand());
        handlers.put(CommandType.QUIT, new QuitCommand());
        handlers.put(CommandType.PROCESS_KILL, new ProcessKillCommand());
        handlers.put(CommandType.SET_OPTION, new SetOptionCommand());
        handlers.put(CommandType.STATISTICS, new StatisticsCommand());
        handlers.put(CommandType.STMT_PREPARE, new StmtPrepareCommand());
        handlers.put(CommandType.STMT_EXECUTE, new StmtExecuteCommand());
        handlers.put(CommandType.STMT_SEND_LONG_DATA, new StmtSendLongDataCommand());
        handlers.put(CommandType.STMT_CLOSE, new StmtCloseCommand());
        handlers.put(CommandType.STMT_RESET, new StmtResetCommand());
        handlers.put(CommandType.STMT_FETCH, new StmtFetchCommand());
        handlers.put(CommandType.RESET_CONNECTION, new ResetConnectionCommand());
    }

    /** Serves one command; false when the connection must end. */
    public boolean dispatch(Session session, Packet packet) throws IOException {
        byte[] payload = packet.payload();
        CommandHandler handler = payload.length == 0 ? null
                : CommandType.of(payload[0] & 0xff).map(handlers::get).orElse(null);
        boolean keepOpen = true;
        try {
            if (handler == null) {
                throw ErrorCode.UNKNOWN_COM.error();
            }
            keepOpen = handler.handle(session, new WireReader(payload, 1, payload.length - 1));
        } catch (SqlException e) {
            session.writeError(e);
        } catch (MalformedPacketException e) {
            session.writeError(ErrorCode.MALFORMED_PACKET.error());
        } catch (RuntimeException e) {
            session.node().log().error("connection " + session.id() + ": internal error", e);
            session.writeError(ErrorCode.INTERNAL.error("internal error: " + e));
        }
        if (keepOpen) {
            session.flush();
        }
        return keepOpen;
    }
}
