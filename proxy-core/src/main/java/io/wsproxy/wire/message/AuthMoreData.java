package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.util.Arrays;

/** Extra authentication data from the server (MySQL "Protocol::AuthMoreData"), e.g. caching_sha2's status. */
public record AuthMoreData(byte[] data) {
    public static final int STATUS = 0x01;

    public static AuthMoreData decode(WireReader r, Capabilities ignored) {
        if (r.u8() != STATUS) {
            throw new MalformedPacketException("not an AuthMoreData packet");
        }
        return new AuthMoreData(r.rest());
    }

    public void encodeTo(WireWriter w, Capabilities ignored) {
        w.u8(STATUS).bytes(data);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(data.length + 1);
        encodeTo(w, caps);
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthMoreData a && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}
