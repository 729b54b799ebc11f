package io.wsproxy.engine.node;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;

/**
 * One accepted client connection.
 *
 * @param socket     a TCP socket or a jnr {@code UnixSocket}
 * @param clientHost the host MySQL accounts are matched against: the client IP, {@code localhost}
 *                   on the node's own Unix socket, or the address the proxy reported
 * @param transport  how the client reached the node
 * @param clientTls  whether the client's own connection is TLS: a TLS upgrade on TCP, or the
 *                   proxy's PP2_TYPE_SSL for a {@code wss://} client
 */
public record Peer(Socket socket, String clientHost, Transport transport, boolean clientTls) {
    public enum Transport {
        TCP, UNIX, PROXY
    }

    public Peer withClient(String host, boolean tls) {
        return new Peer(socket, host, transport, tls);
    }

    /**
     * An address as account hosts name it: dotted IPv4, or IPv6 in its short form (RFC 5952:
     * lower case, the longest run of zero groups as ::), as MySQL prints client addresses.
     */
    public static String host(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
