package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.wire.TsharkSupport.values;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/** Wireshark reads our captures: every packet, no malformed one, every checksum good. */
class TsharkCaptureTest {
    private static final List<SamplePackets.Timed> EXCHANGE = SamplePackets.exchange();
    private static final List<String> CHECKS = List.of("frame.number", "_ws.col.Protocol",
            "ip.checksum.status", "udp.checksum.status", "tcp.checksum.status", "icmp.checksum.status",
            "_ws.expert.severity", "_ws.expert.message", "_ws.malformed");
    /** Wireshark's checksum status values: 0 bad, 1 good, 2 unverified (as in a truncated ICMP quote). */
    private static final String GOOD = "1";
    private static final String BAD = "0";

    @TempDir
    Path dir;

    @BeforeEach
    void requireTshark() {
        TsharkSupport.assumeInstalled();
    }

    @Test
    void pcapIsReadWithGoodChecksumsAndMicrosecondTimes(TestReporter reporter) throws IOException {
        reporter.publishEntry("tshark", TsharkSupport.version());
        Path pcap = writePcap(dir.resolve("exchange.pcap"));
        List<Map<String, String>> rows = TsharkSupport.fields(pcap, TsharkSupport.CHECK_CHECKSUMS,
                concat(CHECKS, List.of("frame.time_epoch")));
        assertWellFormed(rows);
        assertEquals("0.060000000", rows.get(5).get("frame.time_epoch"), "123 ns are below pcap's resolution");
    }

    @Test
    void pcapngCarriesInterfaceNamesHostNamesAndComments() throws IOException {
        Path pcapng = writePcapng(dir.resolve("exchange.pcapng"));
        String comment = TsharkSupport.commentField();
        List<String> options = concat(TsharkSupport.CHECK_CHECKSUMS, List.of("-N", "n"));
        List<Map<String, String>> rows = TsharkSupport.fields(pcapng, options, concat(CHECKS,
                List.of("frame.time_epoch", "frame.interface_name", "ip.src_host", "ip.dst_host", comment)));
        assertWellFormed(rows);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            SamplePackets.Timed t = EXCHANGE.get(i);
            assertEquals(interfaceOf(t.packet()), row.get("frame.interface_name"), "packet " + (i + 1));
            assertEquals(hostName(t.packet().src()), values(row, "ip.src_host").get(0), "packet " + (i + 1));
            assertEquals(hostName(t.packet().dst()), values(row, "ip.dst_host").get(0), "packet " + (i + 1));
            assertEquals(t.comment() == null ? "" : t.comment(), row.get(comment), "packet " + (i + 1));
            assertEquals(String.format("%d.%09d", t.timeNs() / 1_000_000_000L, t.timeNs() % 1_000_000_000L),
                    row.get("frame.time_epoch"), "packet " + (i + 1));
        }
    }

    /** Every packet read, in order; no malformed packet, no bad checksum, no warning or error. */
    private static void assertWellFormed(List<Map<String, String>> rows) {
        assertEquals(IntStream.rangeClosed(1, EXCHANGE.size()).mapToObj(String::valueOf).toList(),
                rows.stream().map(r -> r.get("frame.number")).toList(), "frames read");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            IpPacket p = EXCHANGE.get(i).packet();
            String where = "packet " + (i + 1) + " " + row;
            assertEquals("", row.get("_ws.malformed"), where);
            assertEquals(GOOD, values(row, "ip.checksum.status").get(0), where);
            assertEquals(GOOD, values(row, p.protocol().label() + ".checksum.status").get(0), where);
            for (String field : List.of("ip", "udp", "tcp", "icmp")) {
                assertTrue(!values(row, field + ".checksum.status").contains(BAD), where);
            }
            for (String severity : values(row, "_ws.expert.severity")) {
                assertTrue(Integer.parseInt(severity) < TsharkSupport.SEVERITY_WARN, where);
            }
        }
        assertEquals("HTTP", rows.get(3).get("_ws.col.Protocol"), "the request is recognised as HTTP");
        assertEquals("ICMP", rows.get(6).get("_ws.col.Protocol"));
    }

    private static String interfaceOf(IpPacket p) {
        return p.src().equals(SamplePackets.ROUTER) ? "router:eth1" : "laptop:eth0";
    }

    private static String hostName(IpAddress a) {
        if (a.equals(SamplePackets.ROUTER)) {
            return "router";
        }
        return a.equals(SamplePackets.LAPTOP) ? "laptop" : "server";
    }

    private static Path writePcap(Path file) throws IOException {
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file))) {
            for (SamplePackets.Timed t : EXCHANGE) {
                byte[] b = PacketEncoder.encode(t.packet());
                w.write(t.timeNs(), b, b.length);
            }
        }
        return file;
    }

    private static Path writePcapng(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); PcapngWriter w = new PcapngWriter(out)) {
            int laptop = w.addInterface("laptop:eth0", PcapWriter.LINKTYPE_RAW);
            int router = w.addInterface("router:eth1", PcapWriter.LINKTYPE_RAW);
            for (Ipv4Address a : List.of(SamplePackets.LAPTOP, SamplePackets.ROUTER, SamplePackets.SERVER)) {
                w.addName(a, hostName(a));
            }
            for (SamplePackets.Timed t : EXCHANGE) {
                byte[] b = PacketEncoder.encode(t.packet());
                int iface = interfaceOf(t.packet()).startsWith("router") ? router : laptop;
                w.write(iface, t.timeNs(), b, b.length, t.comment());
            }
        }
        return file;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
