package io.wsproxy.engine.session;

import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.MySqlDateTime;
import io.wsproxy.wire.MySqlTime;
import io.wsproxy.wire.message.ColumnDefinition41;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A column value in the text protocol's form, as the binary protocol sends it for the column's
 * type ({@link io.wsproxy.wire.BinaryValues}). Every result the engine makes is text first (H2
 * values as MySQL prints them, and the control statements' answers), so one conversion serves
 * prepared statements of every kind.
 */
final class TextToBinary {
    private TextToBinary() {
    }

    /** The binary value of non-null text; throws IllegalStateException when the text does not fit the type. */
    static Object value(ColumnDefinition41 column, byte[] text) {
        String s = null;
        try {
            return switch (column.type()) {
                case TINY, SHORT, YEAR, INT24, LONG -> Long.parseLong(s = ascii(text));
                case LONGLONG -> longlong(s = ascii(text), (column.flags() & ColumnFlags.UNSIGNED) != 0);
                case FLOAT -> Float.parseFloat(s = ascii(text));
                case DOUBLE -> Double.parseDouble(s = ascii(text));
                case DATE, DATETIME, TIMESTAMP -> dateTime(s = ascii(text));
                case TIME -> time(s = ascii(text));
                default -> text;
            };
        } catch (RuntimeException e) {
            throw new IllegalStateException("'" + s + "' is not a " + column.type() + " value", e);
        }
    }

    private static String ascii(byte[] text) {
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static Object longlong(String s, boolean unsigned) {
        if (unsigned && s.length() >= 19) {
            BigInteger b = new BigInteger(s);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return Long.parseLong(s);
    }

    /** {@code yyyy-MM-dd[ HH:mm:ss[.ffffff]]} */
    private static MySqlDateTime dateTime(String s) {
        int year = Integer.parseInt(s.substring(0, 4));
        int month = Integer.parseInt(s.substring(5, 7));
        int day = Integer.parseInt(s.substring(8, 10));
        if (s.length() == 10) {
            return new MySqlDateTime(year, month, day, 0, 0, 0, 0);
        }
        int[] hms = clock(s.substring(11));
        return new MySqlDateTime(year, month, day, hms[0], hms[1], hms[2], hms[3]);
    }

    /** {@code [-]H+:mm:ss[.ffffff]} */
    private static MySqlTime time(String s) {
        boolean negative = s.startsWith("-");
        int[] hms = clock(negative ? s.substring(1) : s);
        return new MySqlTime(negative, hms[0] / 24, hms[0] % 24, hms[1], hms[2], hms[3]);
    }

    /** Hours, minutes, seconds and microseconds of {@code H+:mm:ss[.f+]}. */
    private static int[] clock(String s) {
        int colon = s.indexOf(':');
        int hours = Integer.parseInt(s.substring(0, colon));
        int minutes = Integer.parseInt(s.substring(colon + 1, colon + 3));
        int seconds = Integer.parseInt(s.substring(colon + 4, colon + 6));
        int micros = 0;
        if (s.length() > colon + 6) {
            if (s.charAt(colon + 6) != '.') {
                throw new IllegalArgumentException("no fraction at " + s);
            }
            String fraction = (s.substring(colon + 7) + "000000").substring(0, 6);
            micros = Integer.parseInt(fraction);
        }
        return new int[] {hours, minutes, seconds, micros};
    }
}
