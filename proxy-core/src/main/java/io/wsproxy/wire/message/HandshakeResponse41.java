package io.wsproxy.wire.message;

import static io.wsproxy.wire.CapabilityFlags.*;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's reply to the handshake (MySQL "Protocol::HandshakeResponse41"). Optional trailing
 * fields that a client leaves out decode as null. {@code toString()} never shows the auth data.
 */
public record HandshakeResponse41(Capabilities capabilities, int maxPacketSize, int characterSet,
        String username, byte[] authResponse, String database, String authPluginName,
        Map<String, String> attributes) {

    public HandshakeResponse41 {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static HandshakeResponse41 decode(WireReader r, Capabilities ignored) {
        Capabilities caps = new Capabilities((int) r.u32());
        int maxPacket = (int) r.u32();
        int charset = r.u8();
        r.skip(23);
        String user = r.nulString();
        byte[] auth;
        if (caps.has(CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            auth = r.lenencBytes();
        } else if (caps.has(CLIENT_SECURE_CONNECTION)) {
            auth = r.bytes(r.u8());
        } else {
            auth = r.nulString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        String database = caps.has(CLIENT_CONNECT_WITH_DB) && r.hasRemaining() ? r.nulString() : null;
        String plugin = caps.has(CLIENT_PLUGIN_AUTH) && r.hasRemaining() ? r.nulString() : null;
        Map<String, String> attrs = new LinkedHashMap<>();
        if (caps.has(CLIENT_CONNECT_ATTRS) && r.hasRemaining()) {
            long length = r.lenencInt();
            int end = r.position() + (int) Math.min(length, r.remaining());
            while (r.position() < end) {
                String key = r.lenencString();
                String value = r.lenencString();
                if (key == null || value == null) {
                    throw new MalformedPacketException("NULL in a connection attribute");
                }
                attrs.put(key, value);
            }
        }
        return new HandshakeResponse41(caps, maxPacket, charset, user, auth, database, plugin, attrs);
    }

    public void encodeTo(WireWriter w, Capabilities ignored) {
        w.u32(capabilities.bits() & 0xffffffffL).u32(maxPacketSize).u8(characterSet).zeros(23);
        w.nulString(username);
        byte[] auth = authResponse == null ? new byte[0] : authResponse;
        if (capabilities.has(CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            w.lenencBytes(auth);
        } else if (capabilities.has(CLIENT_SECURE_CONNECTION)) {
            w.u8(auth.length).bytes(auth);
        } else {
            w.bytes(auth).u8(0);
        }
        if (capabilities.has(CLIENT_CONNECT_WITH_DB)) {
            w.nulString(database == null ? "" : database);
        }
        if (capabilities.has(CLIENT_PLUGIN_AUTH)) {
            w.nulString(authPluginName == null ? "" : authPluginName);
        }
        if (capabilities.has(CLIENT_CONNECT_ATTRS)) {
            WireWriter kv = new WireWriter();
            attributes.forEach((k, v) -> kv.lenencString(k).lenencString(v));
            w.lenencInt(kv.size()).bytes(kv.array(), 0, kv.size());
        }
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(128);
        encodeTo(w, caps);
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeResponse41 h && capabilities.equals(h.capabilities)
                && maxPacketSize == h.maxPacketSize && characterSet == h.characterSet
                && username.equals(h.username) && Arrays.equals(authResponse, h.authResponse)
                && java.util.Objects.equals(database, h.database)
                && java.util.Objects.equals(authPluginName, h.authPluginName) && attributes.equals(h.attributes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(capabilities, username, database);
    }

    @Override
    public String toString() {
        return "HandshakeResponse41[user=" + username + ", db=" + database + ", plugin=" + authPluginName
                + ", " + capabilities + "]";
    }
}
