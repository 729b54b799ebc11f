package io.wsproxy.it.prepared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table with a column of every MySQL type of PROTOCOL.md's value table (and the fractional
 * DATETIME and TIME), bound with the JDBC setter a program would use for it and read back with
 * the matching getter: each value crosses the binary protocol both ways.
 */
final class EveryType {
    /** A column: its DDL, how its value is bound, how it is checked, and its JDBC type for setNull. */
    private record Col(String name, String ddl, int sqlType, Binder bind, Checker check) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    @FunctionalInterface
    private interface Checker {
        void check(ResultSet rs, String name) throws SQLException;
    }

    private static final byte[] BLOB = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0};
    private static final String JSON = "{\"k\":[1,2.5,null,\"s\"]}";

    private static final List<Col> COLUMNS = List.of(
            new Col("ti", "TINYINT", Types.TINYINT, (ps, i) -> ps.setByte(i, (byte) -128),
                    (rs, n) -> assertThat(rs.getByte(n)).isEqualTo((byte) -128)),
            new Col("si", "SMALLINT", Types.SMALLINT, (ps, i) -> ps.setShort(i, (short) -32768),
                    (rs, n) -> assertThat(rs.getShort(n)).isEqualTo((short) -32768)),
            new Col("mi", "MEDIUMINT", Types.INTEGER, (ps, i) -> ps.setInt(i, -8388608),
                    (rs, n) -> assertThat(rs.getInt(n)).isEqualTo(-8388608)),
            new Col("i", "INT", Types.INTEGER, (ps, i) -> ps.setInt(i, Integer.MIN_VALUE),
                    (rs, n) -> assertThat(rs.getInt(n)).isEqualTo(Integer.MIN_VALUE)),
            new Col("bi", "BIGINT", Types.BIGINT, (ps, i) -> ps.setLong(i, Long.MIN_VALUE),
                    (rs, n) -> assertThat(rs.getLong(n)).isEqualTo(Long.MIN_VALUE)),
            // H2 has no unsigned types: BIGINT UNSIGNED holds what BIGINT does.
            new Col("bu", "BIGINT UNSIGNED", Types.BIGINT,
                    (ps, i) -> ps.setObject(i, BigInteger.valueOf(Long.MAX_VALUE)),
                    (rs, n) -> assertThat(rs.getLong(n)).isEqualTo(Long.MAX_VALUE)),
            new Col("y", "YEAR", Types.SMALLINT, (ps, i) -> ps.setInt(i, 2024),
                    (rs, n) -> assertThat(rs.getInt(n)).isEqualTo(2024)),
            new Col("r", "REAL", Types.REAL, (ps, i) -> ps.setFloat(i, 1.1f),
                    (rs, n) -> assertThat(rs.getFloat(n)).isEqualTo(1.1f)),
            new Col("f", "FLOAT", Types.DOUBLE, (ps, i) -> ps.setDouble(i, 0.1),
                    (rs, n) -> assertThat(rs.getDouble(n)).isEqualTo(0.1)),
            new Col("d", "DOUBLE", Types.DOUBLE, (ps, i) -> ps.setDouble(i, -1.5E300),
                    (rs, n) -> assertThat(rs.getDouble(n)).isEqualTo(-1.5E300)),
            new Col("de", "DECIMAL(20,6)", Types.DECIMAL,
                    (ps, i) -> ps.setBigDecimal(i, new BigDecimal("12345678901234.123456")),
                    (rs, n) -> assertThat(rs.getBigDecimal(n)).isEqualTo(new BigDecimal("12345678901234.123456"))),
            new Col("c", "CHAR(5)", Types.CHAR, (ps, i) -> ps.setString(i, "ab"),
                    (rs, n) -> assertThat(rs.getString(n).stripTrailing()).isEqualTo("ab")),
            new Col("vc", "VARCHAR(20)", Types.VARCHAR, (ps, i) -> ps.setString(i, "héllo 😀 'q' \\"),
                    (rs, n) -> assertThat(rs.getString(n)).isEqualTo("héllo 😀 'q' \\")),
            new Col("tx", "TEXT", Types.LONGVARCHAR, (ps, i) -> ps.setString(i, "some text"),
                    (rs, n) -> assertThat(rs.getString(n)).isEqualTo("some text")),
            new Col("e", "ENUM('a','b')", Types.VARCHAR, (ps, i) -> ps.setString(i, "b"),
                    (rs, n) -> assertThat(rs.getString(n)).isEqualTo("b")),
            new Col("j", "JSON", Types.VARCHAR, (ps, i) -> ps.setString(i, JSON),
                    (rs, n) -> assertThat(rs.getString(n)).isEqualTo(JSON)),
            new Col("dt", "DATE", Types.DATE, (ps, i) -> ps.setObject(i, LocalDate.of(2024, 2, 29)),
                    (rs, n) -> assertThat(rs.getObject(n, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29))),
            new Col("tm", "TIME", Types.TIME, (ps, i) -> ps.setObject(i, LocalTime.of(13, 14, 15)),
                    (rs, n) -> assertThat(rs.getObject(n, LocalTime.class)).isEqualTo(LocalTime.of(13, 14, 15))),
            new Col("tm6", "TIME(6)", Types.TIME, (ps, i) -> ps.setObject(i, LocalTime.of(23, 59, 58, 123_456_000)),
                    (rs, n) -> assertThat(rs.getObject(n, LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 58, 123_456_000))),
            new Col("dtm", "DATETIME", Types.TIMESTAMP,
                    (ps, i) -> ps.setObject(i, LocalDateTime.of(2024, 2, 29, 13, 14, 15)),
                    (rs, n) -> assertThat(rs.getObject(n, LocalDateTime.class))
                            .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15))),
            new Col("dtm6", "DATETIME(6)", Types.TIMESTAMP,
                    (ps, i) -> ps.setObject(i, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000)),
                    (rs, n) -> assertThat(rs.getObject(n, LocalDateTime.class))
                            .isEqualTo(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000))),
            new Col("ts", "TIMESTAMP", Types.TIMESTAMP,
                    (ps, i) -> ps.setObject(i, LocalDateTime.of(2024, 3, 1, 0, 0, 1)),
                    (rs, n) -> assertThat(rs.getObject(n, LocalDateTime.class))
                            .isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0, 1))),
            new Col("bn", "BINARY(3)", Types.BINARY, (ps, i) -> ps.setBytes(i, new byte[] {1, 2, 3}),
                    (rs, n) -> assertThat(rs.getBytes(n)).containsExactly(1, 2, 3)),
            new Col("vb", "VARBINARY(10)", Types.VARBINARY, (ps, i) -> ps.setBytes(i, new byte[] {(byte) 0xff, 0}),
                    (rs, n) -> assertThat(rs.getBytes(n)).containsExactly(0xff, 0)),
            new Col("bl", "BLOB", Types.BLOB, (ps, i) -> ps.setBytes(i, BLOB),
                    (rs, n) -> assertThat(rs.getBytes(n)).isEqualTo(BLOB)),
            new Col("bt", "BIT(8)", Types.BIT, (ps, i) -> ps.setBoolean(i, true),
                    (rs, n) -> assertThat(rs.getBoolean(n)).isTrue()));

    private EveryType() {
    }

    static void createTable(Connection c) throws SQLException {
        ServerPreparedSuite.useNewDatabase(c);
        String ddl = COLUMNS.stream().map(col -> col.name() + " " + col.ddl()).collect(Collectors.joining(", "));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE every_type (k INT PRIMARY KEY, " + ddl + ")");
        }
    }

    static String insertSql() {
        return "INSERT INTO every_type (k, " + names() + ") VALUES (?" + ", ?".repeat(COLUMNS.size()) + ")";
    }

    static String selectSql() {
        return "SELECT " + names() + " FROM every_type WHERE k = ?";
    }

    private static String names() {
        return COLUMNS.stream().map(Col::name).collect(Collectors.joining(", "));
    }

    static void bindValues(PreparedStatement ps, int key) throws SQLException {
        ps.setInt(1, key);
        for (int i = 0; i < COLUMNS.size(); i++) {
            COLUMNS.get(i).bind().bind(ps, i + 2);
        }
    }

    static void bindNulls(PreparedStatement ps, int key) throws SQLException {
        ps.setInt(1, key);
        for (int i = 0; i < COLUMNS.size(); i++) {
            ps.setNull(i + 2, COLUMNS.get(i).sqlType());
        }
    }

    static void assertValues(ResultSet rs) throws SQLException {
        for (Col col : COLUMNS) {
            col.check().check(rs, col.name());
            assertThat(rs.wasNull()).as(col.name()).isFalse();
        }
    }

    static void assertNulls(ResultSet rs) throws SQLException {
        for (Col col : COLUMNS) {
            assertThat(rs.getObject(col.name())).as(col.name()).isNull();
        }
    }
}
