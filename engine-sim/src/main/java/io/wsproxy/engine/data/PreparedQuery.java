package io.wsproxy.engine.data;

import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.MySqlDateTime;
import io.wsproxy.wire.MySqlTime;
import io.wsproxy.wire.message.ComStmtExecute.ParamType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A data statement H2 compiled once for COM_STMT_EXECUTE: its parameters are bound as typed
 * values, never spliced into SQL text. Binding follows what MySQL does with each binary protocol
 * type: BLOB types bind as bytes, the other string types as UTF-8 text (the engine's only
 * connection charset) unless their target is binary or JSON, DECIMAL as its exact digits.
 */
public final class PreparedQuery implements AutoCloseable {
    private final PreparedStatement statement;
    /** Per parameter: H2 expects bytes there (a binary column, or JSON, which H2 parses only from bytes). */
    private final boolean[] bytesParams;
    private final List<Column> columns;

    private PreparedQuery(PreparedStatement statement, boolean[] bytesParams, List<Column> columns) {
        this.statement = statement;
        this.bytesParams = bytesParams;
        this.columns = columns;
    }

    static PreparedQuery prepare(Connection connection, String h2Sql, String database) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(h2Sql, Statement.RETURN_GENERATED_KEYS);
        try {
            ParameterMetaData params = statement.getParameterMetaData();
            boolean[] bytes = new boolean[params.getParameterCount()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = expectsBytes(params, i + 1);
            }
            return new PreparedQuery(statement, bytes, describe(statement, database));
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /**
     * Where a string parameter must go in as bytes, as MySQL stores a string parameter in a binary
     * column (no charset conversion), and as MySQL parses a string into JSON where H2 would make it a
     * JSON string value unless it comes as bytes.
     */
    private static boolean expectsBytes(ParameterMetaData params, int i) throws SQLException {
        return switch (params.getParameterType(i)) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> true;
            default -> "JSON".equals(params.getParameterTypeName(i).toUpperCase(Locale.ROOT));
        };
    }

    /**
     * The result columns, as far as H2 knows them before execution; none when it cannot tell (a
     * bare {@code SELECT ?} has no type until bound), which clients accept: the execution's column
     * definitions are the ones that count.
     */
    private static List<Column> describe(PreparedStatement statement, String database) {
        try {
            ResultSetMetaData meta = statement.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int i = 1; meta != null && i <= meta.getColumnCount(); i++) {
                columns.add(ColumnMapping.of(meta, i, database).column());
            }
            return List.copyOf(columns);
        } catch (SQLException e) {
            return List.of();
        }
    }

    public int paramCount() {
        return bytesParams.length;
    }

    public List<Column> columns() {
        return columns;
    }

    PreparedStatement statement() {
        return statement;
    }

    void bind(List<ParamType> types, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            bind(i + 1, types.get(i).type(), values.get(i), bytesParams[i]);
        }
    }

    private void bind(int index, ColumnType type, Object value, boolean asBytes) throws SQLException {
        if (value == null) {
            statement.setObject(index, null);
        } else if (value instanceof Long l) {
            statement.setLong(index, l);
        } else if (value instanceof BigInteger b) {
            statement.setBigDecimal(index, new BigDecimal(b));
        } else if (value instanceof Float f) {
            statement.setFloat(index, f);
        } else if (value instanceof Double d) {
            statement.setDouble(index, d);
        } else if (value instanceof MySqlDateTime t) {
            bindDateTime(index, type, t);
        } else if (value instanceof MySqlTime t) {
            // H2's TIME is a time of day: a longer or negative one goes as text and fails there, as out of range.
            statement.setObject(index, t.isTimeOfDay()
                    ? LocalTime.of(t.hours(), t.minutes(), t.seconds(), t.micros() * 1000) : t.toString());
        } else if (value instanceof byte[] b) {
            if (asBytes || isBinary(type)) {
                statement.setBytes(index, b);
            } else {
                statement.setString(index, new String(b, StandardCharsets.UTF_8));
            }
        } else {
            throw new IllegalArgumentException("no binding for a " + value.getClass().getSimpleName());
        }
    }

    private void bindDateTime(int index, ColumnType type, MySqlDateTime t) throws SQLException {
        try {
            statement.setObject(index, type == ColumnType.DATE ? LocalDate.of(t.year(), t.month(), t.day())
                    : t.toLocalDateTime());
        } catch (DateTimeException e) {
            // MySQL's zero dates, February 30th: as text, which H2 refuses with a conversion error.
            statement.setString(index, t.toString());
        }
    }

    private static boolean isBinary(ColumnType type) {
        return switch (type) {
            case TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB, GEOMETRY, BIT -> true;
            default -> false;
        };
    }

    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // H2 closes it with the connection anyway
        }
    }
}
