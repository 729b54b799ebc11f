package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.util.Arrays;

/**
 * The server's first packet (MySQL "Protocol::HandshakeV10"). The 20-byte scramble travels as
 * 8 bytes, a filler, then the rest NUL-terminated.
 */
public record HandshakeV10(String serverVersion, long connectionId, byte[] authPluginData,
        Capabilities capabilities, int characterSet, int statusFlags, String authPluginName) {
    public static final int PROTOCOL_VERSION = 10;

    public static HandshakeV10 decode(WireReader r, Capabilities ignored) {
        int version = r.u8();
        if (version != PROTOCOL_VERSION) {
            throw new io.wsproxy.wire.MalformedPacketException("handshake protocol version " + version);
        }
        String serverVersion = r.nulString();
        long connectionId = r.u32();
        byte[] part1 = r.bytes(8);
        r.skip(1);
        int caps = r.u16();
        int charset = r.hasRemaining() ? r.u8() : 0;
        int status = r.hasRemaining() ? r.u16() : 0;
        caps |= r.hasRemaining() ? r.u16() << 16 : 0;
        int dataLength = r.hasRemaining() ? r.u8() : 0;
        if (r.remaining() >= 10) {
            r.skip(10);
        }
        byte[] data = part1;
        if ((caps & CapabilityFlags.CLIENT_SECURE_CONNECTION) != 0 && r.hasRemaining()) {
            int part2Length = Math.min(r.remaining(), Math.max(13, dataLength - 8));
            byte[] part2 = r.bytes(part2Length);
            int keep = part2.length > 0 && part2[part2.length - 1] == 0 ? part2.length - 1 : part2.length;
            data = new byte[8 + keep];
            System.arraycopy(part1, 0, data, 0, 8);
            System.arraycopy(part2, 0, data, 8, keep);
        }
        String plugin = null;
        if ((caps & CapabilityFlags.CLIENT_PLUGIN_AUTH) != 0 && r.hasRemaining()) {
            // Some servers omit the terminating NUL of the last field.
            byte[] rest = r.rest();
            int len = rest.length > 0 && rest[rest.length - 1] == 0 ? rest.length - 1 : rest.length;
            plugin = new String(rest, 0, len, java.nio.charset.StandardCharsets.UTF_8);
        }
        return new HandshakeV10(serverVersion, connectionId, data, new Capabilities(caps), charset, status, plugin);
    }

    public void encodeTo(WireWriter w, Capabilities ignored) {
        int caps = capabilities.bits();
        w.u8(PROTOCOL_VERSION).nulString(serverVersion).u32(connectionId);
        w.bytes(authPluginData, 0, 8).u8(0);
        w.u16(caps & 0xffff).u8(characterSet).u16(statusFlags).u16(caps >>> 16);
        w.u8(capabilities.has(CapabilityFlags.CLIENT_PLUGIN_AUTH) ? authPluginData.length + 1 : 0);
        w.zeros(10);
        if (capabilities.has(CapabilityFlags.CLIENT_SECURE_CONNECTION)) {
            int rest = authPluginData.length - 8;
            w.bytes(authPluginData, 8, rest).zeros(Math.max(13 - rest, 1));
        }
        if (capabilities.has(CapabilityFlags.CLIENT_PLUGIN_AUTH)) {
            w.nulString(authPluginName);
        }
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(128);
        encodeTo(w, caps);
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeV10 h && serverVersion.equals(h.serverVersion)
                && connectionId == h.connectionId && Arrays.equals(authPluginData, h.authPluginData)
                && capabilities.equals(h.capabilities) && characterSet == h.characterSet
                && statusFlags == h.statusFlags && java.util.Objects.equals(authPluginName, h.authPluginName);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(serverVersion, connectionId, Arrays.hashCode(authPluginData));
    }

    @Override
    public String toString() {
        return "HandshakeV10[" + serverVersion + ", id=" + connectionId + ", " + capabilities + ", plugin="
                + authPluginName + "]";
    }
}
