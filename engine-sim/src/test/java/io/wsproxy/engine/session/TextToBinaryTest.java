package io.wsproxy.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.MySqlDateTime;
import io.wsproxy.wire.MySqlTime;
import io.wsproxy.wire.message.ColumnDefinition41;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Text-protocol values as the binary protocol sends them, by column type. */
class TextToBinaryTest {
    private static Object convert(ColumnType type, int flags, String text) {
        ColumnDefinition41 column = new ColumnDefinition41("", "", "", "c", "", ColumnFlags.BINARY_CHARSET, 20, type, flags, 0);
        return TextToBinary.value(column, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void integersAreLongsAndAnUnsignedBigintPastLongIsABigInteger() {
        assertThat(convert(ColumnType.TINY, 0, "-128")).isEqualTo(-128L);
        assertThat(convert(ColumnType.YEAR, 0, "2024")).isEqualTo(2024L);
        assertThat(convert(ColumnType.LONGLONG, 0, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(convert(ColumnType.LONGLONG, ColumnFlags.UNSIGNED, "18446744073709551615"))
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(convert(ColumnType.LONGLONG, ColumnFlags.UNSIGNED, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void floatingPointKeepsItsValueIncludingExponentsAndInfinity() {
        assertThat(convert(ColumnType.DOUBLE, 0, "1e21")).isEqualTo(1e21);
        assertThat(convert(ColumnType.DOUBLE, 0, "-1.5e-7")).isEqualTo(-1.5e-7);
        assertThat(convert(ColumnType.FLOAT, 0, "1.100000023841858")).isEqualTo(1.1f);
        assertThat(convert(ColumnType.DOUBLE, 0, "Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void datesTimesAndFractionsBecomeTheirFields() {
        assertThat(convert(ColumnType.DATE, 0, "2024-02-29")).isEqualTo(new MySqlDateTime(2024, 2, 29, 0, 0, 0, 0));
        assertThat(convert(ColumnType.DATETIME, 0, "2024-02-29 13:14:15"))
                .isEqualTo(new MySqlDateTime(2024, 2, 29, 13, 14, 15, 0));
        assertThat(convert(ColumnType.TIMESTAMP, 0, "1999-12-31 23:59:59.5"))
                .isEqualTo(new MySqlDateTime(1999, 12, 31, 23, 59, 59, 500_000));
        assertThat(convert(ColumnType.TIME, 0, "13:14:15.000001")).isEqualTo(new MySqlTime(false, 0, 13, 14, 15, 1));
        assertThat(convert(ColumnType.TIME, 0, "-838:59:59")).isEqualTo(new MySqlTime(true, 34, 22, 59, 59, 0));
    }

    @Test
    void everyOtherTypeKeepsItsBytes() {
        assertThat((byte[]) convert(ColumnType.NEWDECIMAL, 0, "12.50")).isEqualTo("12.50".getBytes());
        assertThat((byte[]) convert(ColumnType.JSON, 0, "{\"a\":1}")).isEqualTo("{\"a\":1}".getBytes());
        assertThat((byte[]) convert(ColumnType.VAR_STRING, 0, "héllo")).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textThatDoesNotFitTheTypeIsABugNamedWithTheValue() {
        assertThatThrownBy(() -> convert(ColumnType.LONG, 0, "abc"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'abc' is not a LONG value");
        assertThatThrownBy(() -> convert(ColumnType.DATETIME, 0, "2024-13-01 00:00:00"))
                .isInstanceOf(IllegalStateException.class);
    }
}
