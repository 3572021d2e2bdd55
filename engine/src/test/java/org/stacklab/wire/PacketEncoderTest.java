package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stacklab.wire.SamplePackets.LAPTOP;
import static org.stacklab.wire.SamplePackets.SERVER;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PacketEncoderTest {
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address B = Ipv4Address.parse("10.0.0.2");

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static IpPacket tcpPacket(int window, int mss, String data) {
        return new IpPacket(A, B, 64, 1,
                new TcpSegment(1234, 80, 1, 0, TcpFlags.SYN, window, mss, Bytes.of(data)));
    }

    @Test
    void udpPacketMatchesHandComputedBytes() {
        // IP checksum: ~(4500+001e+0001+4011+0a00+0001+0a00+0002) = 66cc.
        // UDP checksum: ~(pseudo 0a00+0001+0a00+0002+0011+000a + 04d2+0007+000a+6869) = 7e95.
        IpPacket p = new IpPacket(A, B, 64, 1, new UdpDatagram(1234, 7, Bytes.of("hi")));
        byte[] expected = HexFormat.of().parseHex(
                "4500001e000100004011" + "66cc" + "0a000001" + "0a000002" + "04d20007000a" + "7e95" + "6869");
        assertArrayEquals(expected, PacketEncoder.encode(p));
    }

    @Test
    void tcpSetsDontFragmentAndUdpDoesNot() {
        assertEquals(0x4000, u16(PacketEncoder.encode(tcpPacket(100, 0, "")), 6));
        IpPacket udp = new IpPacket(A, B, 64, 1, new UdpDatagram(1, 2, Bytes.EMPTY));
        assertEquals(0, u16(PacketEncoder.encode(udp), 6));
    }

    @Test
    void tcpWithoutMssHasAFiveWordHeader() {
        byte[] b = PacketEncoder.encode(tcpPacket(100, 0, "abc"));
        assertEquals(20 + 20 + 3, b.length);
        assertEquals(0x50, b[32] & 0xFF);
        assertEquals(TcpFlags.SYN, b[33]);
        assertEquals(100, u16(b, 34));
        assertEquals(0, u16(b, 38), "urgent pointer");
        assertEquals("abc", new String(b, 40, 3));
    }

    @Test
    void tcpWithMssCarriesTheOptionAfterTheFixedHeader() {
        byte[] b = PacketEncoder.encode(tcpPacket(100, 1460, ""));
        assertEquals(44, b.length);
        assertEquals(0x60, b[32] & 0xFF);
        assertArrayEquals(new byte[] {2, 4, 0x05, (byte) 0xb4}, Arrays.copyOfRange(b, 40, 44));
    }

    @Test
    void windowAboveSixteenBitsIsClamped() {
        assertEquals(0xFFFF, u16(PacketEncoder.encode(tcpPacket(1 << 20, 0, "")), 34));
    }

    @Test
    void sequenceNumbersAndIdentificationWrap() {
        TcpSegment s = new TcpSegment(1, 2, (1L << 32) + 5, (1L << 32) + 6, TcpFlags.ACK, 10, 0, Bytes.EMPTY);
        byte[] b = PacketEncoder.encode(new IpPacket(A, B, 64, 0x1_0003, s));
        assertEquals(3, u16(b, 4));
        assertEquals(5, u16(b, 26));
        assertEquals(6, u16(b, 30));
    }

    @Test
    void icmpPortUnreachableQuotesTheIpHeaderAndEightBytes() {
        IpPacket cause = SamplePackets.udp(LAPTOP, 40001, SERVER, 7777, "a payload longer than eight bytes");
        byte[] b = PacketEncoder.encode(SamplePackets.icmp(SERVER, IcmpMessage.portUnreachable(cause)));
        assertEquals(20 + 8 + 28, b.length);
        assertEquals(1, b[9], "protocol ICMP");
        assertEquals(3, b[20]);
        assertEquals(3, b[21]);
        assertArrayEquals(new byte[4], Arrays.copyOfRange(b, 24, 28), "unused");
        assertArrayEquals(Arrays.copyOf(PacketEncoder.encode(cause), 28), Arrays.copyOfRange(b, 28, 56));
    }

    @Test
    void icmpTimeExceededQuotesTheTcpPortsAndSequenceNumber() {
        IpPacket cause = SamplePackets.tcp(true, TcpFlags.SYN, 77, 0, 1460, "").withTtl(1);
        byte[] b = PacketEncoder.encode(SamplePackets.icmp(SamplePackets.ROUTER, IcmpMessage.timeExceeded(cause)));
        assertEquals(11, b[20]);
        assertEquals(0, b[21]);
        assertEquals(1, b[28 + 8], "quoted TTL as received");
        assertArrayEquals(Arrays.copyOf(PacketEncoder.encode(cause), 28), Arrays.copyOfRange(b, 28, 56));
    }

    @Test
    void icmpQuoteOfAShortPacketIsTheWholePacket() {
        IpPacket inner = new IpPacket(A, B, 64, 1, new IcmpMessage(3, 1, null));
        byte[] b = PacketEncoder.encode(new IpPacket(B, A, 64, 2, IcmpMessage.portUnreachable(inner)));
        assertArrayEquals(PacketEncoder.encode(inner), Arrays.copyOfRange(b, 28, b.length));
    }

    @Test
    void encodeIntoWritesAtTheOffsetAndReturnsTheLength() {
        IpPacket p = tcpPacket(100, 1460, "xyz");
        byte[] buf = new byte[100];
        assertEquals(p.totalLength(), PacketEncoder.encodeInto(p, buf, 10));
        assertArrayEquals(PacketEncoder.encode(p), Arrays.copyOfRange(buf, 10, 10 + p.totalLength()));
        assertEquals(0, buf[9]);
        assertThrows(IndexOutOfBoundsException.class, () -> PacketEncoder.encodeInto(p, new byte[46], 0));
    }

    @Test
    void fieldsOutOfRangeAreRejected() {
        IpPacket badTtl = new IpPacket(A, B, 256, 1, new UdpDatagram(1, 2, Bytes.EMPTY));
        IpPacket badPort = new IpPacket(A, B, 64, 1, new UdpDatagram(70000, 2, Bytes.EMPTY));
        IpPacket tooLong = new IpPacket(A, B, 64, 1, new UdpDatagram(1, 2, Bytes.generated(65508)));
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.encode(badTtl));
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.encode(badPort));
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.encode(tooLong));
    }
}
