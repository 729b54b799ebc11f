package io.wsproxy.wire.message;

import io.wsproxy.wire.BinaryValues;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * COM_STMT_EXECUTE: runs a prepared statement with its parameter values in the binary protocol
 * ({@link BinaryValues}): a NULL bitmap, the new-params-bound flag, the types when it is set, then
 * the values of the parameters that are neither NULL nor sent by COM_STMT_SEND_LONG_DATA. Query
 * attributes (CLIENT_QUERY_ATTRIBUTES) are not negotiated, so no parameter count or names.
 *
 * @param types  one per parameter: the ones sent, or, when {@code newParamsBound} is false, the
 *               ones the previous execution bound
 * @param values one per parameter: null for NULL, {@link #LONG_DATA} for a value sent by
 *               COM_STMT_SEND_LONG_DATA, else what {@link BinaryValues#read} gives
 */
public record ComStmtExecute(long statementId, int flags, long iterationCount, boolean newParamsBound,
        List<ParamType> types, List<Object> values) {
    public static final int CURSOR_TYPE_NO_CURSOR = 0;
    public static final int CURSOR_TYPE_READ_ONLY = 1;
    public static final int CURSOR_TYPE_FOR_UPDATE = 2;
    public static final int CURSOR_TYPE_SCROLLABLE = 4;

    /** The value of a parameter that came by COM_STMT_SEND_LONG_DATA: it has no bytes here. */
    public static final Object LONG_DATA = new Object() {
        @Override
        public String toString() {
            return "LONG_DATA";
        }
    };

    private static final int UNSIGNED_FLAG = 0x80;

    /** A parameter's type as sent: the column type byte, and 0x80 in the next byte for unsigned. */
    public record ParamType(ColumnType type, boolean unsigned) {
        public ParamType {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * What the server knows of a prepared statement that its COM_STMT_EXECUTE does not repeat: how
     * many parameters, the types the last execution bound (null if none), and which parameters
     * have long data.
     */
    public record Shape(int paramCount, List<ParamType> boundTypes, BitSet longData) {
    }

    public ComStmtExecute {
        if (types.size() != values.size()) {
            throw new IllegalArgumentException(types.size() + " types for " + values.size() + " values");
        }
        types = List.copyOf(types);
        values = Collections.unmodifiableList(new ArrayList<>(values)); // NULLs are values here
    }

    /**
     * Decodes the body, after the command byte. {@code shapes} gives the shape of the statement the
     * packet names, or null for a statement the server does not know: then only the header is read
     * (the caller answers the unknown id).
     */
    public static ComStmtExecute decode(WireReader r, Capabilities caps, LongFunction<Shape> shapes) {
        long id = r.u32();
        int flags = r.u8();
        long iterations = r.u32();
        Shape shape = shapes.apply(id);
        if (shape == null || shape.paramCount() == 0) {
            return new ComStmtExecute(id, flags, iterations, false, List.of(), List.of());
        }
        int n = shape.paramCount();
        byte[] nulls = r.bytes(NullBitmap.size(n, NullBitmap.PARAMS));
        boolean bound = r.u8() != 0;
        List<ParamType> types = bound ? readTypes(r, n) : shape.boundTypes();
        if (types == null || types.size() != n) {
            throw new MalformedPacketException("no parameter types: none sent and none bound before");
        }
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ParamType t = types.get(i);
            if (shape.longData().get(i)) {
                values.add(LONG_DATA);
            } else if (NullBitmap.isNull(nulls, i, NullBitmap.PARAMS) || t.type() == ColumnType.NULL) {
                values.add(null);
            } else {
                values.add(BinaryValues.read(r, t.type(), t.unsigned()));
            }
        }
        return new ComStmtExecute(id, flags, iterations, bound, types, values);
    }

    private static List<ParamType> readTypes(WireReader r, int n) {
        List<ParamType> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int type = r.u8();
            int flags = r.u8();
            try {
                types.add(new ParamType(ColumnType.of(type), (flags & UNSIGNED_FLAG) != 0));
            } catch (IllegalArgumentException e) {
                throw new MalformedPacketException(e.getMessage());
            }
        }
        return types;
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.STMT_EXECUTE.id()).u32(statementId).u8(flags).u32(iterationCount);
        int n = values.size();
        if (n == 0) {
            return;
        }
        byte[] nulls = new byte[NullBitmap.size(n, NullBitmap.PARAMS)];
        for (int i = 0; i < n; i++) {
            if (values.get(i) == null) {
                NullBitmap.setNull(nulls, i, NullBitmap.PARAMS);
            }
        }
        w.bytes(nulls).u8(newParamsBound ? 1 : 0);
        if (newParamsBound) {
            for (ParamType t : types) {
                w.u8(t.type().id()).u8(t.unsigned() ? UNSIGNED_FLAG : 0);
            }
        }
        for (int i = 0; i < n; i++) {
            Object v = values.get(i);
            if (v != null && v != LONG_DATA && types.get(i).type() != ColumnType.NULL) {
                BinaryValues.write(w, types.get(i).type(), v);
            }
        }
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(64);
        encodeTo(w, caps);
        return w.toByteArray();
    }

    /** Whether the client asked for a cursor (then fetches rows with COM_STMT_FETCH). */
    public boolean wantsCursor() {
        return (flags & (CURSOR_TYPE_READ_ONLY | CURSOR_TYPE_FOR_UPDATE | CURSOR_TYPE_SCROLLABLE)) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComStmtExecute e && e.statementId == statementId && e.flags == flags
                && e.iterationCount == iterationCount && e.newParamsBound == newParamsBound && e.types.equals(types)
                && Arrays.deepEquals(e.values.toArray(), values.toArray());
    }

    @Override
    public int hashCode() {
        return Objects.hash(statementId, flags, types) * 31 + Arrays.deepHashCode(values.toArray());
    }
}
