package org.stacklab.trace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.wire.TsharkSupport.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stacklab.wire.TsharkSupport;

/**
 * Wireshark reads the captures of every scenario under scenarios/ (issue 6, item 3): every
 * file opens, no packet is malformed, no checksum is bad with validation on, trace.pcap holds
 * exactly the {@code tx} events of trace.jsonl, and so does trace.pcapng (one capture
 * point per packet, the sender's), each frame with a comment saying what became of it; an ICMP
 * port unreachable the run sent is recognised as one, and so are
 * HTTP requests and responses when the run carries HTTP on port 80. Payloads on other ports
 * are read as plain data (see {@link #decodeAsData}).
 */
class ScenarioCaptureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("frame.number", "frame.interface_name", "_ws.malformed",
            "ip.checksum.status", "udp.checksum.status", "tcp.checksum.status", "icmp.checksum.status", "icmp.type",
            "icmp.code", "http.request", "http.response", "ip.src_host", "ipv6.src_host", "icmpv6.checksum.status");
    /** Wireshark's checksum status for a bad checksum (1 is good, 2 unverified). */
    private static final String BAD = "0";
    private static final Pattern HTTP_IN_SCENARIO = Pattern.compile("http-server|http-client|\"(GET|HEAD|POST) /|HTTP/1\\.");

    @TempDir
    Path dir;

    @BeforeEach
    void requireTshark() {
        TsharkSupport.assumeInstalled();
    }

    static Stream<Path> scenarios() {
        return ScenarioRuns.teachingAndShowcase();
    }

    /** What trace.jsonl says the captures must hold. */
    private record Expected(long tx, long portUnreachable, boolean httpRequests,
            boolean httpResponses, Set<String> hosts, List<String> decodeAsData) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void tsharkReadsEveryCapture(Path scenario, TestReporter reporter) throws IOException {
        Path out = ScenarioRuns.run(scenario, dir, "jsonl,pcap,pcapng");
        Expected want = expected(out.resolve("trace.jsonl"), Files.readString(scenario, StandardCharsets.UTF_8));
        reporter.publishEntry(scenario.getFileName().toString(), want.toString());

        List<String> options = new ArrayList<>(TsharkSupport.CHECK_CHECKSUMS);
        options.addAll(want.decodeAsData());
        List<Map<String, String>> pcap = TsharkSupport.fields(out.resolve("trace.pcap"), options, FIELDS);
        assertEquals(want.tx(), pcap.size(), "trace.pcap holds one record per tx event");
        checkPackets(pcap, want, "trace.pcap");

        List<String> named = new ArrayList<>(options);
        named.addAll(List.of("-N", "n"));
        List<String> withComment = new ArrayList<>(FIELDS);
        withComment.add(TsharkSupport.commentField());
        List<Map<String, String>> pcapng = TsharkSupport.fields(out.resolve("trace.pcapng"), named, withComment);
        assertEquals(want.tx(), pcapng.size(), "trace.pcapng holds one record per tx event");
        checkPackets(pcapng, want, "trace.pcapng");
        for (Map<String, String> row : pcapng) {
            assertTrue(want.hosts().contains(row.get("frame.interface_name")), "interface named after a host: " + row);
            String fate = row.get(TsharkSupport.commentField());
            assertTrue(fate.startsWith("delivered at ") || fate.startsWith("dropped at "), "the frame's fate: " + row);
            List<String> v4 = values(row, "ip.src_host");
            String src = v4.isEmpty() ? values(row, "ipv6.src_host").get(0) : v4.get(0);
            assertTrue(want.hosts().contains(src) || src.startsWith("127.") || src.equals("::1"),
                    "the source address resolves to a host name: " + row);
        }
    }

    private static void checkPackets(List<Map<String, String>> rows, Expected want, String file) {
        long unreachable = 0;
        long requests = 0;
        long responses = 0;
        for (Map<String, String> row : rows) {
            String where = file + " frame " + row.get("frame.number") + " " + row;
            assertEquals("", row.get("_ws.malformed"), "malformed: " + where);
            for (String proto : List.of("ip", "udp", "tcp", "icmp", "icmpv6")) {
                assertFalse(values(row, proto + ".checksum.status").contains(BAD), "bad " + proto + " checksum: " + where);
            }
            if (values(row, "icmp.type").equals(List.of("3")) && values(row, "icmp.code").equals(List.of("3"))) {
                unreachable++;
            }
            requests += row.get("http.request").isEmpty() ? 0 : 1;
            responses += row.get("http.response").isEmpty() ? 0 : 1;
        }
        if (file.endsWith(".pcap")) {
            assertEquals(want.portUnreachable(), unreachable, file + ": ICMP port unreachable recognised");
        } else {
            assertTrue(unreachable >= want.portUnreachable(), file + ": ICMP port unreachable recognised");
        }
        if (want.httpRequests()) {
            assertTrue(requests > 0, file + ": HTTP requests recognised");
        }
        if (want.httpResponses()) {
            assertTrue(responses > 0, file + ": HTTP responses recognised");
        }
    }

    /** Counts from trace.jsonl; HTTP is expected when the scenario speaks it and TCP carries data on port 80. */
    private static Expected expected(Path jsonl, String scenarioText) throws IOException {
        long tx = 0;
        long unreachable = 0;
        boolean toPort80 = false;
        boolean fromPort80 = false;
        Set<String> hosts = new TreeSet<>();
        Set<String> ports = new TreeSet<>();
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            JsonNode e = JSON.readTree(line);
            String event = e.path("event").asText();
            if (!e.path("host").asText().isEmpty()) {
                hosts.add(e.path("host").asText());
            }
            if (!event.equals("tx")) {
                continue;
            }
            tx++;
            String proto = e.path("proto").asText();
            String src = port(e.path("src").asText());
            String dst = port(e.path("dst").asText());
            // 8080 is HTTP too: lesson 16 forwards the public 8080 to a server's 80 (DNAT).
            boolean web = Set.of("80", "8080").contains(src) || Set.of("80", "8080").contains(dst);
            if (proto.equals("udp") || proto.equals("tcp") && !web) {
                ports.add(proto + ".port==" + src);
                ports.add(proto + ".port==" + dst);
            }
            if (e.path("icmp_type").asInt(-1) == 3 && e.path("icmp_code").asInt(-1) == 3) {
                unreachable++;
            }
            if (e.path("proto").asText().equals("tcp") && e.path("len").asInt() > 0) {
                toPort80 |= e.path("dst").asText().endsWith(":80");
                fromPort80 |= e.path("src").asText().endsWith(":80");
            }
        }
        boolean http = HTTP_IN_SCENARIO.matcher(scenarioText).find();
        return new Expected(tx, unreachable, http && toPort80, http && fromPort80, hosts, decodeAsData(ports));
    }

    private static String port(String endpoint) {
        return endpoint.substring(endpoint.lastIndexOf(':') + 1);
    }

    /**
     * Scenarios send short text to ports that belong to real protocols (DNS on 53, ...), which
     * Wireshark would parse as that protocol and call malformed. The ports of every UDP datagram
     * and of every TCP connection that does not involve port 80 (HTTP, which must be recognised;
     * Decode As on either port of a connection applies to all of it) are decoded as plain data,
     * so "malformed" speaks of our IPv4, UDP, TCP and ICMP headers only.
     */
    private static List<String> decodeAsData(Set<String> ports) {
        List<String> args = new ArrayList<>();
        for (String p : ports) {
            args.add("-d");
            args.add(p + ",data");
        }
        return args;
    }
}
