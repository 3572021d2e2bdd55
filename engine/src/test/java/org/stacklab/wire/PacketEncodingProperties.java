package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class PacketEncodingProperties {

    @Property
    void everyValidPacketRoundTrips(@ForAll("packets") IpPacket p) {
        Statistics.collect(p.protocol());
        assertEquals(afterDecoding(p), PacketDecoder.decode(PacketEncoder.encode(p)));
    }

    @Property
    void encodeIntoAnOffsetWritesTheSameBytes(
            @ForAll("packets") IpPacket p, @ForAll @IntRange(max = 64) int offset) {
        byte[] buf = new byte[offset + p.totalLength() + 3];
        assertEquals(p.totalLength(), PacketEncoder.encodeInto(p, buf, offset));
        assertArrayEquals(PacketEncoder.encode(p), Arrays.copyOfRange(buf, offset, offset + p.totalLength()));
    }

    @Property
    void anySingleBitFlipInTheHeadersIsDetected(
            @ForAll("packets") IpPacket p, @ForAll @IntRange(max = Integer.MAX_VALUE) int which) {
        int headerBits = (p.headerLength() + p.transport().headerLength()) * 8;
        assertFlipDetected(p, which % headerBits);
    }

    @Property
    void anySingleBitFlipAnywhereIsDetected(
            @ForAll("packets") IpPacket p, @ForAll @IntRange(max = Integer.MAX_VALUE) int which) {
        assertFlipDetected(p, which % (p.totalLength() * 8));
    }

    private static void assertFlipDetected(IpPacket p, int bit) {
        byte[] b = PacketEncoder.encode(p);
        b[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b), "bit " + bit);
    }

    /** What the decoder can give back: an ICMP quote keeps only the first 8 transport bytes. */
    private static IpPacket afterDecoding(IpPacket p) {
        if (!(p.transport() instanceof IcmpMessage m) || m.quoted() == null) {
            return p;
        }
        IpPacket q = m.quoted();
        IpPacket quote = new IpPacket(q.src(), q.dst(), q.ttl(), q.id(), firstEightBytes(q.transport()));
        return new IpPacket(p.src(), p.dst(), p.ttl(), p.id(), new IcmpMessage(m.type(), m.code(), quote));
    }

    private static Transport firstEightBytes(Transport t) {
        if (t instanceof UdpDatagram u) {
            return new UdpDatagram(u.srcPort(), u.dstPort(), Bytes.EMPTY);
        }
        if (t instanceof TcpSegment s) {
            return new TcpSegment(s.srcPort(), s.dstPort(), s.seq(), 0, 0, 0, 0, Bytes.EMPTY);
        }
        IcmpMessage m = (IcmpMessage) t;
        return new IcmpMessage(m.type(), m.code(), null);
    }

    @Provide
    Arbitrary<IpPacket> packets() {
        Arbitrary<IpPacket> quotable = Arbitraries.oneOf(udpPackets(), tcpPackets(), packets(icmp(nothing())));
        return Arbitraries.oneOf(udpPackets(), tcpPackets(), packets(icmp(quotable)));
    }

    private Arbitrary<IpPacket> udpPackets() {
        return packets(Combinators.combine(ports(), ports(), data()).as(UdpDatagram::new));
    }

    private Arbitrary<IpPacket> tcpPackets() {
        Arbitrary<Long> seq = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, 0xFF);
        Arbitrary<Integer> mss = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 0xFFFF));
        return packets(Combinators.combine(ports(), ports(), seq, seq, flags, ports(), mss, data())
                .as(TcpSegment::new));
    }

    private Arbitrary<IcmpMessage> icmp(Arbitrary<IpPacket> quoted) {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 0xFF);
        return Combinators.combine(octet, octet, quoted).as(IcmpMessage::new);
    }

    private static Arbitrary<IpPacket> nothing() {
        return Arbitraries.just(null);
    }

    private Arbitrary<IpPacket> packets(Arbitrary<? extends Transport> transports) {
        Arbitrary<Ipv4Address> addresses = Arbitraries.integers().map(Ipv4Address::new);
        Arbitrary<Integer> ttl = Arbitraries.integers().between(0, 0xFF);
        return Combinators.combine(addresses, addresses, ttl, ports(), transports).as(IpPacket::new);
    }

    private static Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    private static Arbitrary<Bytes> data() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600).map(Bytes::wrap);
    }
}
