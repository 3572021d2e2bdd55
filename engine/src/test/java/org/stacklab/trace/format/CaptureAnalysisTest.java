package org.stacklab.trace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stacklab.wire.TsharkSupport;

/**
 * Wireshark's TCP analysis ({@code tshark -q -z expert}) on every capture of every lesson flags
 * only what the run deserves: no retransmission unless the run retransmitted (trace.jsonl's
 * {@code "retransmit":true} tx events), and no duplicate ACK, out-of-order segment, keep-alive,
 * ACK of an unseen segment or lost segment in runs that lose nothing. Each capture has one
 * vantage point per packet: trace.pcap and trace.pcapng as the originating host sent it, and
 * hosts/HOST.pcapng as that host saw it.
 */
class CaptureAnalysisTest {
    /** Expert summaries of TCP analysis that a run without loss or retransmission must not get. */
    private static final Pattern FLAG = Pattern.compile(
            "^\\s*(\\d+)\\s+\\S+\\s+TCP\\s+(.*(retransmission|Duplicate ACK|out-of-order|keep-alive|ACKed segment that"
                    + " wasn't captured|Previous segment(s)? not captured|Spurious|window).*)$",
            Pattern.CASE_INSENSITIVE);

    @TempDir
    Path dir;

    @BeforeEach
    void requireTshark() {
        TsharkSupport.assumeInstalled();
    }

    static Stream<Path> scenarios() {
        return ScenarioRuns.teachingAndShowcase();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void tsharkFlagsOnlyWhatTheRunDeserves(Path scenario) throws IOException {
        Path out = ScenarioRuns.run(scenario, dir, "jsonl,pcap,pcapng,hosts");
        String jsonl = Files.readString(out.resolve("trace.jsonl"), StandardCharsets.UTF_8);
        long retransmits = jsonl.lines().filter(l -> l.contains("\"event\":\"tx\"") && l.contains("\"retransmit\":true")).count();
        long drops = jsonl.lines().filter(l -> l.contains("\"event\":\"drop\"") && l.contains("\"proto\":\"tcp\"")).count();
        List<Path> captures = new ArrayList<>(List.of(out.resolve("trace.pcap"), out.resolve("trace.pcapng")));
        try (Stream<Path> s = Files.list(out.resolve("hosts"))) {
            s.sorted().forEach(captures::add);
        }
        assertTrue(captures.size() > 2, "per-host captures written: " + captures);
        for (Path capture : captures) {
            Map<String, Long> flags = expertFlags(capture);
            String where = scenario.getFileName() + " " + out.relativize(capture) + ": " + flags
                    + " (run: " + retransmits + " retransmissions, " + drops + " TCP drops)";
            // tshark notes a fast retransmission twice, as "fast retransmission" and as "retransmission"
            // (measured on lesson 13: 7 frames match both filters), so the former is not counted again
            long flaggedRetransmits = flags.entrySet().stream().filter(e -> e.getKey().contains("retransmission")
                    && !e.getKey().contains("fast retransmission")).mapToLong(Map.Entry::getValue).sum();
            assertTrue(flaggedRetransmits <= retransmits, where);
            if (retransmits == 0 && drops == 0) {
                assertEquals(Map.of(), flags, where);
            }
        }
    }

    /** The expert summaries of TCP analysis in {@code capture}, with their frequencies. */
    static Map<String, Long> expertFlags(Path capture) {
        String report = TsharkSupport.run(List.of("-r", capture.toString(), "-q", "-z", "expert")).requireSuccess().stdout();
        Map<String, Long> flags = new TreeMap<>();
        for (String line : report.split("\n")) {
            Matcher m = FLAG.matcher(line);
            if (m.matches()) {
                flags.merge(m.group(2).trim(), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return flags;
    }
}
