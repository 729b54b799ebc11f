package io.wsproxy.engine.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Reads one column value from H2 as MySQL's text protocol prints it; null for SQL NULL. */
@FunctionalInterface
interface ValueReader {
    byte[] read(ResultSet rs, int column) throws SQLException;

    ValueReader TEXT = (rs, i) -> utf8(rs.getString(i));

    ValueReader BYTES = ResultSet::getBytes;

    ValueReader BOOLEAN = (rs, i) -> {
        boolean b = rs.getBoolean(i);
        return rs.wasNull() ? null : new byte[] {(byte) (b ? '1' : '0')};
    };

    ValueReader DECIMAL = (rs, i) -> {
        BigDecimal d = rs.getBigDecimal(i);
        return d == null ? null : d.toPlainString().getBytes(StandardCharsets.US_ASCII);
    };

    ValueReader DOUBLE = (rs, i) -> {
        double d = rs.getDouble(i);
        return rs.wasNull() ? null : formatDouble(d).getBytes(StandardCharsets.US_ASCII);
    };

    /** H2 hands JSON back as its text (a JSON string is encoded with quotes, as MySQL prints it). */
    ValueReader JSON = ResultSet::getBytes;

    static ValueReader time(int scale) {
        DateTimeFormatter f = withFraction("HH:mm:ss", scale);
        return (rs, i) -> {
            LocalTime t = rs.getObject(i, LocalTime.class);
            return t == null ? null : f.format(t).getBytes(StandardCharsets.US_ASCII);
        };
    }

    static ValueReader dateTime(int scale) {
        DateTimeFormatter f = withFraction("yyyy-MM-dd HH:mm:ss", scale);
        return (rs, i) -> {
            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
            return t == null ? null : f.format(t).getBytes(StandardCharsets.US_ASCII);
        };
    }

    /** TIMESTAMP values print in UTC, the node's time zone. */
    static ValueReader timestamp(int scale) {
        DateTimeFormatter f = withFraction("yyyy-MM-dd HH:mm:ss", scale);
        return (rs, i) -> {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : f.format(t.withOffsetSameInstant(ZoneOffset.UTC)).getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static DateTimeFormatter withFraction(String pattern, int scale) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().appendPattern(pattern);
        if (scale > 0) {
            b.appendFraction(ChronoField.NANO_OF_SECOND, Math.min(scale, 9), Math.min(scale, 9), true);
        }
        return b.toFormatter();
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** MySQL's shortest round-trip form: 1.5, 10000000000, 1e21, 1.5e-7. */
    static String formatDouble(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }
}
