package io.wsproxy.wire;

import java.time.Duration;
import java.time.LocalTime;

/**
 * A TIME value as the binary protocol carries it (MySQL "Binary Protocol Value", MYSQL_TYPE_TIME):
 * a signed duration in days, hours, minutes, seconds and microseconds. MySQL's TIME reaches
 * +/-838:59:59, beyond {@link LocalTime}.
 */
public record MySqlTime(boolean negative, long days, int hours, int minutes, int seconds, int micros) {
    public static final MySqlTime ZERO = new MySqlTime(false, 0, 0, 0, 0, 0);

    public MySqlTime {
        if (days < 0 || days > 0xffff_ffffL) {
            throw new IllegalArgumentException("days " + days + " is outside 0..4294967295");
        }
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59
                || micros < 0 || micros > 999_999) {
            throw new IllegalArgumentException("time fields out of range: " + hours + ":" + minutes + ":" + seconds
                    + "." + micros);
        }
    }

    public static MySqlTime of(LocalTime t) {
        return new MySqlTime(false, 0, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
    }

    public static MySqlTime of(Duration d) {
        boolean negative = d.isNegative();
        Duration a = d.abs();
        return new MySqlTime(negative, a.toDays(), a.toHoursPart(), a.toMinutesPart(), a.toSecondsPart(),
                a.toNanosPart() / 1000);
    }

    public Duration toDuration() {
        Duration d = Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plusSeconds(seconds)
                .plusNanos(micros * 1000L);
        return negative ? d.negated() : d;
    }

    /** The time of day, when this value is one (not negative, under 24 hours). */
    public boolean isTimeOfDay() {
        return !negative && days == 0;
    }

    /** As MySQL prints it: {@code -838:59:59}, {@code 13:14:15.500000}. */
    @Override
    public String toString() {
        String s = String.format("%s%02d:%02d:%02d", negative ? "-" : "", days * 24 + hours, minutes, seconds);
        return micros == 0 ? s : s + String.format(".%06d", micros);
    }
}
