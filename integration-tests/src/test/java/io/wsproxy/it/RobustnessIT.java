package io.wsproxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketInputStream;
import io.wsproxy.wire.PacketOutputStream;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.auth.NativePassword;
import io.wsproxy.wire.message.HandshakeResponse41;
import io.wsproxy.wire.message.HandshakeV10;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 connections from 8 threads send garbage: random bytes instead of a handshake response,
 * truncated and oversized packets, and random commands after a real login. The node must stay
 * up, and a fresh client must still work normally.
 */
class RobustnessIT {
    private static final int CONNECTIONS = 1_000;
    private static final int THREADS = 8;
    private static final int CLIENT_CAPS = CapabilityFlags.CLIENT_PROTOCOL_41 | CapabilityFlags.CLIENT_SECURE_CONNECTION
            | CapabilityFlags.CLIENT_PLUGIN_AUTH | CapabilityFlags.CLIENT_LONG_PASSWORD | CapabilityFlags.CLIENT_TRANSACTIONS
            | CapabilityFlags.CLIENT_MULTI_STATEMENTS | CapabilityFlags.CLIENT_MULTI_RESULTS;

    @TempDir
    Path dir;

    @Test
    void garbageFromManyConnectionsLeavesTheNodeServing() throws Exception {
        try (EngineNode node = EngineNode.start(dir.resolve("node"), "pw")) {
            try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", "pw")) {
                c.createStatement().execute("CREATE DATABASE sturdy");
                c.createStatement().execute("CREATE TABLE sturdy.t (v INT)");
                c.createStatement().execute("INSERT INTO sturdy.t VALUES (42)");
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                long seed = i;
                done.add(pool.submit(() -> abuse(node.port(), new Random(seed), (int) (seed % 6))));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            // Then
            assertThat(node.isAlive()).isTrue();
            try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", "pw");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM sturdy.t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void aClientThatStallsInTheConnectionPhaseIsDroppedAfterConnectTimeout() throws Exception {
        try (EngineNode node = EngineNode.start(dir.resolve("node"), "pw")) {
            try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", "pw")) {
                c.createStatement().execute("SET GLOBAL connect_timeout = 2");
            }
            try (Socket socket = new Socket("127.0.0.1", node.port())) {
                socket.setSoTimeout(30_000);
                InputStream in = socket.getInputStream();
                readPacket(in); // the greeting; then say nothing

                long start = System.nanoTime();
                int next = in.read();
                long waitedMs = (System.nanoTime() - start) / 1_000_000;

                assertThat(next).as("the node closes the connection").isEqualTo(-1);
                assertThat(waitedMs).as("dropped after connect_timeout, long before our 30 s").isBetween(1_500L, 15_000L);
            }
        }
    }

    /** One abusive connection; every I/O error is expected (the node may close on us). */
    private static Void abuse(int port, Random random, int kind) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            switch (kind) {
                case 0 -> { // random bytes where the handshake response belongs; their "header" may promise more
                    out.write(randomBytes(random, 1 + random.nextInt(300)));
                    return null;
                }
                case 1 -> { // a packet header that promises more than it sends
                    readPacket(in);
                    out.write(new byte[] {(byte) 0xff, (byte) 0xff, 0x00, 1, 1, 2, 3});
                    socket.shutdownOutput();
                }
                case 2 -> { // a 16 MiB-1 length header, then random bytes and a close
                    readPacket(in);
                    out.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 1});
                    out.write(randomBytes(random, 1000));
                    return null; // the node is waiting for the rest of the packet: just hang up
                }
                case 3 -> { // a well-framed handshake response full of garbage
                    readPacket(in);
                    new PacketOutputStream(out).write(1, randomBytes(random, random.nextInt(120)));
                    out.flush();
                    // It may read as an SSLRequest or an auth switch the node now waits on: hang up.
                    return null;
                }
                default -> { // log in properly, then random and truncated commands
                    PacketOutputStream packets = login(in, out);
                    for (int k = 0; k < 5; k++) {
                        byte[] payload = randomBytes(random, random.nextInt(64));
                        if (payload.length > 0 && (payload[0] & 0xff) == 1) {
                            payload[0] = 3; // not COM_QUIT: keep going
                        }
                        packets.write(0, payload);
                        packets.flush();
                        drainReply(in);
                    }
                    out.write(randomBytes(random, 3)); // a truncated header, then hang up
                    return null;
                }
            }
            out.flush();
            drainReply(in);
        } catch (IOException | RuntimeException expected) {
            // the node closing an abusive connection is fine
        }
        return null;
    }

    private static PacketOutputStream login(InputStream in, OutputStream out) throws IOException {
        Packet greeting = readPacket(in);
        HandshakeV10 hs = HandshakeV10.decode(new WireReader(greeting.payload()), new Capabilities(0));
        byte[] reply = NativePassword.scramble("pw", hs.authPluginData());
        HandshakeResponse41 response = new HandshakeResponse41(new Capabilities(CLIENT_CAPS), 1 << 24, 45, "root",
                reply, null, "mysql_native_password", Map.of());
        PacketOutputStream packets = new PacketOutputStream(out);
        packets.write(1, response.encode(new Capabilities(CLIENT_CAPS)));
        packets.flush();
        Packet ok = readPacket(in);
        if (ok.payload()[0] != 0) {
            throw new IOException("login failed");
        }
        return packets;
    }

    private static Packet readPacket(InputStream in) throws IOException {
        return new PacketInputStream(in, 1 << 24).read();
    }

    private static void drainReply(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        try {
            in.read(buf);
        } catch (java.net.SocketTimeoutException ignored) {
            // some garbage gets no reply until more arrives
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
