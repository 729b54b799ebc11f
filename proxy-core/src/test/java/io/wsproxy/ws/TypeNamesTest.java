package io.wsproxy.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import org.junit.jupiter.api.Test;

class TypeNamesTest {

    private static final int UTF8 = ColumnFlags.UTF8MB4_GENERAL_CI;
    private static final int BINARY = ColumnFlags.BINARY_CHARSET;

    private static String name(ColumnType type, int flags, int charset) {
        return TypeNames.typeName(type, flags, charset);
    }

    @Test
    void numericTypesUseSqlNames() {
        // Then
        assertThat(name(ColumnType.TINY, 0, BINARY)).isEqualTo("TINYINT");
        assertThat(name(ColumnType.SHORT, 0, BINARY)).isEqualTo("SMALLINT");
        assertThat(name(ColumnType.INT24, 0, BINARY)).isEqualTo("MEDIUMINT");
        assertThat(name(ColumnType.LONG, 0, BINARY)).isEqualTo("INT");
        assertThat(name(ColumnType.LONGLONG, ColumnFlags.UNSIGNED, BINARY)).isEqualTo("BIGINT");
        assertThat(name(ColumnType.FLOAT, 0, BINARY)).isEqualTo("FLOAT");
        assertThat(name(ColumnType.DOUBLE, 0, BINARY)).isEqualTo("DOUBLE");
        assertThat(name(ColumnType.DECIMAL, 0, BINARY)).isEqualTo("DECIMAL");
        assertThat(name(ColumnType.NEWDECIMAL, 0, BINARY)).isEqualTo("DECIMAL");
        assertThat(name(ColumnType.YEAR, 0, BINARY)).isEqualTo("YEAR");
        assertThat(name(ColumnType.BIT, 0, BINARY)).isEqualTo("BIT");
    }

    @Test
    void temporalAndOtherTypesUseSqlNames() {
        // Then
        assertThat(name(ColumnType.DATE, 0, BINARY)).isEqualTo("DATE");
        assertThat(name(ColumnType.TIME, 0, BINARY)).isEqualTo("TIME");
        assertThat(name(ColumnType.DATETIME, 0, BINARY)).isEqualTo("DATETIME");
        assertThat(name(ColumnType.TIMESTAMP, 0, BINARY)).isEqualTo("TIMESTAMP");
        assertThat(name(ColumnType.JSON, 0, BINARY)).isEqualTo("JSON");
        assertThat(name(ColumnType.GEOMETRY, 0, BINARY)).isEqualTo("GEOMETRY");
        assertThat(name(ColumnType.NULL, 0, BINARY)).isEqualTo("NULL");
        assertThat(name(ColumnType.ENUM, 0, UTF8)).isEqualTo("ENUM");
        assertThat(name(ColumnType.SET, 0, UTF8)).isEqualTo("SET");
    }

    @Test
    void stringTypesAreTextOrBinaryByCharset() {
        // Then
        assertThat(name(ColumnType.STRING, 0, UTF8)).isEqualTo("CHAR");
        assertThat(name(ColumnType.STRING, ColumnFlags.BINARY, BINARY)).isEqualTo("BINARY");
        assertThat(name(ColumnType.VAR_STRING, 0, UTF8)).isEqualTo("VARCHAR");
        assertThat(name(ColumnType.VARCHAR, 0, UTF8)).isEqualTo("VARCHAR");
        assertThat(name(ColumnType.VAR_STRING, ColumnFlags.BINARY, BINARY)).isEqualTo("VARBINARY");
    }

    @Test
    void blobTypesWithTextCharsetAreText() {
        // Then
        for (ColumnType t : new ColumnType[] {ColumnType.TINY_BLOB, ColumnType.BLOB, ColumnType.MEDIUM_BLOB,
                ColumnType.LONG_BLOB}) {
            assertThat(name(t, ColumnFlags.BLOB, UTF8)).as(t.name()).isEqualTo("TEXT");
            assertThat(name(t, ColumnFlags.BLOB | ColumnFlags.BINARY, BINARY)).as(t.name()).isEqualTo("BLOB");
        }
    }

    @Test
    void binCollationTextIsNotBinary() {
        // When: utf8mb4_bin sets the BINARY flag on a text column
        String type = name(ColumnType.VAR_STRING, ColumnFlags.BINARY, 46);

        // Then
        assertThat(type).isEqualTo("VARCHAR");
    }

    @Test
    void binaryFlagDecidesOnlyWithoutCharset() {
        // Then
        assertThat(name(ColumnType.VAR_STRING, ColumnFlags.BINARY, 0)).isEqualTo("VARBINARY");
        assertThat(name(ColumnType.VAR_STRING, 0, 0)).isEqualTo("VARCHAR");
    }

    @Test
    void enumAndSetSentAsStringWithFlags() {
        // Then
        assertThat(name(ColumnType.STRING, ColumnFlags.ENUM, UTF8)).isEqualTo("ENUM");
        assertThat(name(ColumnType.STRING, ColumnFlags.SET, UTF8)).isEqualTo("SET");
    }

    @Test
    void nullableUnlessNotNullFlag() {
        // Then
        assertThat(TypeNames.nullable(0)).isTrue();
        assertThat(TypeNames.nullable(ColumnFlags.NOT_NULL | ColumnFlags.PRI_KEY)).isFalse();
    }

    @Test
    void resultColumnGivesTheColumnsEntry() {
        // When
        ColumnInfo info = new ResultColumn("a", ColumnType.LONGLONG, ColumnFlags.NOT_NULL, BINARY).info();

        // Then
        assertThat(info).isEqualTo(new ColumnInfo("a", "BIGINT", false));
    }

    @Test
    void everyColumnTypeHasANameAndAJsonKind() {
        // Then
        for (ColumnType t : ColumnType.values()) {
            assertThat(name(t, 0, UTF8)).as(t.name()).isNotBlank();
            assertThat(JsonKind.of(t, 0, UTF8)).as(t.name()).isNotNull();
        }
    }
}
