package io.wsproxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.wire.message.ErrPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which refused logins ask the client for other credentials (401) and which say "try later" (503). */
class ApiErrorTest {

    private static ApiError refused(int code) {
        return ApiError.login(new ErrPacket(code, "HY000", "refused " + code));
    }

    @Test
    void aRefusedUserOrPasswordIs401WithTheEnginesCodeAndMessage() {
        assertThat(refused(1045)).isEqualTo(new ApiError(401, 1045, "refused 1045"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {1040, 1203, 1226, 1129, 2002, 2013})
    void anEngineOutOfRoomOrOutOfReachIs503NotARequestForCredentials(int code) {
        assertThat(refused(code)).isEqualTo(new ApiError(503, code, "refused " + code));
    }
}
