package io.wsproxy.ws;

import static io.wsproxy.ws.TextRows.bytes;
import static io.wsproxy.ws.TextRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowsMessageBuilderTest {

    private static final RowEncoder ENCODER = new RowEncoder(List.of(
            new ResultColumn("a", ColumnType.LONGLONG, ColumnFlags.NOT_NULL, ColumnFlags.BINARY_CHARSET),
            new ResultColumn("b", ColumnType.VAR_STRING, 0, ColumnFlags.UTF8MB4_GENERAL_CI)), false);

    @Test
    void oneRowMakesTheProtocolExampleMessage() {
        // Given
        RowsMessageBuilder builder = new RowsMessageBuilder(ENCODER, 1L);

        // When
        builder.addRow(row("1", "x"));

        // Then
        assertThat(builder.finishText()).isEqualTo("{\"type\":\"rows\",\"id\":1,\"rows\":[[1,\"x\"]]}");
    }

    @Test
    void rowsAreCommaSeparatedAndTheStringIdStaysAString() {
        // Given
        RowsMessageBuilder builder = new RowsMessageBuilder(ENCODER, "q1");

        // When
        builder.addRow(row("1", "x"));
        builder.addRow(row("2", null));

        // Then
        assertThat(builder.finishText()).isEqualTo("{\"type\":\"rows\",\"id\":\"q1\",\"rows\":[[1,\"x\"],[2,null]]}");
    }

    @Test
    void reportsFullAtTheRowThreshold() {
        // Given
        RowsMessageBuilder builder = new RowsMessageBuilder(ENCODER, 1L, 1 << 20, 2);

        // When
        boolean fullAfterOne = builder.addRow(row("1", "x"));
        boolean fullAfterTwo = builder.addRow(row("2", "y"));

        // Then
        assertThat(fullAfterOne).isFalse();
        assertThat(fullAfterTwo).isTrue();
        assertThat(builder.isFull()).isTrue();
    }

    @Test
    void reportsFullAtTheByteThreshold() {
        // Given
        RowsMessageBuilder builder = new RowsMessageBuilder(ENCODER, 1L, 100, 1000);

        // When
        boolean full = builder.addRow(row("1", "z".repeat(100)));

        // Then: one row larger than the threshold still goes out whole
        assertThat(full).isTrue();
        assertThat(builder.finishText()).endsWith("\"]]}");
    }

    @Test
    void finishEmptiesTheBuilderForTheNextMessage() {
        // Given
        RowsMessageBuilder builder = new RowsMessageBuilder(ENCODER, 7L, 1 << 20, 1);
        builder.addRow(row("1", "a"));
        builder.finishText();

        // When
        builder.addRow(row("2", "b"));

        // Then
        assertThat(builder.finishText()).isEqualTo("{\"type\":\"rows\",\"id\":7,\"rows\":[[2,\"b\"]]}");
        assertThat(builder.isEmpty()).isTrue();
        assertThat(builder.totalRows()).isEqualTo(2);
    }

    @Test
    void finishWithoutRowsIsRefused() {
        // Given
        RowsMessageBuilder builder = new RowsMessageBuilder(ENCODER, 1L);

        // When / Then
        assertThatThrownBy(builder::finishText).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void malformedFirstRowLeavesTheBuilderEmpty() {
        // Given
        RowsMessageBuilder builder = new RowsMessageBuilder(ENCODER, 1L);

        // When / Then
        assertThatThrownBy(() -> builder.addRow(bytes(1, '1'))).isInstanceOf(MalformedRowException.class);
        assertThat(builder.isEmpty()).isTrue();
        builder.addRow(row("3", "c"));
        assertThat(builder.finishText()).isEqualTo("{\"type\":\"rows\",\"id\":1,\"rows\":[[3,\"c\"]]}");
    }

    @Test
    void malformedLaterRowLeavesTheEarlierRowsIntact() {
        // Given
        RowsMessageBuilder builder = new RowsMessageBuilder(ENCODER, 1L);
        builder.addRow(row("1", "a"));

        // When / Then
        assertThatThrownBy(() -> builder.addRow(bytes(1, '2', 9))).isInstanceOf(MalformedRowException.class);
        assertThat(builder.pendingRows()).isEqualTo(1);
        assertThat(builder.finishText()).isEqualTo("{\"type\":\"rows\",\"id\":1,\"rows\":[[1,\"a\"]]}");
    }
}
