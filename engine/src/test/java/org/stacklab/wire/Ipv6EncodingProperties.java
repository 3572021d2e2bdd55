package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * IPv6 packets (RFC 8200) of every kind round-trip through the encoder and decoder, and any bit flipped
 * outside the hop limit is caught: the TCP, UDP and ICMPv6 checksums cover the addresses through the
 * pseudo-header. IPv6 has no header checksum (RFC 8200 section 9), so a changed hop limit is not
 * detectable, on the real wire either.
 */
class Ipv6EncodingProperties {
    private static final int HOP_LIMIT_BYTE = 7;

    @Property
    void everyValidIpv6PacketRoundTrips(@ForAll("packets") IpPacket p) {
        assertEquals(afterDecoding(p), PacketDecoder.decode(PacketEncoder.encode(p)));
    }

    @Property
    void anySingleBitFlipButTheHopLimitsIsDetected(
            @ForAll("packets") IpPacket p, @ForAll @IntRange(max = Integer.MAX_VALUE) int which) {
        int bit = which % (p.totalLength() * 8);
        byte[] b = PacketEncoder.encode(p);
        b[bit / 8] ^= (byte) (1 << (bit % 8));
        if (bit / 8 == HOP_LIMIT_BYTE) {
            assertEquals(p.ttl() ^ (1 << (bit % 8)), PacketDecoder.decode(b).ttl());
            return;
        }
        assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b), "bit " + bit);
    }

    /** An ICMPv6 quote reads back as its header and what the first 8 transport bytes hold, as ICMP's. */
    private static IpPacket afterDecoding(IpPacket p) {
        if (!(p.transport() instanceof IcmpMessage m) || m.quoted() == null) {
            return p;
        }
        IpPacket q = m.quoted();
        Transport t = q.transport();
        Transport first = t instanceof UdpDatagram u ? new UdpDatagram(u.srcPort(), u.dstPort(), Bytes.EMPTY)
                : t instanceof TcpSegment s ? new TcpSegment(s.srcPort(), s.dstPort(), s.seq(), 0, 0, 0, 0, Bytes.EMPTY)
                : new IcmpMessage(((IcmpMessage) t).type(), ((IcmpMessage) t).code(), null, true);
        return new IpPacket(p.src(), p.dst(), p.ttl(), 0,
                new IcmpMessage(m.type(), m.code(), new IpPacket(q.src(), q.dst(), q.ttl(), 0, first), true));
    }

    @Provide
    Arbitrary<IpPacket> packets() {
        Arbitrary<IpPacket> quotable = Arbitraries.oneOf(udp(), tcp(), packets(icmp(Arbitraries.just(null))));
        return Arbitraries.oneOf(udp(), tcp(), packets(icmp(quotable)));
    }

    private Arbitrary<IpPacket> udp() {
        return packets(Combinators.combine(ports(), ports(), data()).as(UdpDatagram::new));
    }

    private Arbitrary<IpPacket> tcp() {
        Arbitrary<Long> seq = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        Arbitrary<Integer> mss = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 0xFFFF));
        return packets(Combinators.combine(ports(), ports(), seq, seq, Arbitraries.integers().between(0, 0xFF), ports(),
                mss, data()).as(TcpSegment::new));
    }

    private Arbitrary<IcmpMessage> icmp(Arbitrary<IpPacket> quoted) {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 0xFF);
        return Combinators.combine(octet, octet, quoted).as((t, c, q) -> new IcmpMessage(t, c, q, true));
    }

    private Arbitrary<IpPacket> packets(Arbitrary<? extends Transport> transports) {
        Arbitrary<Long> half = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, 0x20010db8_00000000L));
        Arbitrary<Ipv6Address> addresses = Combinators.combine(half, half).as(Ipv6Address::new);
        return Combinators.combine(addresses, addresses, Arbitraries.integers().between(0, 0xFF), transports)
                .as((s, d, ttl, t) -> new IpPacket(s, d, ttl, 0, t));
    }

    private static Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    private static Arbitrary<Bytes> data() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(1500).map(Bytes::wrap);
    }
}
