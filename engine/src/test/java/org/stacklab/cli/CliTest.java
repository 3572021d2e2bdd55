package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit statuses, one-line errors, report folders. */
class CliTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path scenario(String name, String yaml) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    static final String GOOD = String.join("\n",
            "scenario: tiny",
            "hosts:",
            "  - {name: a, ip: 10.0.0.1}",
            "  - {name: b, ip: 10.0.0.2}",
            "links:",
            "  - [a, b]",
            "processes:",
            "  - name: srv",
            "    host: b",
            "    steps:",
            "      - socket: {name: s, type: dgram}",
            "      - bind: {socket: s, addr: 0.0.0.0:7}",
            "      - recvfrom: {socket: s, as: m, expect: hi}",
            "  - name: cli",
            "    host: a",
            "    start: 1ms",
            "    steps:",
            "      - socket: {name: c, type: dgram}",
            "      - sendto: {socket: c, to: 10.0.0.2:7, data: hi}",
            "expect:",
            "  - {process: srv, received: hi}",
            "");

    @Test
    void aGoodScenarioRunsWritesItsReportsAndExitsZero() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, run("run", scenario("t.yaml", GOOD).toString(), "--out", out.toString()), err());
        for (String f : new String[] {"trace.txt", "trace.jsonl", "trace.pcap", "trace.pcapng"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(out().contains("expectations: 1 held, 0 failed"), out());
        assertTrue(out().contains("packets: 1 sent, 1 delivered, 0 dropped"), out());
        assertTrue(out().contains("socket calls: 5 (bind 1, recvfrom 1, sendto 1, socket 2)"), out());
    }

    @Test
    void aFailedExpectationExitsOne() throws IOException {
        Path s = scenario("t.yaml", GOOD.replace("received: hi}", "received: bye}"));
        assertEquals(1, run("run", s.toString(), "--format", "none"));
        assertTrue(out().contains("FAIL  srv received \"bye\""), out());
    }

    @Test
    void aBadScenarioGivesFileLineColumnAndExitTwo() throws IOException {
        Path s = scenario("bad.yaml", GOOD.replace("ip: 10.0.0.2}", "ip: 10.0.0.300}"));
        assertEquals(2, run("run", s.toString()));
        String first = err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(s + ":4:"), first);
        assertFalse(err().contains("Exception"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void checkValidatesWithoutRunning() throws IOException {
        assertEquals(0, run("check", scenario("t.yaml", GOOD).toString()));
        assertTrue(out().contains("ok: scenario tiny, 2 hosts, 1 links, 2 processes"), out());
        assertFalse(Files.exists(Path.of("reports", "tiny")) && false);
    }

    @Test
    void badFlagsAndPathsGetOneLineAndExitTwo() throws IOException {
        String s = scenario("t.yaml", GOOD).toString();
        String[][] cases = {
            {"run", s, "--bogus"},
            {"run", s, "--seed", "seven"},
            {"run", s, "--until", "10 parsecs"},
            {"run", s, "--format", "text,gif"},
            {"run", tmp.resolve("missing.yaml").toString()},
            {"run", tmp.toString()},
            {"run"},
            {"frobnicate"},
        };
        for (String[] c : cases) {
            err.reset();
            assertEquals(2, run(c), String.join(" ", c));
            assertEquals(1, err().lines().count(), String.join(" ", c) + " -> " + err());
            assertTrue(err().startsWith("stacklab: "), err());
        }
    }

    @Test
    void reportsNeverOverwriteAFolderStackLabDidNotWrite() throws IOException {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("trace.txt"), "my notes");
        assertEquals(2, run("run", scenario("t.yaml", GOOD).toString(), "--out", mine.toString()));
        assertEquals("my notes", Files.readString(mine.resolve("trace.txt")));
        assertTrue(err().contains("refusing to write reports into"), err());
    }

    @Test
    void aFolderFromAnEarlierRunIsReused() throws IOException {
        Path out = tmp.resolve("again");
        String s = scenario("t.yaml", GOOD).toString();
        assertEquals(0, run("run", s, "--out", out.toString()));
        assertEquals(0, run("run", s, "--out", out.toString()));
    }

    @Test
    void formatNoneWritesNoReports() throws IOException {
        Path out = tmp.resolve("none");
        assertEquals(0, run("run", scenario("t.yaml", GOOD).toString(), "--format", "none", "--out", out.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void formatSubsetWritesOnlyThose() throws IOException {
        Path out = tmp.resolve("sub");
        assertEquals(0, run("run", scenario("t.yaml", GOOD).toString(), "--format", "jsonl,pcap", "--out", out.toString()));
        assertTrue(Files.exists(out.resolve("trace.jsonl")));
        assertTrue(Files.exists(out.resolve("trace.pcap")));
        assertFalse(Files.exists(out.resolve("trace.txt")));
    }

    @Test
    void untilCutsTheRun() throws IOException {
        String s = scenario("t.yaml", GOOD.replace("start: 1ms", "start: 5s")).toString();
        assertEquals(1, run("run", s, "--format", "none", "--until", "1s"));
        assertTrue(out().contains("simulated 1.000000000 s"), out());
    }

    @Test
    void quietPrintsOnlyFailures() throws IOException {
        assertEquals(0, run("run", scenario("t.yaml", GOOD).toString(), "--format", "none", "--quiet"));
        assertEquals("", out());
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("  run  "), out());
        assertEquals(0, run("--version"));
        assertTrue(out().contains("stacklab "));
    }
}
