package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stacklab.cli.Main;
import org.stacklab.net.DropReason;
import org.stacklab.net.Network;
import org.stacklab.net.PacketStats;
import org.stacklab.trace.Tracer;

/**
 * The run's promises, on every example scenario: expectations hold, every packet is accounted
 * for, and the same scenario and seed give byte-identical reports.
 */
class RunPromisesTest {
    @TempDir
    Path tmp;

    static Stream<Path> scenarios() throws IOException {
        Path dir = Path.of("..", "scenarios");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyExampleScenarioHoldsItsExpectations(Path file) throws Exception {
        Scenario sc = ScenarioLoader.load(file);
        World w = Assembler.assemble(sc, Tracer.off());
        RunResult r = ScenarioRun.run(w, -1);
        assertTrue(r.allHeld(), () -> file + ": " + r.checks());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyPacketIsDeliveredDroppedOrInFlight(Path file) throws Exception {
        Scenario sc = ScenarioLoader.load(file);
        World w = Assembler.assemble(sc, new Tracer());
        long until = sc.untilNs() >= 0 ? sc.untilNs() / 2 : -1;
        ScenarioRun.run(w, until);
        Network n = w.network();
        PacketStats s = n.stats();
        long dropped = 0;
        for (DropReason d : DropReason.values()) {
            dropped += s.dropped(d);
        }
        assertEquals(s.sent(), s.deliveredCount() + dropped + s.inFlight(), "sent = delivered + dropped + in flight");
        assertEquals(n.onLinks() + n.localPending(), s.inFlight(), "in flight = on links + local pending");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void sameScenarioAndSeedGiveByteIdenticalReports(Path file) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        runQuietly(file, a);
        runQuietly(file, b);
        try (Stream<Path> files = Files.list(a)) {
            for (Path f : files.toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())), f.getFileName().toString());
            }
        }
    }

    @Test
    void anotherSeedChangesTheRandomChoices() throws IOException {
        Path file = Path.of("..", "scenarios", "udp-echo-behind-router.yaml");
        Path a = tmp.resolve("s1");
        Path b = tmp.resolve("s2");
        runQuietly(file, a, "--seed", "1");
        runQuietly(file, b, "--seed", "2");
        assertFalse(Files.readString(a.resolve("trace.txt")).equals(Files.readString(b.resolve("trace.txt"))));
    }

    private static void runQuietly(Path file, Path out, String... extra) {
        String[] args = Stream.concat(Stream.of("run", file.toString(), "--out", out.toString(), "--quiet"), Stream.of(extra))
                .toArray(String[]::new);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int code = Main.run(args, ps, ps);
        assertTrue(code == 0 || code == 1, file + ": exit " + code + ": " + sink);
    }
}
