package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.util.Arrays;

/**
 * Asks the client to authenticate with another plugin (MySQL "Protocol::AuthSwitchRequest").
 * The client's answer, AuthSwitchResponse, is the plugin's raw bytes: no record needed.
 */
public record AuthSwitchRequest(String pluginName, byte[] pluginData) {
    public static final int STATUS = 0xfe;

    public static AuthSwitchRequest decode(WireReader r, Capabilities ignored) {
        if (r.u8() != STATUS) {
            throw new MalformedPacketException("not an AuthSwitchRequest");
        }
        return new AuthSwitchRequest(r.nulString(), r.rest());
    }

    public void encodeTo(WireWriter w, Capabilities ignored) {
        w.u8(STATUS).nulString(pluginName).bytes(pluginData);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(pluginData.length + pluginName.length() + 2);
        encodeTo(w, caps);
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthSwitchRequest a && pluginName.equals(a.pluginName)
                && Arrays.equals(pluginData, a.pluginData);
    }

    @Override
    public int hashCode() {
        return pluginName.hashCode() * 31 + Arrays.hashCode(pluginData);
    }
}
