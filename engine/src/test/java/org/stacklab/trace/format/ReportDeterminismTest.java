package org.stacklab.trace.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same scenario and seed give byte-identical reports, report.html first among them. */
class ReportDeterminismTest {
    private static final List<String> FILES = List.of("report.html", "trace.txt", "trace.jsonl", "trace.pcap",
            "trace.pcapng");

    @TempDir
    Path dir;

    static Stream<Path> scenarios() {
        return ScenarioRuns.teachingAndShowcase();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void twoRunsWithTheSameSeedWriteTheSameBytes(Path scenario) throws IOException {
        Path a = ScenarioRuns.run(scenario, dir.resolve("a"), "text,jsonl,pcap,pcapng,html", "--seed", "42");
        Path b = ScenarioRuns.run(scenario, dir.resolve("b"), "text,jsonl,pcap,pcapng,html", "--seed", "42");
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs between runs");
        }
    }
}
