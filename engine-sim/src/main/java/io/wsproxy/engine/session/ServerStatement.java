package io.wsproxy.engine.session;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.wire.message.ComStmtExecute;
import io.wsproxy.wire.message.ComStmtExecute.ParamType;
import io.wsproxy.wire.message.ComStmtExecute.Shape;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One prepared statement of a session and what the protocol keeps between its commands: the
 * parameter types the last COM_STMT_EXECUTE bound (a later one may omit them), the pieces
 * COM_STMT_SEND_LONG_DATA sent, an error one of those pieces must report (that command has no
 * reply, so MySQL reports it at the next execution), and an open cursor.
 */
public final class ServerStatement {
    private final long id;
    private final Prepared prepared;
    private final Map<Integer, ByteArrayOutputStream> longData = new HashMap<>();
    private long longDataBytes;
    private SqlException pendingError;
    private List<ParamType> boundTypes;
    private Cursor cursor;

    ServerStatement(long id, Prepared prepared) {
        this.id = id;
        this.prepared = prepared;
    }

    public long id() {
        return id;
    }

    public Prepared prepared() {
        return prepared;
    }

    /** What decoding this statement's COM_STMT_EXECUTE needs to know. */
    public Shape shape() {
        BitSet withLongData = new BitSet();
        longData.keySet().forEach(withLongData::set);
        return new Shape(prepared.paramCount(), boundTypes, withLongData);
    }

    /**
     * Appends a piece of a parameter's value. A parameter that does not exist, or more than
     * {@code maxBytes} in all (max_allowed_packet, as MySQL bounds long data), is an error for the
     * next execution, and the data is dropped.
     */
    public void appendLongData(int param, byte[] piece, long maxBytes) {
        if (param >= prepared.paramCount()) {
            pendingError = ErrorCode.WRONG_ARGUMENTS.error("mysqld_stmt_send_long_data");
        } else if (longDataBytes + piece.length > maxBytes) {
            pendingError = ErrorCode.NET_PACKET_TOO_LARGE.error();
            longData.clear();
            longDataBytes = 0;
        } else {
            longData.computeIfAbsent(param, p -> new ByteArrayOutputStream()).writeBytes(piece);
            longDataBytes += piece.length;
        }
    }

    /**
     * The values to run with: the long data in place of {@link ComStmtExecute#LONG_DATA}. Reports
     * (once) an error a COM_STMT_SEND_LONG_DATA left, and remembers the types for the next time.
     */
    public List<Object> bind(ComStmtExecute execute) {
        SqlException error = pendingError;
        pendingError = null;
        if (error != null) {
            clearLongData();
            throw error;
        }
        if (execute.newParamsBound()) {
            boundTypes = execute.types();
        }
        List<Object> values = new ArrayList<>(execute.values());
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == ComStmtExecute.LONG_DATA) {
                values.set(i, longData.get(i).toByteArray());
            }
        }
        return values;
    }

    /** After an execution, as MySQL does: the next one starts without long data. */
    public void clearLongData() {
        longData.clear();
        longDataBytes = 0;
    }

    public Cursor cursor() {
        return cursor;
    }

    /** Replaces the open cursor (closing the old one); null closes it. */
    public void cursor(Cursor opened) {
        if (cursor != null) {
            cursor.close();
        }
        cursor = opened;
    }

    /** COM_STMT_RESET: no long data, no pending error, no cursor; the statement stays prepared. */
    public void reset() {
        clearLongData();
        pendingError = null;
        cursor(null);
    }

    void close() {
        reset();
        prepared.close();
    }
}
