package io.wsproxy.wire;

import java.math.BigInteger;

/**
 * One value in MySQL's binary protocol (MySQL "Binary Protocol Value"), the form of
 * COM_STMT_EXECUTE parameters and of binary result rows. In Java:
 * <ul>
 * <li>TINY, SHORT, YEAR, INT24, LONG, LONGLONG: {@link Long}; an unsigned LONGLONG above
 *     {@link Long#MAX_VALUE}: {@link BigInteger}</li>
 * <li>FLOAT: {@link Float}; DOUBLE: {@link Double}</li>
 * <li>DATE, DATETIME, TIMESTAMP: {@link MySqlDateTime}; TIME: {@link MySqlTime}</li>
 * <li>NULL: null (a type only parameters use)</li>
 * <li>every other type (DECIMAL, strings, BLOBs, JSON, BIT, ENUM, SET, GEOMETRY): the raw
 *     bytes of its length-encoded string, {@code byte[]}; the charset is the reader's business</li>
 * </ul>
 */
public final class BinaryValues {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private BinaryValues() {
    }

    public static Object read(WireReader r, ColumnType type, boolean unsigned) {
        return switch (type) {
            case TINY -> unsigned ? (long) r.u8() : (long) (byte) r.u8();
            case SHORT, YEAR -> unsigned ? (long) r.u16() : (long) (short) r.u16();
            case INT24, LONG -> unsigned ? r.u32() : (long) (int) r.u32();
            case LONGLONG -> longlong(r.u64(), unsigned);
            case FLOAT -> Float.intBitsToFloat((int) r.u32());
            case DOUBLE -> Double.longBitsToDouble(r.u64());
            case DATE, DATETIME, TIMESTAMP -> dateTime(r);
            case TIME -> time(r);
            case NULL -> null;
            default -> {
                byte[] b = r.lenencBytes();
                if (b == null) {
                    throw new MalformedPacketException("0xfb is not a binary protocol string");
                }
                yield b;
            }
        };
    }

    private static Object longlong(long bits, boolean unsigned) {
        return unsigned && bits < 0 ? BigInteger.valueOf(bits).add(TWO_TO_64) : (Object) bits;
    }

    private static MySqlDateTime dateTime(WireReader r) {
        int length = r.u8();
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("a date of " + length + " bytes");
        }
        if (length == 0) {
            return MySqlDateTime.ZERO;
        }
        int year = r.u16();
        int month = r.u8();
        int day = r.u8();
        int hour = length >= 7 ? r.u8() : 0;
        int minute = length >= 7 ? r.u8() : 0;
        int second = length >= 7 ? r.u8() : 0;
        long micros = length == 11 ? r.u32() : 0;
        try {
            return new MySqlDateTime(year, month, day, hour, minute, second, micros(micros));
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("bad date: " + e.getMessage());
        }
    }

    private static MySqlTime time(WireReader r) {
        int length = r.u8();
        if (length != 0 && length != 8 && length != 12) {
            throw new MalformedPacketException("a time of " + length + " bytes");
        }
        if (length == 0) {
            return MySqlTime.ZERO;
        }
        boolean negative = r.u8() != 0;
        long days = r.u32();
        int hour = r.u8();
        int minute = r.u8();
        int second = r.u8();
        long micros = length == 12 ? r.u32() : 0;
        try {
            return new MySqlTime(negative, days, hour, minute, second, micros(micros));
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("bad time: " + e.getMessage());
        }
    }

    /** An unsigned 4-byte field read as microseconds: past 999,999 the record refuses it, past int, here. */
    private static int micros(long u32) {
        if (u32 > 999_999) {
            throw new IllegalArgumentException("microseconds " + u32 + " is outside 0..999999");
        }
        return (int) u32;
    }

    /**
     * Writes a non-null value of the Java kind {@link #read} gives for {@code type}; integer types
     * take any integral {@link Number}.
     *
     * @throws IllegalArgumentException for a value of another kind
     */
    public static void write(WireWriter w, ColumnType type, Object value) {
        switch (type) {
            case TINY -> w.u8((int) integral(value));
            case SHORT, YEAR -> w.u16((int) integral(value));
            case INT24, LONG -> w.u32(integral(value));
            case LONGLONG -> w.u64(integral(value));
            case FLOAT -> w.u32(Float.floatToIntBits(kind(value, Float.class)));
            case DOUBLE -> w.u64(Double.doubleToLongBits(kind(value, Double.class)));
            case DATE, DATETIME, TIMESTAMP -> writeDateTime(w, kind(value, MySqlDateTime.class));
            case TIME -> writeTime(w, kind(value, MySqlTime.class));
            case NULL -> throw new IllegalArgumentException("NULL has no value to write");
            default -> w.lenencBytes(kind(value, byte[].class));
        }
    }

    private static long integral(Object value) {
        if (value instanceof BigInteger b) {
            return b.longValue(); // the low 64 bits: 2^64-1 goes out as 0xff..ff
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException("not an integer: " + describe(value));
    }

    private static <T> T kind(Object value, Class<T> kind) {
        if (!kind.isInstance(value)) {
            throw new IllegalArgumentException("expected a " + kind.getSimpleName() + ", got " + describe(value));
        }
        return kind.cast(value);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private static void writeDateTime(WireWriter w, MySqlDateTime t) {
        if (t.equals(MySqlDateTime.ZERO)) {
            w.u8(0);
            return;
        }
        int length = t.micros() != 0 ? 11 : t.hasTime() ? 7 : 4;
        w.u8(length).u16(t.year()).u8(t.month()).u8(t.day());
        if (length >= 7) {
            w.u8(t.hour()).u8(t.minute()).u8(t.second());
        }
        if (length == 11) {
            w.u32(t.micros());
        }
    }

    private static void writeTime(WireWriter w, MySqlTime t) {
        if (t.equals(MySqlTime.ZERO)) {
            w.u8(0);
            return;
        }
        int length = t.micros() != 0 ? 12 : 8;
        w.u8(length).u8(t.negative() ? 1 : 0).u32(t.days()).u8(t.hours()).u8(t.minutes()).u8(t.seconds());
        if (length == 12) {
            w.u32(t.micros());
        }
    }
}
