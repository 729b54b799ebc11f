package io.wsproxy.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloseCodeTest {

    @Test
    void codesAreThoseOfProtocolMd() {
        // Then
        assertThat(CloseCode.NORMAL.code()).isEqualTo((short) 1000);
        assertThat(CloseCode.GOING_AWAY.code()).isEqualTo((short) 1001);
        assertThat(CloseCode.UNSUPPORTED_DATA.code()).isEqualTo((short) 1003);
        assertThat(CloseCode.POLICY_VIOLATION.code()).isEqualTo((short) 1008);
        assertThat(CloseCode.MESSAGE_TOO_BIG.code()).isEqualTo((short) 1009);
        assertThat(CloseCode.INTERNAL_ERROR.code()).isEqualTo((short) 1011);
        assertThat(CloseCode.SERVICE_RESTART.code()).isEqualTo((short) 1012);
    }

    @Test
    void everyReasonFitsAControlFrame() {
        // Then
        for (CloseCode c : CloseCode.values()) {
            assertThat(c.reason().getBytes(StandardCharsets.UTF_8).length).isBetween(1, 123);
        }
    }

    @Test
    void reasonOver123BytesIsRefused() {
        // When / Then
        assertThatThrownBy(() -> CloseCode.checkReason("é".repeat(62)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
