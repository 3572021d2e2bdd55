package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stacklab.bridge.Environment;

/**
 * {@code stacklab fuzz} end to end: a few tries on the real kernel (in a network namespace of
 * their own, so only as root: skipped elsewhere, required under CI=true), the --time bound, and
 * bad input.
 */
class FuzzCliTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static void needRoot() {
        boolean root = Environment.detect().isRoot();
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(root, "CI runs as root: the fuzz test needs a network namespace");
        }
        assumeTrue(root, "stacklab fuzz test: needs root for a network namespace of its own (skipped)");
    }

    @Test
    void aFewTriesAgreeAndReplaceAnEarlierRunsDifferences() throws IOException {
        needRoot();
        Path dir = tmp.resolve("fuzz");
        Path stale = dir.resolve("difference-9");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("scenario.yaml"), "scenario: old\n");
        assertEquals(0, run("fuzz", "--tries", "5", "--seed", "3", "--out", dir.toString(), "--quiet"), out + "\n" + err);
        String o = out.toString(StandardCharsets.UTF_8);
        assertTrue(o.startsWith("fuzz: 5 tries (seed 3), "), o);
        assertTrue(o.contains(" 0 differing"), o);
        assertTrue(o.contains("real side: a network namespace of its own"), o);
        String summary = Files.readString(dir.resolve("summary.txt"));
        assertTrue(summary.startsWith("seed: 3\ntries: 5\ncalls compared: "), summary);
        int compared = Integer.parseInt(summary.split("\n")[2].substring("calls compared: ".length()));
        assertTrue(compared >= 5 * 8 / 2, summary); // at least 8 calls a try, most of them compared
        assertTrue(summary.contains("differing: 0\n"), summary);
        assertFalse(Files.exists(stale), "the earlier run's difference folder is gone");
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void timeStopsTheRunAfterTheFirstTry() throws IOException {
        needRoot();
        Path dir = tmp.resolve("t");
        int rc = run("fuzz", "--tries", "1000000", "--time", "1ms", "--seed", "11", "--out", dir.toString(), "--quiet");
        String o = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, o + err);
        assertTrue(o.startsWith("fuzz: 1 tries (seed 11)") && o.contains("stopped by --time"), o);
        assertTrue(Files.readString(dir.resolve("summary.txt")).contains("tries: 1\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--tries 0", "--tries many", "--tries 1000001", "--seed -3", "--seed x", "--time 0",
        "--time soon", "--time 0m", "some.yaml", "--bogus", "--tries"})
    void badInputIsOneLineAndExitTwo(String args) {
        assertEquals(2, run(("fuzz " + args).split(" ")));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("stacklab: ") && e.indexOf('\n') == e.length() - 1, e);
        assertFalse(e.contains("Exception"), e);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anOutThatIsAFileIsBadInput() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        assertEquals(2, run("fuzz", "--tries", "1", "--out", f.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is a file, not a folder"), err.toString());
    }

    @Test
    void helpListsTheCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.trim().startsWith("fuzz ")), out.toString());
        out.reset();
        assertEquals(0, run("fuzz", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("stacklab fuzz [--tries N] [--seed S] [--time T] [--out DIR]"));
    }
}
