package io.wsproxy.wire.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.Responses;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.auth.CachingSha2Password;
import io.wsproxy.wire.auth.NativePassword;
import io.wsproxy.wire.auth.Seeds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuthPacketsTest {
    private static final Capabilities CAPS = new Capabilities(0);

    @Test
    void authSwitchRequestLayout() {
        byte[] data = Hex.bytes("01 02 03 00");

        byte[] b = new AuthSwitchRequest(NativePassword.PLUGIN, data).encode(CAPS);

        assertThat(b).isEqualTo(Hex.bytes("fe 6d7973716c5f6e61746976655f70617373776f7264 00 01020300"));
        assertThat(Responses.isAuthSwitch(b)).isTrue();
    }

    @Test
    void authSwitchRequestRoundTripsASeedWithItsNul() {
        byte[] seed = Arrays.copyOf(Seeds.random(20), 21);
        AuthSwitchRequest request = new AuthSwitchRequest(CachingSha2Password.PLUGIN, seed);

        AuthSwitchRequest decoded = AuthSwitchRequest.decode(new WireReader(request.encode(CAPS)), CAPS);

        assertThat(decoded).isEqualTo(request);
        assertThat(decoded.pluginData()).hasSize(21).endsWith(0);
    }

    @Test
    void authSwitchRequestWithEmptyData() {
        AuthSwitchRequest decoded = AuthSwitchRequest.decode(new WireReader(Hex.bytes("fe 7000")), CAPS);

        assertThat(decoded.pluginName()).isEqualTo("p");
        assertThat(decoded.pluginData()).isEmpty();
    }

    @Test
    void authSwitchRequestWithAnotherHeaderIsMalformed() {
        assertThatThrownBy(() -> AuthSwitchRequest.decode(new WireReader(Hex.bytes("00 7000")), CAPS))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void authSwitchRequestWithoutThePluginNamesNulIsMalformed() {
        assertThatThrownBy(() -> AuthSwitchRequest.decode(new WireReader(Hex.bytes("fe 6d7973")), CAPS))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void cachingSha2FastAuthSuccessIsAuthMoreDataOfThree() {
        byte[] b = new AuthMoreData(new byte[] {CachingSha2Password.FAST_AUTH_SUCCESS}).encode(CAPS);

        assertThat(b).isEqualTo(Hex.bytes("01 03"));
        assertThat(Responses.isAuthMoreData(b)).isTrue();
        assertThat(AuthMoreData.decode(new WireReader(b), CAPS).data())
                .containsExactly(CachingSha2Password.FAST_AUTH_SUCCESS);
    }

    @Test
    void authMoreDataRoundTripsAPublicKey() {
        byte[] pem = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqh...\n-----END PUBLIC KEY-----\n".getBytes();
        AuthMoreData more = new AuthMoreData(pem);

        assertThat(AuthMoreData.decode(new WireReader(more.encode(CAPS)), CAPS)).isEqualTo(more);
    }

    @Test
    void authMoreDataWithAnotherHeaderIsMalformed() {
        assertThatThrownBy(() -> AuthMoreData.decode(new WireReader(Hex.bytes("fe 03")), CAPS))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> AuthMoreData.decode(new WireReader(new byte[0]), CAPS))
                .isInstanceOf(MalformedPacketException.class);
    }
}
