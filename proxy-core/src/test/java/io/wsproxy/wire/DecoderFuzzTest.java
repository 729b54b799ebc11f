package io.wsproxy.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.wire.ProxyHeaderV2.ProxyHeaderException;
import io.wsproxy.wire.message.AuthMoreData;
import io.wsproxy.wire.message.AuthSwitchRequest;
import io.wsproxy.wire.message.ColumnCount;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComFieldList;
import io.wsproxy.wire.message.ComInitDb;
import io.wsproxy.wire.message.ComProcessKill;
import io.wsproxy.wire.message.ComQuery;
import io.wsproxy.wire.message.BinaryResultRow;
import io.wsproxy.wire.message.ComSetOption;
import io.wsproxy.wire.message.ComStmtClose;
import io.wsproxy.wire.message.ComStmtExecute;
import io.wsproxy.wire.message.ComStmtExecute.ParamType;
import io.wsproxy.wire.message.ComStmtExecute.Shape;
import io.wsproxy.wire.message.ComStmtFetch;
import io.wsproxy.wire.message.ComStmtPrepare;
import io.wsproxy.wire.message.ComStmtPrepareOk;
import io.wsproxy.wire.message.ComStmtReset;
import io.wsproxy.wire.message.ComStmtSendLongData;
import io.wsproxy.wire.message.EofPacket;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.HandshakeResponse41;
import io.wsproxy.wire.message.HandshakeV10;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.wire.message.SslRequest;
import io.wsproxy.wire.message.TextResultRow;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a peer sends, a decoder returns a value or throws MalformedPacketException: never an
 * index, null-pointer or illegal-argument exception that a caller catching the protocol error
 * would let through.
 */
class DecoderFuzzTest {
    private static final int ALL_CAPS = 0x01ffffff;
    private static final List<Capabilities> CAPS = List.of(new Capabilities(0),
            new Capabilities(CapabilityFlags.CLIENT_PROTOCOL_41), new Capabilities(CapabilityFlags.CLIENT_TRANSACTIONS),
            new Capabilities(ALL_CAPS));

    private static final List<ParamType> BOUND = List.of(new ParamType(ColumnType.DATETIME, false),
            new ParamType(ColumnType.TIME, false));
    private static final BitSet LONG_DATA_FIRST = BitSet.valueOf(new byte[] {1});
    private static final List<ColumnDefinition41> ROW_COLUMNS = List.of(
            new ColumnDefinition41("", "", "", "a", "", 63, 8, ColumnType.LONGLONG, 0, 0),
            new ColumnDefinition41("", "", "", "b", "", 63, 8, ColumnType.DATETIME, 0, 0),
            new ColumnDefinition41("", "", "", "c", "", 45, 8, ColumnType.VAR_STRING, 0, 0));

    private static final List<Function<WireReader, Object>> DECODERS = List.of(
            r -> HandshakeV10.decode(r, CAPS.get(0)),
            r -> HandshakeResponse41.decode(r, CAPS.get(0)),
            r -> SslRequest.decode(r, CAPS.get(0)),
            r -> AuthSwitchRequest.decode(r, CAPS.get(0)),
            r -> AuthMoreData.decode(r, CAPS.get(0)),
            r -> OkPacket.decode(r, CAPS.get(0)),
            r -> OkPacket.decode(r, CAPS.get(1)),
            r -> OkPacket.decode(r, CAPS.get(2)),
            r -> OkPacket.decode(r, CAPS.get(3)),
            r -> ErrPacket.decode(r, CAPS.get(0)),
            r -> ErrPacket.decode(r, CAPS.get(1)),
            r -> EofPacket.decode(r, CAPS.get(1)),
            r -> ColumnCount.decode(r, CAPS.get(1)),
            r -> ColumnDefinition41.decode(r, CAPS.get(1)),
            r -> TextResultRow.decode(r, 3),
            ComQuery::decode,
            ComInitDb::decode,
            ComFieldList::decode,
            ComProcessKill::decode,
            ComSetOption::decode,
            ComStmtPrepare::decode,
            r -> ComStmtPrepareOk.decode(r, CAPS.get(1)),
            r -> ComStmtExecute.decode(r, CAPS.get(1), id -> new Shape(3, null, new BitSet())),
            r -> ComStmtExecute.decode(r, CAPS.get(1), id -> new Shape(2, BOUND, LONG_DATA_FIRST)),
            ComStmtSendLongData::decode,
            ComStmtClose::decode,
            ComStmtReset::decode,
            ComStmtFetch::decode,
            r -> BinaryResultRow.decode(r, ROW_COLUMNS));

    /** Valid encodings to mutate: random bytes alone rarely get past a header byte. */
    private static final List<byte[]> VALID = validEncodings();

    private static List<byte[]> validEncodings() {
        try {
            Capabilities all = new Capabilities(ALL_CAPS);
            byte[] seed = "abcdefghijklmnopqrst".getBytes();
            return List.of(
                    new HandshakeV10("8.0.36", 7, seed, all, 255, 2, "caching_sha2_password").encode(all),
                    new HandshakeResponse41(all, 1 << 24, 45, "root", seed, "db", "mysql_native_password",
                            Map.of("_client_name", "libmysql", "_pid", "42")).encode(all),
                    new HandshakeResponse41(new Capabilities(CapabilityFlags.CLIENT_PROTOCOL_41
                            | CapabilityFlags.CLIENT_SECURE_CONNECTION | CapabilityFlags.CLIENT_CONNECT_ATTRS),
                            0, 45, "u", seed, null, null, Map.of("k", "v")).encode(all),
                    new SslRequest(all, 1 << 24, 45).encode(all),
                    new AuthSwitchRequest("mysql_native_password", seed).encode(all),
                    new OkPacket(300, 70_000, 2, 1, "info").encode(all),
                    new ErrPacket(1064, "42000", "syntax error").encode(all),
                    new EofPacket(0, 2).encode(all),
                    new ColumnDefinition41("s", "t", "t", "c", "c", 45, 11, ColumnType.LONG, 0, 0).encode(all),
                    new TextResultRow(new byte[][] {"1".getBytes(), null, new byte[300]}).encode(all),
                    new ComStmtPrepareOk(1, 2, 3, 0).encode(all),
                    new ComStmtExecute(1, 0, 1, true, List.of(new ParamType(ColumnType.LONG, false),
                            new ParamType(ColumnType.DATETIME, false), new ParamType(ColumnType.VAR_STRING, false)),
                            Arrays.asList(5L, new MySqlDateTime(2024, 2, 29, 1, 2, 3, 4), null)).encode(all),
                    new ComStmtSendLongData(1, 0, seed).encode(all),
                    new BinaryResultRow(new Object[] {7L, new MySqlDateTime(2024, 1, 1, 0, 0, 0, 0), seed})
                            .encode(ROW_COLUMNS),
                    new ProxyHeaderV2(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 1),
                            new InetSocketAddress(InetAddress.getByName("2001:db8::2"), 2), true).encode(),
                    new ProxyHeaderV2(new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 1),
                            new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 2), true).encode(),
                    // TCP6 with both addresses IPv4-mapped, as a dual-stack listener may report them
                    Hex.bytes("0d0a0d0a000d0a515549540a 21 21 0024"
                            + " 00000000000000000000ffff0a000001 00000000000000000000ffff0a000002 0001 0002"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertEveryDecoderReturnsOrIsMalformed(byte[] bytes) {
        for (int i = 0; i < DECODERS.size(); i++) {
            try {
                DECODERS.get(i).apply(new WireReader(bytes));
            } catch (MalformedPacketException expected) {
                // the one failure a decoder may report
            } catch (RuntimeException e) {
                throw new AssertionError("decoder " + i + " threw " + e + " on " + Hex.of(bytes), e);
            }
        }
    }

    private static void assertProxyHeaderIsReadOrRefused(byte[] bytes) {
        try {
            ProxyHeaderV2.decode(bytes);
        } catch (ProxyHeaderException expected) {
            // refused
        } catch (RuntimeException e) {
            throw new AssertionError("ProxyHeaderV2 threw " + e + " on " + Hex.of(bytes), e);
        }
    }

    /** One edit: replace the byte at a position, cut there, or insert a byte there. */
    private record Edit(int position, byte value, int kind) {
        byte[] apply(byte[] b) {
            int at = position % (b.length + 1);
            return switch (kind) {
                case 0 -> {
                    byte[] out = b.clone();
                    if (at < out.length) {
                        out[at] = value;
                    }
                    yield out;
                }
                case 1 -> Arrays.copyOf(b, at);
                default -> {
                    byte[] out = Arrays.copyOf(b, b.length + 1);
                    System.arraycopy(b, at, out, at + 1, b.length - at);
                    out[at] = value;
                    yield out;
                }
            };
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        // the bytes that change how a length-encoded field or a header reads, most of the time
        Arbitrary<Byte> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of((byte) 0, (byte) 0xfb, (byte) 0xfc, (byte) 0xfd,
                        (byte) 0xfe, (byte) 0xff, (byte) 0x80, (byte) 0x7f)),
                Tuple.of(1, Arbitraries.bytes()));
        Arbitrary<Integer> kind = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(1, 1),
                Tuple.of(3, 2));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 1000), value, kind).as(Edit::new);
        return Combinators.combine(Arbitraries.of(VALID), edit.list().ofMinSize(1).ofMaxSize(8)).as((b, edits) -> {
            byte[] out = b;
            for (Edit e : edits) {
                out = e.apply(out);
            }
            return out;
        });
    }

    @Property(tries = 3000)
    void randomBytesOnlyDecodeOrAreMalformed(@ForAll @Size(max = 400) byte[] bytes) {
        assertEveryDecoderReturnsOrIsMalformed(bytes);
    }

    @Property(tries = 20_000)
    void mutatedMessagesOnlyDecodeOrAreMalformed(@ForAll("mutated") byte[] bytes) {
        assertEveryDecoderReturnsOrIsMalformed(bytes);
    }

    @Property(tries = 10_000)
    void mutatedProxyHeadersAreReadOrRefused(@ForAll("mutated") byte[] bytes) {
        // the signature is part of VALID, so many of these get past it
        assertProxyHeaderIsReadOrRefused(bytes);
    }

    @Property(tries = 1000)
    void randomBytesAfterTheProxySignatureAreReadOrRefused(@ForAll @Size(max = 80) byte[] rest) {
        byte[] b = Arrays.copyOf(ProxyHeaderV2.SIGNATURE, 12 + rest.length);
        System.arraycopy(rest, 0, b, 12, rest.length);

        assertProxyHeaderIsReadOrRefused(b);
    }

    @Property(tries = 1000)
    void packetStreamOnlyReadsPacketsOrEndsCleanly(@ForAll @Size(max = 200) byte[] bytes) throws IOException {
        PacketInputStream in = new PacketInputStream(new ByteArrayInputStream(bytes), 100);
        PacketFramer framer = new PacketFramer(100);
        framer.feed(ByteBuffer.wrap(bytes));
        int fromStream = 0;
        try {
            while (true) {
                in.read();
                fromStream++;
            }
        } catch (EOFException | PacketTooLargeException end) {
            // the two ways a stream of garbage ends
        }
        int fromFramer = 0;
        try {
            while (framer.next() != null) {
                fromFramer++;
            }
        } catch (IllegalStateException tooLarge) {
            assertThat(tooLarge).hasCauseInstanceOf(PacketTooLargeException.class);
        }
        assertThat(fromFramer).isEqualTo(fromStream);
    }

    @Property(tries = 2000)
    void lengthEncodedIntegersRoundTrip(@ForAll long value) {
        byte[] b = new WireWriter().lenencInt(value).toByteArray();

        WireReader r = new WireReader(b);
        assertThat(r.lenencInt()).isEqualTo(value);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Property(tries = 500)
    void lengthEncodedBytesRoundTrip(@ForAll @Size(max = 70_000) byte[] value) {
        byte[] b = new WireWriter().lenencBytes(value).toByteArray();

        assertThat(new WireReader(b).lenencBytes()).isEqualTo(value);
    }
}
