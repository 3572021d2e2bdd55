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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wireshark reads our IPv6 packets, in pcap and pcapng (LINKTYPE_RAW carries both families): none malformed, checksums good. */
class TsharkIpv6Test {
    private static final List<IpPacket> PACKETS = Ipv6PacketTest.samples();
    private static final List<String> FIELDS = List.of("frame.number", "_ws.col.Protocol", "ipv6.src", "ipv6.dst",
            "ipv6.hlim", "udp.checksum.status", "tcp.checksum.status", "icmpv6.checksum.status", "tcp.options.mss_val",
            "icmpv6.type", "icmpv6.code", "_ws.expert.severity", "_ws.expert.message", "_ws.malformed");
    private static final String GOOD = "1";

    @TempDir
    Path dir;

    @BeforeEach
    void requireTshark() {
        TsharkSupport.assumeInstalled();
    }

    @Test
    void pcapOfIpv6IsWellFormed() throws IOException {
        Path file = dir.resolve("six.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file))) {
            for (int i = 0; i < PACKETS.size(); i++) {
                byte[] b = PacketEncoder.encode(PACKETS.get(i));
                w.write(i * 1000L, b, b.length);
            }
        }
        check(TsharkSupport.fields(file, TsharkSupport.CHECK_CHECKSUMS, FIELDS));
    }

    @Test
    void pcapngOfIpv6IsWellFormedAndNamesIpv6Hosts() throws IOException {
        Path file = dir.resolve("six.pcapng");
        try (OutputStream out = Files.newOutputStream(file); PcapngWriter w = new PcapngWriter(out)) {
            int iface = w.addInterface("client:eth0", PcapWriter.LINKTYPE_RAW);
            w.addName(Ipv6PacketTest.CLIENT, "client");
            w.addName(Ipv6PacketTest.SERVER, "server");
            for (int i = 0; i < PACKETS.size(); i++) {
                byte[] b = PacketEncoder.encode(PACKETS.get(i));
                w.write(iface, i * 1000L, b, b.length, null);
            }
        }
        List<String> options = new ArrayList<>(TsharkSupport.CHECK_CHECKSUMS);
        options.addAll(List.of("-N", "n"));
        List<String> fields = new ArrayList<>(FIELDS);
        fields.add("ipv6.src_host");
        List<Map<String, String>> rows = TsharkSupport.fields(file, options, fields);
        check(rows);
        assertEquals("client", values(rows.get(0), "ipv6.src_host").get(0), "the NRB's IPv6 record names the host");
        assertEquals("server", values(rows.get(1), "ipv6.src_host").get(0));
    }

    private static void check(List<Map<String, String>> rows) {
        assertEquals(PACKETS.size(), rows.size(), "every packet read");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            IpPacket p = PACKETS.get(i);
            String where = "packet " + (i + 1) + " " + row;
            assertEquals("", row.get("_ws.malformed"), where);
            assertEquals(p.src().toString(), values(row, "ipv6.src").get(0), where);
            assertEquals(p.dst().toString(), values(row, "ipv6.dst").get(0), where);
            assertEquals(String.valueOf(p.ttl()), values(row, "ipv6.hlim").get(0), where);
            String proto = p.protocol() == Protocol.ICMPV6 ? "icmpv6" : p.protocol().label();
            assertEquals(GOOD, values(row, proto + ".checksum.status").get(0), where);
            for (String severity : values(row, "_ws.expert.severity")) {
                assertTrue(Integer.parseInt(severity) < TsharkSupport.SEVERITY_WARN, where);
            }
        }
        assertEquals("1440", rows.get(0).get("tcp.options.mss_val"), "MSS over IPv6");
        assertEquals("1", values(rows.get(3), "icmpv6.type").get(0), "destination unreachable");
        assertEquals("4", values(rows.get(3), "icmpv6.code").get(0), "port unreachable");
        assertEquals("3", values(rows.get(4), "icmpv6.type").get(0), "time exceeded");
    }
}
