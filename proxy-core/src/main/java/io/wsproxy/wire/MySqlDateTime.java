package io.wsproxy.wire;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A DATE, DATETIME or TIMESTAMP value as the binary protocol carries it (MySQL "Binary Protocol
 * Value", MYSQL_TYPE_DATETIME): its fields, zeros allowed, so MySQL's zero date
 * {@code 0000-00-00} survives a round trip that {@link LocalDateTime} could not make.
 */
public record MySqlDateTime(int year, int month, int day, int hour, int minute, int second, int micros) {
    public static final MySqlDateTime ZERO = new MySqlDateTime(0, 0, 0, 0, 0, 0, 0);

    public MySqlDateTime {
        check("year", year, 9999);
        check("month", month, 12);
        check("day", day, 31);
        check("hour", hour, 23);
        check("minute", minute, 59);
        check("second", second, 59);
        check("microseconds", micros, 999_999);
    }

    private static void check(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is outside 0.." + max);
        }
    }

    public static MySqlDateTime of(LocalDate d) {
        return new MySqlDateTime(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), 0, 0, 0, 0);
    }

    public static MySqlDateTime of(LocalDateTime t) {
        return new MySqlDateTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond(), t.getNano() / 1000);
    }

    public boolean hasTime() {
        return hour != 0 || minute != 0 || second != 0 || micros != 0;
    }

    /** @throws java.time.DateTimeException for a zero or otherwise impossible date */
    public LocalDateTime toLocalDateTime() {
        return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
    }

    /** As MySQL prints it: {@code 2024-02-29}, or with the time, and microseconds when there are any. */
    @Override
    public String toString() {
        String date = String.format("%04d-%02d-%02d", year, month, day);
        if (!hasTime()) {
            return date;
        }
        String time = String.format("%s %02d:%02d:%02d", date, hour, minute, second);
        return micros == 0 ? time : time + String.format(".%06d", micros);
    }
}
