package io.wsproxy.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSinkTest {

    @Test
    void growsPastItsInitialCapacity() {
        // Given
        ByteSink sink = new ByteSink(16);

        // When
        sink.writeAscii("x".repeat(1000));

        // Then
        assertThat(sink.size()).isEqualTo(1000);
        assertThat(sink.toString()).isEqualTo("x".repeat(1000));
    }

    @Test
    void truncateCutsBackToAnEarlierSize() {
        // Given
        ByteSink sink = new ByteSink();
        sink.writeAscii("keep");
        sink.writeAscii("drop");

        // When
        sink.truncate(4);

        // Then
        assertThat(sink.toString()).isEqualTo("keep");
        assertThatThrownBy(() -> sink.truncate(5)).isInstanceOf(IllegalArgumentException.class);
    }
}
