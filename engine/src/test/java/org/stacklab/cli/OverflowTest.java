package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.sim.SimTime;
import org.stacklab.sim.Simulator;

/** Issue 13 item 3: times have a range checked at load, and simulated time saturates instead of wrapping. */
class OverflowTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        err.reset();
        return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aTimeBeyondTheRangeIsRefusedAtItsLineAndColumn() throws IOException {
        Path s = Files.writeString(tmp.resolve("t.yaml"), CliTest.GOOD.replace("start: 1ms", "start: 9223372036854775807ns"));
        assertEquals(2, run("check", s.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).matches("(?s).*t\\.yaml:16:12: .*at most 1000000s.*"),
                err.toString(StandardCharsets.UTF_8));
        Path u = Files.writeString(tmp.resolve("u.yaml"), CliTest.GOOD.replace("scenario: tiny", "scenario: tiny\nuntil: 2000000s"));
        assertEquals(2, run("check", u.toString()));
        assertEquals(2, run("run", s.toString(), "--until", "1000001s"));
    }

    @Test
    void theClockSaturatesAtTheEndOfTimeInsteadOfWrapping() {
        Simulator sim = new Simulator(1);
        long[] seen = new long[3];
        sim.schedule(SimTime.END - 5, () -> {
            seen[0] = sim.now();
            sim.schedule(Long.MAX_VALUE, () -> {
                seen[1] = sim.now();
                sim.schedule(10, () -> seen[2] = sim.now());
            });
        });
        sim.run();
        assertEquals(SimTime.END - 5, seen[0]);
        assertEquals(SimTime.END, seen[1]);
        assertEquals(SimTime.END, seen[2]);
    }

    @Test
    void sleepingTheLongestTimeForeverEndsAtTheBudgetWithAWholePcap() throws IOException {
        Path s = Files.writeString(tmp.resolve("f.yaml"), RunBudgetTest.FOREVER.replace("sleep: 1ns", "sleep: 1000000s"));
        Path out = tmp.resolve("out");
        assertEquals(1, run("run", s.toString(), "--max-events", "10000", "--out", out.toString()),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("budget of 10000 events"));
        assertTrue(Files.size(out.resolve("trace.pcap")) >= 24);
    }
}
