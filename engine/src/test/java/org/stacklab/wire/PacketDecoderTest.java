package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stacklab.wire.SamplePackets.LAPTOP;
import static org.stacklab.wire.SamplePackets.ROUTER;
import static org.stacklab.wire.SamplePackets.SERVER;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
    private static IpPacket roundTrip(IpPacket p) {
        return PacketDecoder.decode(PacketEncoder.encode(p));
    }

    private static IpPacket tcp(long seq, long ack, int flags, int mss, Bytes data) {
        return new IpPacket(LAPTOP, SERVER, 64, 4321, new TcpSegment(40000, 80, seq, ack, flags, 29200, mss, data));
    }

    @Test
    void udpRoundTrips() {
        IpPacket p = SamplePackets.udp(LAPTOP, 40001, SERVER, 7777, "hello");
        assertEquals(p, roundTrip(p));
    }

    @Test
    void emptyUdpRoundTrips() {
        IpPacket p = SamplePackets.udp(LAPTOP, 1, SERVER, 2, "");
        assertEquals(p, roundTrip(p));
    }

    @Test
    void tcpSynWithMssRoundTrips() {
        IpPacket p = tcp(0xFFFF_FFF0L, 0, TcpFlags.SYN, 1460, Bytes.EMPTY);
        assertEquals(p, roundTrip(p));
    }

    @Test
    void tcpWithoutMssAndPayloadRoundTrips() {
        IpPacket p = tcp(1001, 0xFFFF_FFFFL, TcpFlags.PSH | TcpFlags.ACK, 0, Bytes.generated(1460));
        assertEquals(p, roundTrip(p));
    }

    @Test
    void tcpWithOddPayloadLengthRoundTrips() {
        IpPacket p = tcp(1, 2, TcpFlags.FIN | TcpFlags.ACK, 536, Bytes.of("odd"));
        assertEquals(p, roundTrip(p));
    }

    @Test
    void icmpPortUnreachableRoundTripsWithATruncatedQuote() {
        IpPacket cause = SamplePackets.udp(LAPTOP, 40001, SERVER, 7777, "hello");
        IpPacket decoded = roundTrip(SamplePackets.icmp(SERVER, IcmpMessage.portUnreachable(cause)));
        IcmpMessage m = (IcmpMessage) decoded.transport();
        assertEquals(IcmpMessage.DEST_UNREACHABLE, m.type());
        assertEquals(IcmpMessage.CODE_PORT_UNREACHABLE, m.code());
        IpPacket expectedQuote = new IpPacket(LAPTOP, SERVER, 64, 1, new UdpDatagram(40001, 7777, Bytes.EMPTY));
        assertEquals(expectedQuote, m.quoted());
        assertEquals("udp port 7777 unreachable", m.describe());
    }

    @Test
    void icmpTimeExceededRoundTripsTheQuotedTcpSequenceNumber() {
        IpPacket cause = tcp(123456789L, 5, TcpFlags.ACK, 0, Bytes.of("data")).withTtl(1);
        IpPacket decoded = roundTrip(SamplePackets.icmp(ROUTER, IcmpMessage.timeExceeded(cause)));
        IcmpMessage m = (IcmpMessage) decoded.transport();
        assertEquals(IcmpMessage.TIME_EXCEEDED, m.type());
        assertEquals(IcmpMessage.CODE_TTL_EXCEEDED, m.code());
        TcpSegment quoted = new TcpSegment(40000, 80, 123456789L, 0, 0, 0, 0, Bytes.EMPTY);
        assertEquals(new IpPacket(LAPTOP, SERVER, 1, 4321, quoted), m.quoted());
    }

    @Test
    void icmpWithoutQuoteRoundTrips() {
        IpPacket p = new IpPacket(ROUTER, LAPTOP, 64, 9, new IcmpMessage(3, 1, null));
        assertNull(((IcmpMessage) roundTrip(p).transport()).quoted());
    }

    @Test
    void trailingLinkLayerPaddingIsIgnored() {
        IpPacket p = SamplePackets.udp(LAPTOP, 1, SERVER, 2, "x");
        byte[] padded = Arrays.copyOf(PacketEncoder.encode(p), 60);
        assertEquals(p, PacketDecoder.decode(padded, 0, padded.length));
    }

    @Test
    void badIpHeaderChecksumIsReported() {
        byte[] b = PacketEncoder.encode(SamplePackets.udp(LAPTOP, 1, SERVER, 2, "x"));
        b[8]--;
        var e = assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b));
        assertTrue(e.getMessage().startsWith("bad IPv4 header checksum"), e.getMessage());
    }

    @Test
    void badUdpChecksumIsReported() {
        byte[] b = PacketEncoder.encode(SamplePackets.udp(LAPTOP, 1, SERVER, 2, "x"));
        b[b.length - 1] ^= 1;
        var e = assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b));
        assertTrue(e.getMessage().startsWith("bad UDP checksum"), e.getMessage());
    }

    @Test
    void badTcpChecksumIsReported() {
        byte[] b = PacketEncoder.encode(tcp(1, 2, TcpFlags.ACK, 0, Bytes.of("abc")));
        b[36] ^= 0x10; // checksum field itself
        var e = assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b));
        assertTrue(e.getMessage().startsWith("bad TCP checksum"), e.getMessage());
    }

    @Test
    void everySingleBitFlipOfATcpSegmentIsDetected() {
        byte[] good = PacketEncoder.encode(tcp(1, 2, TcpFlags.PSH | TcpFlags.ACK, 1460, Bytes.of("odd")));
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] b = good.clone();
            b[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                PacketDecoder.decode(b);
                fail("flipping bit " + bit + " went unnoticed");
            } catch (IllegalArgumentException expected) {
                // detected
            }
        }
    }

    @Test
    void truncatedInputIsRejected() {
        byte[] b = PacketEncoder.encode(tcp(1, 2, TcpFlags.ACK, 0, Bytes.of("abc")));
        for (int len = 0; len < b.length; len++) {
            int n = len;
            assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b, 0, n), "length " + n);
        }
    }

    @Test
    void zeroUdpChecksumIsRefused() {
        byte[] b = PacketEncoder.encode(SamplePackets.udp(LAPTOP, 1, SERVER, 2, "x"));
        b[26] = 0;
        b[27] = 0;
        var e = assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(b));
        assertTrue(e.getMessage().contains("checksum is 0"), e.getMessage());
    }
}
