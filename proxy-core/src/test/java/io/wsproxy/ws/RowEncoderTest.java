package io.wsproxy.ws;

import static io.wsproxy.ws.TextRows.bytes;
import static io.wsproxy.ws.TextRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowEncoderTest {

    private static final int UTF8 = ColumnFlags.UTF8MB4_GENERAL_CI;
    private static final int BINARY = ColumnFlags.BINARY_CHARSET;

    private static String encode(ColumnType type, int flags, int charset, boolean bigintAsString, byte[] row) {
        RowEncoder encoder = new RowEncoder(List.of(new ResultColumn("c", type, flags, charset)), bigintAsString);
        ByteSink out = new ByteSink(8);
        encoder.appendRow(row, 0, row.length, out);
        return out.toString();
    }

    private static String encode(ColumnType type, int charset, Object value) {
        return encode(type, 0, charset, false, row(value));
    }

    private static JsonNode parse(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void integerTypesAreNumbersWithTheEngineDigits() {
        // Then
        assertThat(encode(ColumnType.TINY, BINARY, "-128")).isEqualTo("[-128]");
        assertThat(encode(ColumnType.SHORT, BINARY, "32767")).isEqualTo("[32767]");
        assertThat(encode(ColumnType.INT24, BINARY, "-8388608")).isEqualTo("[-8388608]");
        assertThat(encode(ColumnType.LONG, BINARY, "4294967295")).isEqualTo("[4294967295]");
        assertThat(encode(ColumnType.YEAR, BINARY, "2024")).isEqualTo("[2024]");
    }

    @Test
    void bigintUnsignedMaxKeepsAllDigits() {
        // When
        String json = encode(ColumnType.LONGLONG, ColumnFlags.UNSIGNED, BINARY, false, row("18446744073709551615"));

        // Then
        assertThat(json).isEqualTo("[18446744073709551615]");
    }

    @Test
    void bigintSignedMinKeepsAllDigits() {
        // When
        String json = encode(ColumnType.LONGLONG, 0, BINARY, false, row("-9223372036854775808"));

        // Then
        assertThat(json).isEqualTo("[-9223372036854775808]");
    }

    @Test
    void bigintAsStringSendsSignedAndUnsignedAsStrings() {
        // Then
        assertThat(encode(ColumnType.LONGLONG, ColumnFlags.UNSIGNED, BINARY, true, row("18446744073709551615")))
                .isEqualTo("[\"18446744073709551615\"]");
        assertThat(encode(ColumnType.LONGLONG, 0, BINARY, true, row("-1"))).isEqualTo("[\"-1\"]");
    }

    @Test
    void bigintAsStringLeavesSmallerIntegersAsNumbers() {
        // When
        String json = encode(ColumnType.LONG, 0, BINARY, true, row("7"));

        // Then
        assertThat(json).isEqualTo("[7]");
    }

    @Test
    void zerofillLeadingZerosAreDroppedToStayValidJson() {
        // Then
        assertThat(encode(ColumnType.LONG, ColumnFlags.ZEROFILL | ColumnFlags.UNSIGNED, BINARY, false, row("00042")))
                .isEqualTo("[42]");
        assertThat(encode(ColumnType.LONG, ColumnFlags.ZEROFILL, BINARY, false, row("0000"))).isEqualTo("[0]");
    }

    @Test
    void floatAndDoubleAreNumbers() {
        // Then
        assertThat(encode(ColumnType.FLOAT, BINARY, "1.5")).isEqualTo("[1.5]");
        assertThat(encode(ColumnType.DOUBLE, BINARY, "-1.7976931348623157e308")).isEqualTo("[-1.7976931348623157e308]");
        assertThat(encode(ColumnType.DOUBLE, BINARY, "1e-7")).isEqualTo("[1e-7]");
    }

    @Test
    void floatTextThatIsNoJsonNumberBecomesAString() {
        // Then
        assertThat(encode(ColumnType.DOUBLE, BINARY, "inf")).isEqualTo("[\"inf\"]");
        assertThat(encode(ColumnType.DOUBLE, BINARY, "nan")).isEqualTo("[\"nan\"]");
        assertThat(encode(ColumnType.DOUBLE, BINARY, "1.")).isEqualTo("[\"1.\"]");
        assertThat(encode(ColumnType.DOUBLE, BINARY, "")).isEqualTo("[\"\"]");
    }

    @Test
    void decimalIsAnExactString() {
        // Then
        assertThat(encode(ColumnType.NEWDECIMAL, BINARY, "12345678901234567890.000000001"))
                .isEqualTo("[\"12345678901234567890.000000001\"]");
        assertThat(encode(ColumnType.DECIMAL, BINARY, "-0.50")).isEqualTo("[\"-0.50\"]");
    }

    @Test
    void textTypesAreStrings() {
        // Then
        assertThat(encode(ColumnType.STRING, UTF8, "a")).isEqualTo("[\"a\"]");
        assertThat(encode(ColumnType.VAR_STRING, UTF8, "abc")).isEqualTo("[\"abc\"]");
        assertThat(encode(ColumnType.VARCHAR, UTF8, "")).isEqualTo("[\"\"]");
        assertThat(encode(ColumnType.BLOB, UTF8, "long text")).isEqualTo("[\"long text\"]");
        assertThat(encode(ColumnType.STRING, ColumnFlags.ENUM, UTF8, false, row("small"))).isEqualTo("[\"small\"]");
        assertThat(encode(ColumnType.STRING, ColumnFlags.SET, UTF8, false, row("a,b"))).isEqualTo("[\"a,b\"]");
        assertThat(encode(ColumnType.ENUM, UTF8, "x")).isEqualTo("[\"x\"]");
        assertThat(encode(ColumnType.SET, UTF8, "")).isEqualTo("[\"\"]");
    }

    @Test
    void textWithBinCollationIsStillText() {
        // When: utf8mb4_bin (46) sets the BINARY flag, but the charset is not binary
        String json = encode(ColumnType.VAR_STRING, ColumnFlags.BINARY, 46, false, row("abc"));

        // Then
        assertThat(json).isEqualTo("[\"abc\"]");
    }

    @Test
    void textWithQuotesBackslashesControlsAndEmojiIsEscapedUtf8() throws Exception {
        // Given
        String text = "say \"hi\"\\\n\r\t\b\f\u0001\u001f\u007f é 中 \uD83D\uDE00 \u2028";

        // When
        String json = encode(ColumnType.VAR_STRING, UTF8, text);

        // Then
        assertThat(parse(json).get(0).textValue()).isEqualTo(text);
        assertThat(json).contains("\\\"hi\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f").contains("\uD83D\uDE00");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        // Given: a lone continuation byte, an overlong '/', a UTF-16 surrogate, a truncated 3-byte sequence
        byte[] value = bytes('a', 0x80, 'b', 0xC0, 0xAF, 'c', 0xED, 0xA0, 0x80, 'd', 0xE4, 0xB8);
        RowEncoder encoder = new RowEncoder(List.of(new ResultColumn("t", ColumnType.VAR_STRING, 0, UTF8)), false);
        byte[] row = row((Object) value);
        ByteSink out = new ByteSink();

        // When
        encoder.appendRow(row, 0, row.length, out);

        // Then: strict decoding succeeds, so a WebSocket text frame may carry it
        String json = StandardCharsets.UTF_8.newDecoder()
                .decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
        assertThat(parse(json).get(0).textValue()).isEqualTo("a\uFFFDb\uFFFD\uFFFDc\uFFFD\uFFFD\uFFFDd\uFFFD\uFFFD");
    }

    @Test
    void datesAndTimesAreStringsAsPrinted() {
        // Then
        assertThat(encode(ColumnType.DATE, BINARY, "2024-02-29")).isEqualTo("[\"2024-02-29\"]");
        assertThat(encode(ColumnType.TIME, BINARY, "-838:59:59.000000")).isEqualTo("[\"-838:59:59.000000\"]");
        assertThat(encode(ColumnType.DATETIME, BINARY, "2024-01-02 03:04:05.123456"))
                .isEqualTo("[\"2024-01-02 03:04:05.123456\"]");
        assertThat(encode(ColumnType.TIMESTAMP, BINARY, "0000-00-00 00:00:00")).isEqualTo("[\"0000-00-00 00:00:00\"]");
    }

    @Test
    void jsonColumnIsInlined() {
        // When: MySQL announces JSON with the binary charset
        String json = encode(ColumnType.JSON, BINARY, "{\"a\": [1, 2.5, null, \"x\\\"y\"], \"b\": {\"c\": true}}");

        // Then
        assertThat(json).isEqualTo("[{\"a\": [1, 2.5, null, \"x\\\"y\"], \"b\": {\"c\": true}}]");
    }

    @Test
    void jsonScalarsAreInlined() {
        // Then
        assertThat(encode(ColumnType.JSON, BINARY, "\"text\"")).isEqualTo("[\"text\"]");
        assertThat(encode(ColumnType.JSON, BINARY, "12345678901234567890123")).isEqualTo("[12345678901234567890123]");
        assertThat(encode(ColumnType.JSON, BINARY, "null")).isEqualTo("[null]");
    }

    @Test
    void invalidJsonValueBecomesAString() throws Exception {
        // Then
        assertThat(encode(ColumnType.JSON, BINARY, "{\"a\":")).isEqualTo("[\"{\\\"a\\\":\"]");
        assertThat(encode(ColumnType.JSON, BINARY, "1 2")).isEqualTo("[\"1 2\"]");
        assertThat(encode(ColumnType.JSON, BINARY, "")).isEqualTo("[\"\"]");
        assertThat(parse(encode(ColumnType.JSON, BINARY, "[\"a\u0001\"]")).get(0).textValue()).isEqualTo("[\"a\u0001\"]");
    }

    @Test
    void binaryStringsBitAndGeometryAreBase64() {
        // Given
        byte[] value = bytes(0x00, 0xFF, 0x10, 0x80, 0x7F);
        String base64 = Base64.getEncoder().encodeToString(value);

        // Then
        for (ColumnType t : List.of(ColumnType.STRING, ColumnType.VAR_STRING, ColumnType.VARCHAR, ColumnType.TINY_BLOB,
                ColumnType.BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.BIT, ColumnType.GEOMETRY)) {
            assertThat(encode(t, 0, BINARY, false, row((Object) value))).as(t.name()).isEqualTo("[\"" + base64 + "\"]");
        }
    }

    @Test
    void base64PadsEveryRemainderLength() {
        // Then
        for (int n = 0; n < 8; n++) {
            byte[] value = new byte[n];
            for (int i = 0; i < n; i++) {
                value[i] = (byte) (i * 37 + 200);
            }
            assertThat(encode(ColumnType.BLOB, 0, BINARY, false, row((Object) value)))
                    .isEqualTo("[\"" + Base64.getEncoder().encodeToString(value) + "\"]");
        }
    }

    @Test
    void nullOfEveryTypeIsJsonNull() {
        // Then
        for (ColumnType t : ColumnType.values()) {
            int charset = t == ColumnType.VAR_STRING ? UTF8 : BINARY;
            assertThat(encode(t, 0, charset, false, row((Object) null))).as(t.name()).isEqualTo("[null]");
        }
    }

    @Test
    void aRowOfManyTypesInColumnOrder() throws Exception {
        // Given
        RowEncoder encoder = new RowEncoder(List.of(
                new ResultColumn("id", ColumnType.LONGLONG, ColumnFlags.NOT_NULL, BINARY),
                new ResultColumn("name", ColumnType.VAR_STRING, 0, UTF8),
                new ResultColumn("price", ColumnType.NEWDECIMAL, 0, BINARY),
                new ResultColumn("doc", ColumnType.JSON, 0, BINARY),
                new ResultColumn("raw", ColumnType.BLOB, 0, BINARY),
                new ResultColumn("gone", ColumnType.DATETIME, 0, BINARY)), false);
        byte[] row = row("1", "Zoë", "9.99", "[1]", new byte[] {1, 2, 3}, null);
        ByteSink out = new ByteSink();

        // When
        int written = encoder.appendRow(row, 0, row.length, out);

        // Then
        assertThat(out.toString()).isEqualTo("[1,\"Zoë\",\"9.99\",[1],\"AQID\",null]");
        assertThat(written).isEqualTo(out.size());
    }

    @Test
    void valuesLongerThan250BytesUseLongerLengthPrefixes() throws Exception {
        // Given
        String medium = "x".repeat(300);
        String large = "y".repeat(70_000);
        RowEncoder encoder = new RowEncoder(List.of(new ResultColumn("a", ColumnType.BLOB, 0, UTF8),
                new ResultColumn("b", ColumnType.BLOB, 0, UTF8)), false);
        byte[] row = row(medium, large);
        ByteSink out = new ByteSink();

        // When
        encoder.appendRow(row, 0, row.length, out);

        // Then
        JsonNode values = parse(out.toString());
        assertThat(values.get(0).textValue()).isEqualTo(medium);
        assertThat(values.get(1).textValue()).isEqualTo(large);
    }

    @Test
    void rowInTheMiddleOfABufferIsReadFromItsOffset() {
        // Given
        byte[] row = row("5");
        byte[] buffer = new byte[row.length + 4];
        System.arraycopy(row, 0, buffer, 2, row.length);
        RowEncoder encoder = new RowEncoder(List.of(new ResultColumn("n", ColumnType.LONG, 0, BINARY)), false);
        ByteSink out = new ByteSink();

        // When
        encoder.appendRow(buffer, 2, row.length, out);

        // Then
        assertThat(out.toString()).isEqualTo("[5]");
    }

    private static RowEncoder twoIntColumns() {
        return new RowEncoder(List.of(new ResultColumn("a", ColumnType.LONG, 0, BINARY),
                new ResultColumn("b", ColumnType.LONG, 0, BINARY)), false);
    }

    @Test
    void rowWithTooFewValuesIsMalformedAndWritesNothing() {
        // Given
        byte[] row = row("1");
        ByteSink out = new ByteSink();
        out.writeAscii("prefix");

        // When / Then
        assertThatThrownBy(() -> twoIntColumns().appendRow(row, 0, row.length, out))
                .isInstanceOf(MalformedRowException.class)
                .hasMessage("malformed text row: column 2 of 2 (`b`) the row ends before this column");
        assertThat(out.toString()).isEqualTo("prefix");
    }

    @Test
    void rowWithTrailingBytesIsMalformed() {
        // Given
        byte[] row = row("1", "2", "3");

        // When / Then
        assertThatThrownBy(() -> twoIntColumns().appendRow(row, 0, row.length, new ByteSink()))
                .isInstanceOf(MalformedRowException.class)
                .hasMessage("malformed text row: 2 bytes after the last of 2 columns");
    }

    @Test
    void valueLongerThanTheRowIsMalformed() {
        // Given: the second value claims 10 bytes, 1 follows
        byte[] row = bytes(1, '1', 10, '2');

        // When / Then
        assertThatThrownBy(() -> twoIntColumns().appendRow(row, 0, row.length, new ByteSink()))
                .isInstanceOf(MalformedRowException.class)
                .hasMessage("malformed text row: column 2 of 2 (`b`) declares 10 bytes but 1 remain");
    }

    @Test
    void truncatedLengthPrefixIsMalformed() {
        // Given: 0xFC needs two more bytes
        byte[] row = bytes(1, '1', 0xFC, 0x01);

        // When / Then
        assertThatThrownBy(() -> twoIntColumns().appendRow(row, 0, row.length, new ByteSink()))
                .isInstanceOf(MalformedRowException.class)
                .hasMessageContaining("length prefix cut short");
    }

    @Test
    void hugeEightByteLengthIsMalformed() {
        // Given
        byte[] row = bytes(1, '1', 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);

        // When / Then
        assertThatThrownBy(() -> twoIntColumns().appendRow(row, 0, row.length, new ByteSink()))
                .isInstanceOf(MalformedRowException.class)
                .hasMessageContaining("declares 18446744073709551615 bytes but 0 remain");
    }

    @Test
    void lengthPrefix0xFFIsMalformed() {
        // Given
        byte[] row = bytes(0xFF, 1, '1');

        // When / Then
        assertThatThrownBy(() -> twoIntColumns().appendRow(row, 0, row.length, new ByteSink()))
                .isInstanceOf(MalformedRowException.class)
                .hasMessageContaining("column 1 of 2 (`a`) invalid length prefix 0xFF");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformedRow() {
        // Given
        java.util.Random random = new java.util.Random(42);
        RowEncoder encoder = everyTypeEncoder(random);

        // When / Then
        for (int i = 0; i < 2000; i++) {
            byte[] row = new byte[random.nextInt(80)];
            random.nextBytes(row);
            ByteSink out = new ByteSink();
            try {
                encoder.appendRow(row, 0, row.length, out);
            } catch (MalformedRowException expected) {
                assertThat(out.size()).isZero();
            }
        }
    }

    @Test
    void wellFormedRowsOfRandomValuesAlwaysGiveValidJsonInValidUtf8() throws Exception {
        // Given
        java.util.Random random = new java.util.Random(7);
        RowEncoder encoder = everyTypeEncoder(random);
        ObjectMapper mapper = new ObjectMapper();

        // When / Then
        for (int i = 0; i < 2000; i++) {
            Object[] values = new Object[encoder.columnCount()];
            for (int c = 0; c < values.length; c++) {
                byte[] value = new byte[random.nextInt(12)];
                for (int b = 0; b < value.length; b++) {
                    value[b] = (byte) (random.nextBoolean() ? ALPHABET.charAt(random.nextInt(ALPHABET.length())) : random.nextInt());
                }
                values[c] = random.nextInt(10) == 0 ? null : value;
            }
            byte[] row = row(values);
            ByteSink out = new ByteSink();
            encoder.appendRow(row, 0, row.length, out);
            String json = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
            assertThat(mapper.readTree(json).size()).isEqualTo(values.length);
        }
    }

    /** Bytes that make numbers and JSON documents, so some random values are valid ones. */
    private static final String ALPHABET = "-0123456789.e\"{}[],:";

    private static RowEncoder everyTypeEncoder(java.util.Random random) {
        List<ResultColumn> columns = new ArrayList<>();
        for (ColumnType t : ColumnType.values()) {
            columns.add(new ResultColumn(t.name(), t, 0, random.nextBoolean() ? UTF8 : BINARY));
        }
        return new RowEncoder(columns, random.nextBoolean());
    }
}
