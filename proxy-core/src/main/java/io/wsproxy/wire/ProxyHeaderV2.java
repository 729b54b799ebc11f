package io.wsproxy.wire;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The PROXY protocol v2 header (haproxy's proxy-protocol.txt, section 2.2) that the proxy writes
 * at the start of each backend connection: the client's address and, in a PP2_TYPE_SSL TLV,
 * whether the client's side was TLS. Source and destination are null for the LOCAL command.
 */
public record ProxyHeaderV2(InetSocketAddress source, InetSocketAddress destination, boolean ssl) {
    static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int VERSION_2 = 0x20;
    private static final int CMD_LOCAL = 0x0;
    private static final int CMD_PROXY = 0x1;
    private static final int TCP_OVER_IPV4 = 0x11;
    private static final int TCP_OVER_IPV6 = 0x21;
    private static final int UNSPEC = 0x00;
    static final int PP2_TYPE_SSL = 0x20;
    static final int PP2_CLIENT_SSL = 0x01;
    /** Far above what we send (36 address bytes and a 5-byte SSL TLV); bounds what a peer can make us read. */
    static final int MAX_LENGTH = 512;

    public ProxyHeaderV2 {
        if ((source == null) != (destination == null)) {
            throw new IllegalArgumentException("source and destination go together");
        }
        if (source != null && source.getAddress().getClass() != destination.getAddress().getClass()) {
            throw new IllegalArgumentException("source and destination must be of one address family");
        }
    }

    /**
     * The LOCAL command: no addresses, for the proxy's own connections (health checks). Never for a
     * client's: a receiver may take LOCAL for a local peer, and engine-sim refuses it on a proxy
     * socket.
     */
    public static ProxyHeaderV2 local(boolean ssl) {
        return new ProxyHeaderV2(null, null, ssl);
    }

    /**
     * The header for a client connection: the PROXY command with the client's own address, in its
     * own family. PROXY v2 puts both addresses in one family, so a local address of the other
     * family (an IPv4 client on an IPv6 listener, or the reverse) goes out as the unspecified
     * address of the client's family, with the local port: the destination decides nothing. A client
     * whose address is unknown (null: not an IP peer) goes out as 0.0.0.0, which matches no account
     * host but '%'.
     */
    public static ProxyHeaderV2 forClient(InetSocketAddress client, InetSocketAddress local, boolean ssl) {
        if (client == null || client.getAddress() == null) {
            client = new InetSocketAddress(unspecified(null), 0);
        }
        InetAddress family = client.getAddress();
        boolean sameFamily = local != null && local.getAddress() != null
                && local.getAddress().getClass() == family.getClass();
        InetSocketAddress destination = sameFamily ? local
                : new InetSocketAddress(unspecified(family), local == null ? 0 : local.getPort());
        return new ProxyHeaderV2(client, destination, ssl);
    }

    /** 0.0.0.0 or ::, the "any" address of {@code family}'s address family (IPv4 for null). */
    private static InetAddress unspecified(InetAddress family) {
        try {
            return InetAddress.getByAddress(new byte[family instanceof Inet6Address ? 16 : 4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }

    public byte[] encode() {
        byte[] addresses = addressBlock();
        byte[] tlv = ssl ? new byte[] {PP2_TYPE_SSL, 0, 5, PP2_CLIENT_SSL, 0, 0, 0, 0} : new byte[0];
        ByteBuffer b = ByteBuffer.allocate(16 + addresses.length + tlv.length);
        b.put(SIGNATURE);
        b.put((byte) (VERSION_2 | (source == null ? CMD_LOCAL : CMD_PROXY)));
        b.put((byte) (source == null ? UNSPEC : source.getAddress() instanceof Inet4Address ? TCP_OVER_IPV4
                : TCP_OVER_IPV6));
        b.putShort((short) (addresses.length + tlv.length));
        b.put(addresses).put(tlv);
        return b.array();
    }

    private byte[] addressBlock() {
        if (source == null) {
            return new byte[0];
        }
        byte[] src = source.getAddress().getAddress();
        byte[] dst = destination.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(src.length * 2 + 4);
        b.put(src).put(dst).putShort((short) source.getPort()).putShort((short) destination.getPort());
        return b.array();
    }

    public static ProxyHeaderV2 decode(byte[] bytes) throws ProxyHeaderException {
        try {
            return read(new ByteArrayInputStream(bytes));
        } catch (ProxyHeaderException e) {
            throw e;
        } catch (IOException e) {
            throw new ProxyHeaderException("truncated header");
        }
    }

    /** Reads exactly one header from a blocking stream, and nothing after it. */
    public static ProxyHeaderV2 read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] head = new byte[16];
        try {
            in.readFully(head);
        } catch (EOFException e) {
            throw new ProxyHeaderException("connection closed before a complete PROXY v2 header");
        }
        if (!Arrays.equals(head, 0, 12, SIGNATURE, 0, 12)) {
            throw new ProxyHeaderException("no PROXY v2 signature");
        }
        int versionCommand = head[12] & 0xff;
        if ((versionCommand & 0xf0) != VERSION_2) {
            throw new ProxyHeaderException("PROXY protocol version " + (versionCommand >> 4));
        }
        int command = versionCommand & 0x0f;
        if (command != CMD_LOCAL && command != CMD_PROXY) {
            throw new ProxyHeaderException("unknown PROXY v2 command " + command);
        }
        int family = head[13] & 0xff;
        int length = ((head[14] & 0xff) << 8) | (head[15] & 0xff);
        if (length > MAX_LENGTH) {
            throw new ProxyHeaderException("PROXY v2 header of " + length + " bytes is too long");
        }
        byte[] body = new byte[length];
        try {
            in.readFully(body);
        } catch (EOFException e) {
            throw new ProxyHeaderException("truncated PROXY v2 header");
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        InetSocketAddress src = null;
        InetSocketAddress dst = null;
        int addressLength = switch (family) {
            case TCP_OVER_IPV4 -> 4;
            case TCP_OVER_IPV6 -> 16;
            default -> 0;
        };
        if (command == CMD_PROXY && addressLength > 0) {
            if (b.remaining() < addressLength * 2 + 4) {
                throw new ProxyHeaderException("PROXY v2 address block too short");
            }
            byte[] s = new byte[addressLength];
            byte[] d = new byte[addressLength];
            b.get(s).get(d);
            int sport = b.getShort() & 0xffff;
            int dport = b.getShort() & 0xffff;
            src = new InetSocketAddress(InetAddress.getByAddress(s), sport);
            dst = new InetSocketAddress(InetAddress.getByAddress(d), dport);
            // getByAddress turns ::ffff:a.b.c.d into an Inet4Address: one such beside real IPv6
            if (src.getAddress().getClass() != dst.getAddress().getClass()) {
                throw new ProxyHeaderException("PROXY v2 source and destination of different address families");
            }
        } else if (command == CMD_PROXY && family != UNSPEC) {
            throw new ProxyHeaderException("unsupported PROXY v2 address family 0x" + Integer.toHexString(family));
        } else {
            b.position(Math.min(b.limit(), addressLength * 2 + (addressLength > 0 ? 4 : 0)));
        }
        return new ProxyHeaderV2(src, dst, sslFrom(b));
    }

    private static boolean sslFrom(ByteBuffer tlvs) throws ProxyHeaderException {
        boolean ssl = false;
        while (tlvs.remaining() >= 3) {
            int type = tlvs.get() & 0xff;
            int len = tlvs.getShort() & 0xffff;
            if (len > tlvs.remaining()) {
                throw new ProxyHeaderException("PROXY v2 TLV overruns the header");
            }
            if (type == PP2_TYPE_SSL && len >= 1) {
                ssl = (tlvs.get(tlvs.position()) & PP2_CLIENT_SSL) != 0;
            }
            tlvs.position(tlvs.position() + len);
        }
        if (tlvs.hasRemaining()) {
            throw new ProxyHeaderException("PROXY v2 TLV truncated");
        }
        return ssl;
    }

    /** A header that is not PROXY v2 or is malformed. */
    public static final class ProxyHeaderException extends IOException {
        public ProxyHeaderException(String message) {
            super(message);
        }
    }

}
