package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.transport.tcp.TcpSocket;

/** IPv6 packets (RFC 8200) carrying TCP, UDP and ICMPv6 (RFC 4443): header bytes, checksums, round trips. */
class Ipv6PacketTest {
    static final Ipv6Address CLIENT = Ipv6Address.parse("2001:db8::2");
    static final Ipv6Address SERVER = Ipv6Address.parse("2001:db8::5");
    static final Ipv6Address ROUTER = Ipv6Address.parse("2001:db8::1");

    static IpPacket syn() {
        return new IpPacket(CLIENT, SERVER, 64, 0,
                new TcpSegment(5678, 80, 1000, 0, TcpFlags.SYN, 65535, TcpSocket.mssFor(true), Bytes.EMPTY));
    }

    static IpPacket udp(String data) {
        return new IpPacket(CLIENT, SERVER, 64, 0, new UdpDatagram(5678, 7, Bytes.of(data)));
    }

    /** A sample of every kind, for the round trips and the tshark check. */
    static List<IpPacket> samples() {
        IpPacket data = new IpPacket(SERVER, CLIENT, 64, 0,
                new TcpSegment(80, 5678, 2000, 1001, TcpFlags.ACK | TcpFlags.PSH, 65535, 0, Bytes.of("hello, six")));
        IpPacket odd = udp("odd");
        return List.of(syn(), data, odd,
                new IpPacket(SERVER, CLIENT, 64, 0, IcmpMessage.portUnreachable(odd)),
                new IpPacket(ROUTER, CLIENT, 64, 0, IcmpMessage.timeExceeded(syn().withTtl(1))),
                new IpPacket(ROUTER, CLIENT, 64, 0, IcmpMessage.noRoute(data)));
    }

    @Test
    void theHeaderIsRfc8200s() {
        byte[] b = PacketEncoder.encode(syn());
        assertEquals(40 + 24, b.length, "IPv6 header, TCP header with the MSS option");
        assertEquals(0x60, b[0] & 0xFF, "version 6, traffic class 0");
        assertEquals(0, b[1] | b[2] | b[3], "flow label 0");
        assertEquals(24, ((b[4] & 0xFF) << 8) | (b[5] & 0xFF), "payload length excludes the IPv6 header");
        assertEquals(6, b[6], "next header TCP");
        assertEquals(64, b[7], "hop limit");
        assertEquals(0x20, b[8] & 0xFF);
        assertEquals(2, b[23], "source 2001:db8::2");
        assertEquals(5, b[39], "destination 2001:db8::5");
    }

    @Test
    void mssIs1440OverIpv6On1500ByteLinks() {
        assertEquals(1440, TcpSocket.mssFor(true));
        assertEquals(1460, TcpSocket.mssFor(false));
        assertEquals(1440, ((TcpSegment) PacketDecoder.decode(PacketEncoder.encode(syn())).transport()).mss());
    }

    @Test
    void everyKindRoundTripsWithItsChecksumVerified() {
        for (IpPacket p : samples()) {
            IpPacket back = PacketDecoder.decode(PacketEncoder.encode(p));
            assertTrue(back.isIpv6(), p.toString());
            assertEquals(p.src(), back.src());
            assertEquals(p.dst(), back.dst());
            assertEquals(p.ttl(), back.ttl());
            assertEquals(p.protocol(), back.protocol());
            if (!(p.transport() instanceof IcmpMessage)) {
                assertEquals(p, back, "TCP and UDP come back whole");
            }
        }
    }

    @Test
    void icmpv6QuotesTheWholeOffendingPacketAndCarriesItsOwnNumbers() {
        IpPacket cause = udp("x".repeat(100));
        IcmpMessage m = IcmpMessage.portUnreachable(cause);
        assertEquals(Protocol.ICMPV6, m.protocol());
        assertEquals(1, m.type(), "RFC 4443 destination unreachable");
        assertEquals(4, m.code(), "port unreachable");
        assertEquals(cause.totalLength(), m.payloadLength(), "as much as fits in 1280 bytes: here all of it");
        IcmpMessage big = IcmpMessage.portUnreachable(udp("y".repeat(3000)));
        assertEquals(1280, new IpPacket(SERVER, CLIENT, 64, 0, big).totalLength(), "never beyond the minimum MTU");
        IcmpMessage back = (IcmpMessage) PacketDecoder.decode(PacketEncoder.encode(new IpPacket(SERVER, CLIENT, 64, 0, m))).transport();
        assertTrue(back.v6() && back.isPortUnreachable());
        assertEquals(cause.srcEndpoint(), back.quoted().srcEndpoint());
        assertEquals(cause.dstEndpoint(), back.quoted().dstEndpoint());
        assertEquals(3, IcmpMessage.timeExceeded(cause).type(), "RFC 4443 time exceeded");
    }

    @Test
    void theIcmpv6ChecksumCoversThePseudoHeader() {
        IpPacket p = new IpPacket(SERVER, CLIENT, 64, 0, IcmpMessage.portUnreachable(udp("a")));
        byte[] b = PacketEncoder.encode(p);
        int len = b.length - 40;
        // sum over the ICMPv6 message alone is not all ones: the pseudo-header is part of it (RFC 4443 2.3)
        assertFalse(InternetChecksum.verifies(InternetChecksum.add(0, b, 40, len)));
        assertTrue(InternetChecksum.verifies(InternetChecksum.add(
                InternetChecksum.pseudoHeader(SERVER, CLIENT, Protocol.ICMPV6, len), b, 40, len)));
        b[20] ^= 1; // a bit of the source address: only the pseudo-header covers it
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b));
        assertTrue(e.getMessage().contains("ICMPv6 checksum"), e.getMessage());
    }

    @Test
    void aFlippedBitInAnyUdpOrTcpByteIsCaught() {
        for (IpPacket p : List.of(syn(), udp("abc"))) {
            byte[] good = PacketEncoder.encode(p);
            for (int i = 8; i < good.length; i++) { // addresses (pseudo-header) and the transport
                byte[] b = good.clone();
                b[i] ^= 0x10;
                int at = i;
                assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b), "byte " + at);
            }
        }
    }

    @Test
    void familiesDoNotMix() {
        assertThrows(IllegalArgumentException.class, () -> new IpPacket(CLIENT, Ipv4Address.LOOPBACK, 64, 0,
                new UdpDatagram(1, 2, Bytes.EMPTY)));
        IpPacket v4 = new IpPacket(Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.5"), 64, 1,
                new UdpDatagram(1, 2, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new IpPacket(SERVER, CLIENT, 64, 0, IcmpMessage.portUnreachable(v4)));
        assertEquals(0, new IpPacket(CLIENT, SERVER, 64, 77, new UdpDatagram(1, 2, Bytes.EMPTY)).id(), "IPv6 has no identification");
    }
}
