package io.wsproxy.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client addresses as account hosts name them (MySQL prints IPv6 in its short form). */
class PeerTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "::1, ::1",
        "::, ::",
        "2001:0db8:0000:0000:0000:0000:0000:0007, 2001:db8::7",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "0:0:1:0:0:1:0:0, ::1:0:0:1:0:0",
        "::ffff:192.0.2.1, 192.0.2.1",
    })
    void addressTextIsTheShortForm(String address, String text) throws Exception {
        assertThat(Peer.host(InetAddress.getByName(address))).isEqualTo(text);
    }
}
