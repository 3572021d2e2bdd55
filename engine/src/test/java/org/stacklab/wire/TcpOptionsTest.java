package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.wire.TcpOptions.SackBlock;

/** TCP options as Linux lays them out, through the encoder, the decoder and Wireshark. */
class TcpOptionsTest {
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.2");
    private static final Ipv4Address B = Ipv4Address.parse("192.168.1.5");
    static final TcpOptions LINUX_SYN = new TcpOptions(1460, true, true, 1, 0, 7, List.of());
    static final TcpOptions DATA = new TcpOptions(0, false, true, 1234, 5678, -1, List.of());
    static final TcpOptions SACK = DATA.withSack(List.of(new SackBlock(5000, 6448), new SackBlock(7896, 9344)));

    @TempDir
    Path dir;

    private static IpPacket packet(int flags, TcpOptions o, String data) {
        return new IpPacket(A, B, 64, 7, new TcpSegment(40000, 80, 1000, flags == TcpFlags.SYN ? 0 : 2000, flags,
                502, o, Bytes.of(data)));
    }

    private static String optionBytes(TcpOptions o) {
        byte[] b = PacketEncoder.encode(packet(TcpFlags.SYN, o, ""));
        return HexFormat.of().formatHex(b, 40, b.length);
    }

    @Test
    void synOptionsAreLinuxsTwentyBytesInLinuxsOrder() {
        assertEquals(20, LINUX_SYN.length());
        // tcp_options_write's layout for a SYN: 020405b4 0402080a <TSval> <TSecr> 01030307
        assertEquals("020405b4" + "0402080a" + "00000001" + "00000000" + "01030307", optionBytes(LINUX_SYN));
        assertEquals("mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7", LINUX_SYN.describe());
    }

    @Test
    void dataSegmentsCarryNopNopTimestampsAndSackBlocksAfter() {
        assertEquals(12, DATA.length());
        assertEquals("0101080a" + "000004d2" + "0000162e", optionBytes(DATA));
        assertEquals(12 + 4 + 16, SACK.length());
        assertEquals("0101080a000004d20000162e" + "01010512" + "0000138800001930" + "00001ed800002480", optionBytes(SACK));
        assertEquals("nop,nop,TS val 1234 ecr 5678,nop,nop,sack 2 {5000:6448}{7896:9344}", SACK.describe());
    }

    @Test
    void withoutTimestampsSackOkAndWindowScaleArePaddedWithNops() {
        TcpOptions o = new TcpOptions(1460, true, false, 0, 0, 7, List.of());
        assertEquals("020405b4" + "01010402" + "01030307", optionBytes(o));
        assertEquals("mss 1460,nop,nop,sackOK,nop,wscale 7", o.describe());
    }

    @Test
    void decodingGivesBackWhatWasEncoded() {
        for (TcpOptions o : List.of(TcpOptions.NONE, TcpOptions.mssOnly(1460), LINUX_SYN, DATA, SACK,
                new TcpOptions(0, false, false, 0, 0, -1, List.of(new SackBlock(0xFFFFFF00L, 0x100L))))) {
            IpPacket p = packet(TcpFlags.ACK, o, "payload");
            IpPacket back = PacketDecoder.decode(PacketEncoder.encode(p));
            assertEquals(p, back, o.describe());
            assertEquals(40 + o.length() + 7, PacketEncoder.encode(p).length);
        }
    }

    @Test
    void moreThanFortyBytesOfOptionsIsRefused() {
        TcpOptions five = DATA.withSack(List.of(new SackBlock(1, 2), new SackBlock(3, 4), new SackBlock(5, 6),
                new SackBlock(7, 8)));
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.encode(packet(TcpFlags.ACK, five, "")));
    }

    @Test
    void wiresharkDecodesTheOptionsWithoutAnomalies() throws IOException {
        TsharkSupport.assumeInstalled();
        List<IpPacket> packets = List.of(packet(TcpFlags.SYN, LINUX_SYN, ""),
                new IpPacket(B, A, 64, 8, new TcpSegment(80, 40000, 2000, 1001, TcpFlags.SYN | TcpFlags.ACK, 65160,
                        new TcpOptions(1460, true, true, 99, 1, 7, List.of()), Bytes.EMPTY)),
                new IpPacket(A, B, 64, 9, new TcpSegment(40000, 80, 1001, 2001, TcpFlags.ACK, 502,
                        new TcpOptions(0, false, true, 2, 99, -1, List.of()), Bytes.EMPTY)),
                new IpPacket(A, B, 64, 10, new TcpSegment(40000, 80, 1001, 2001, TcpFlags.ACK, 502,
                        new TcpOptions(0, false, true, 3, 99, -1, List.of(new SackBlock(3001, 4001))), Bytes.EMPTY)));
        Path pcap = dir.resolve("options.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(pcap))) {
            long t = 0;
            for (IpPacket p : packets) {
                byte[] b = PacketEncoder.encode(p);
                w.write(t += 1_000_000, b, b.length);
            }
        }
        List<Map<String, String>> rows = TsharkSupport.fields(pcap, TsharkSupport.CHECK_CHECKSUMS, List.of(
                "tcp.checksum.status", "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.sack_perm",
                "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr", "tcp.options.sack_le",
                "tcp.window_size", "tcp.len", "_ws.malformed", "_ws.expert.message"));
        assertEquals(4, rows.size());
        for (Map<String, String> r : rows) {
            assertEquals("1", r.get("tcp.checksum.status"), r.toString());
            assertEquals("", r.get("_ws.malformed"), r.toString());
        }
        assertEquals("1460", rows.get(0).get("tcp.options.mss_val"));
        assertEquals("7", rows.get(0).get("tcp.options.wscale.shift"));
        assertEquals("1", rows.get(0).get("tcp.options.timestamp.tsval"));
        assertTrue(!rows.get(0).get("tcp.options.sack_perm").isEmpty(), "sackOK present");
        assertEquals("99", rows.get(2).get("tcp.options.timestamp.tsecr"));
        // Wireshark scales the window by the SYN-ACK's shift: 502 << 7.
        assertEquals(String.valueOf(502 << 7), rows.get(2).get("tcp.window_size"));
        assertTrue(!rows.get(3).get("tcp.options.sack_le").isEmpty(), "SACK block decoded: " + rows.get(3));
    }
}
