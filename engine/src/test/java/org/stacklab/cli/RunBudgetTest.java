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

/** Issue 13 item 4: a run that would never end stops at its budget, says so, exits 1, keeps its reports. */
class RunBudgetTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static final String FOREVER = String.join("\n",
            "scenario: forever",
            "hosts:",
            "  - {name: a, ip: 10.0.0.1}",
            "processes:",
            "  - name: p",
            "    host: a",
            "    steps:",
            "      - repeat:",
            "          times: forever",
            "          steps:",
            "            - sleep: 1ns",
            "");

    static final String FLOOD = String.join("\n",
            "scenario: flood",
            "hosts:",
            "  - {name: a, ip: 10.0.0.1}",
            "  - {name: b, ip: 10.0.0.2}",
            "links:",
            "  - [a, b]",
            "processes:",
            "  - {name: srv, host: b, app: udp-echo-server, args: {port: 7}}",
            "  - {name: cli, host: a, app: udp-echo-client, args: {to: 10.0.0.2:7, count: 1000000000, interval: 0s}}",
            "");

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(tmp.resolve(name), yaml);
    }

    @Test
    void repeatForeverWithASleepStopsAtTheEventBudgetAndKeepsItsTrace() throws IOException {
        Path dir = tmp.resolve("out");
        int status = run("run", write("f.yaml", FOREVER).toString(), "--max-events", "20000", "--out", dir.toString(),
                "--format", "text");
        assertEquals(1, status, err());
        assertTrue(err().contains("stopped: the run reached its budget of 20000 events (--max-events)"), err());
        assertTrue(Files.size(dir.resolve("trace.txt")) > 0);
        assertTrue(Files.readString(dir.resolve(ReportFolder.MARKER)).contains("stopped at its budget"));
    }

    @Test
    void aHugeEchoClientWithNoIntervalStopsAtTheTraceByteBudget() throws IOException {
        Path dir = tmp.resolve("out");
        int status = run("run", write("u.yaml", FLOOD).toString(), "--max-trace-bytes", "300000", "--out", dir.toString(),
                "--format", "jsonl");
        assertEquals(1, status, err());
        assertTrue(err().contains("budget of 300000 bytes of reports (--max-trace-bytes)"), err());
        long size = Files.size(dir.resolve("trace.jsonl"));
        assertTrue(size >= 300000 && size < 300000 + (8 << 20), "size " + size);
    }

    @Test
    void theSameBudgetGivesTheSameReportsTwice() throws IOException {
        Path s = write("f.yaml", FOREVER);
        run("run", s.toString(), "--max-events", "5000", "--out", tmp.resolve("a").toString(), "--format", "text");
        run("run", s.toString(), "--max-events", "5000", "--out", tmp.resolve("b").toString(), "--format", "text");
        assertEquals(Files.readString(tmp.resolve("a/trace.txt")), Files.readString(tmp.resolve("b/trace.txt")));
    }

    @Test
    void aBudgetMustBeAPositiveWholeNumber() throws IOException {
        assertEquals(2, run("run", write("f.yaml", FOREVER).toString(), "--max-events", "0"));
        assertTrue(err().contains("--max-events: expected a whole number of at least 1, got '0'"), err());
    }

    @Test
    void offATerminalAHeartbeatSaysTheRunIsAlive() throws IOException, UsageException {
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        RunCommand c = new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8), e, ReportFolder.Streams.FILES, 0);
        System.setProperty("stacklab.stderr.tty", "0");
        try {
            c.run(new String[] {write("f.yaml", FOREVER).toString(), "--max-events", "20000", "--format", "none"});
        } finally {
            System.clearProperty("stacklab.stderr.tty");
        }
        assertTrue(err().contains("stacklab: still running: simulated "), err());
    }
}
