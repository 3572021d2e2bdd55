package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.cli.Help.Command;
import org.stacklab.cli.Help.Flag;

class HelpTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void topLevelHelpListsEveryCommandOnOneLineWithItsSummary() {
        assertEquals(0, run("--help"));
        for (Command c : Commands.ALL) {
            assertTrue(out().lines().anyMatch(l -> l.matches("  " + c.name() + " +" + java.util.regex.Pattern.quote(c.summary()))),
                    c.name() + " missing from:\n" + out());
        }
    }

    @Test
    void everyCommandHasHelpWithUsageEveryVisibleFlagAndExamples() {
        for (Command c : Commands.ALL) {
            for (String[] ask : List.of(new String[] {c.name(), "--help"}, new String[] {c.name(), "-h"},
                    new String[] {"help", c.name()}, new String[] {c.name(), "x.yaml", "--help"})) {
                assertEquals(0, run(ask), String.join(" ", ask) + ": " + err());
                assertTrue(out().startsWith("usage: stacklab " + c.name()), out());
                assertTrue(out().contains("\nexamples:\n  stacklab "), out());
                for (Flag f : c.flags()) {
                    assertEquals(!f.hidden(), out().contains("--" + f.name() + " ") || out().contains("--" + f.name() + "\n")
                            || out().contains("--" + f.name() + "  "), c.name() + " --" + f.name() + ":\n" + out());
                }
            }
        }
    }

    @Test
    void aMistypedCommandGetsTheClosestOne() {
        assertEquals(2, run("rnu", "x.yaml"));
        assertTrue(err().contains("unknown command 'rnu'; did you mean 'run'?"), err());
        assertEquals(2, run("chek"));
        assertTrue(err().contains("did you mean 'check'?"), err());
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("(commands: run, check, watch, bridge, sweep, fuzz, bench, schema)"), err());
    }

    @Test
    void aMistypedFlagGetsTheClosestOneOfItsCommand() {
        assertEquals(2, run("run", "x.yaml", "--sed", "3"));
        assertTrue(err().contains("run: unknown flag --sed; did you mean --seed?"), err());
        assertEquals(2, run("run", "x.yaml", "--fromat=text"));
        assertTrue(err().contains("did you mean --format?"), err());
        assertEquals(2, run("bridge", "x.yaml", "--scael", "2"));
        assertTrue(err().contains("did you mean --scale?"), err());
        assertEquals(2, run("bench", "W1", "--host", "2"));
        assertTrue(err().contains("did you mean --hosts?"), err());
        assertEquals(2, run("bench", "--hlep"));
        assertTrue(err().contains("did you mean --help?"), err());
        assertEquals(2, run("check", "x.yaml", "--quiet"));
        assertTrue(err().contains("check: unknown flag --quiet; it takes no flags"), err());
    }

    @Test
    void aFlagValueThatLooksLikeAFlagIsNotCheckedAsOne() throws Exception {
        assertEquals(2, run("run", "--out", "--weird-dir", "--format", "none"));
        assertTrue(err().contains("missing SCENARIO.yaml"), err());
    }

    @Test
    void benchFlagsInTheTableAreTheOnesBenchParses() {
        assertEquals(org.stacklab.cli.bench.Bench.OPTIONS, Commands.BENCH.flags().stream().map(Flag::name).toList());
    }
}
