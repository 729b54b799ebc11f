package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** The short handshake response that asks for TLS (MySQL "Protocol::SSLRequest"): 32 bytes. */
public record SslRequest(Capabilities capabilities, int maxPacketSize, int characterSet) {
    public static final int LENGTH = 32;

    public static boolean isSslRequest(byte[] payload) {
        if (payload.length != LENGTH) {
            return false;
        }
        long caps = new WireReader(payload).u32();
        return (caps & CapabilityFlags.CLIENT_SSL) != 0;
    }

    public static SslRequest decode(WireReader r, Capabilities ignored) {
        Capabilities caps = new Capabilities((int) r.u32());
        int max = (int) r.u32();
        int charset = r.u8();
        r.skip(23);
        return new SslRequest(caps, max, charset);
    }

    public void encodeTo(WireWriter w, Capabilities ignored) {
        w.u32(capabilities.with(CapabilityFlags.CLIENT_SSL).bits() & 0xffffffffL).u32(maxPacketSize)
                .u8(characterSet).zeros(23);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(LENGTH);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
