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
    void everyValidPacketRoundTrips(@ForAll("packets") Ipv4Packet p) {
        Statistics.collect(p.protocol());
        assertEquals(afterDecoding(p), PacketDecoder.decode(PacketEncoder.encode(p)));
    }

    @Property
    void encodeIntoAnOffsetWritesTheSameBytes(
            @ForAll("packets") Ipv4Packet p, @ForAll @IntRange(max = 64) int offset) {
        byte[] buf = new byte[offset + p.totalLength() + 3];
        assertEquals(p.totalLength(), PacketEncoder.encodeInto(p, buf, offset));
        assertArrayEquals(PacketEncoder.encode(p), Arrays.copyOfRange(buf, offset, offset + p.totalLength()));
    }

    @Property
    void anySingleBitFlipInTheHeadersIsDetected(
            @ForAll("packets") Ipv4Packet p, @ForAll @IntRange(max = Integer.MAX_VALUE) int which) {
        int headerBits = (Ipv4Packet.HEADER + p.transport().headerLength()) * 8;
        assertFlipDetected(p, which % headerBits);
    }

    @Property
    void anySingleBitFlipAnywhereIsDetected(
            @ForAll("packets") Ipv4Packet p, @ForAll @IntRange(max = Integer.MAX_VALUE) int which) {
        assertFlipDetected(p, which % (p.totalLength() * 8));
    }

    private static void assertFlipDetected(Ipv4Packet p, int bit) {
        byte[] b = PacketEncoder.encode(p);
        b[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b), "bit " + bit);
    }

    /** What the decoder can give back: an ICMP quote keeps only the first 8 transport bytes. */
    private static Ipv4Packet afterDecoding(Ipv4Packet p) {
        if (!(p.transport() instanceof IcmpMessage m) || m.quoted() == null) {
            return p;
        }
        Ipv4Packet q = m.quoted();
        Ipv4Packet quote = new Ipv4Packet(q.src(), q.dst(), q.ttl(), q.id(), firstEightBytes(q.transport()));
        return new Ipv4Packet(p.src(), p.dst(), p.ttl(), p.id(), new IcmpMessage(m.type(), m.code(), quote));
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
    Arbitrary<Ipv4Packet> packets() {
        Arbitrary<Ipv4Packet> quotable = Arbitraries.oneOf(udpPackets(), tcpPackets(), packets(icmp(nothing())));
        return Arbitraries.oneOf(udpPackets(), tcpPackets(), packets(icmp(quotable)));
    }

    private Arbitrary<Ipv4Packet> udpPackets() {
        return packets(Combinators.combine(ports(), ports(), data()).as(UdpDatagram::new));
    }

    private Arbitrary<Ipv4Packet> tcpPackets() {
        Arbitrary<Long> seq = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, 0xFF);
        Arbitrary<Integer> mss = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 0xFFFF));
        return packets(Combinators.combine(ports(), ports(), seq, seq, flags, ports(), mss, data())
                .as(TcpSegment::new));
    }

    private Arbitrary<IcmpMessage> icmp(Arbitrary<Ipv4Packet> quoted) {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 0xFF);
        return Combinators.combine(octet, octet, quoted).as(IcmpMessage::new);
    }

    private static Arbitrary<Ipv4Packet> nothing() {
        return Arbitraries.just(null);
    }

    private Arbitrary<Ipv4Packet> packets(Arbitrary<? extends Transport> transports) {
        Arbitrary<Ipv4Address> addresses = Arbitraries.integers().map(Ipv4Address::new);
        Arbitrary<Integer> ttl = Arbitraries.integers().between(0, 0xFF);
        return Combinators.combine(addresses, addresses, ttl, ports(), transports).as(Ipv4Packet::new);
    }

    private static Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    private static Arbitrary<Bytes> data() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600).map(Bytes::wrap);
    }
}
