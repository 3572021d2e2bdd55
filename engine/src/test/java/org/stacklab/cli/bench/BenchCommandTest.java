package org.stacklab.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.cli.Main;
import org.stacklab.scenario.Expectation;
import org.stacklab.scenario.HostSpec;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioLoader;

/** The bench command's contract: bad flags are one line and status 2; small workloads run and check. */
class BenchCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badFlagIsOneLineAndStatus2() {
        assertEquals(2, run("bench", "W1", "--hosts", "many"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("stacklab: bench: --hosts"), err());
    }

    @Test
    void unknownWorkloadAndUnknownOptionAreStatus2() {
        assertEquals(2, run("bench", "W9"));
        assertEquals(2, run("bench", "W1", "--fast"));
        assertEquals(2, run("bench", "W3", "--mode", "ring"));
        assertEquals(2, run("bench", "W1", "--packets", "0"));
        assertEquals(4, err().lines().count(), err());
    }

    @Test
    void smallW1RunsChecksAndWritesJson() throws Exception {
        assertEquals(0, run("bench", "W1", "--hosts", "3", "--packets", "5", "--out", dir.toString()), err() + out());
        assertTrue(out().contains("check      ok: 15/15 echoes back"), out());
        String json = Files.readString(dir.resolve("W1-H3-P5.json"));
        assertTrue(json.contains("\"echoes\": 15"), json);
        assertTrue(json.contains("\"ok\": true"), json);
    }

    @Test
    void smallW3WithoutAnchorStillChecksRepeatability() {
        assertEquals(0, run("bench", "W3", "--mode", "hold-100k", "--events", "200000", "--reps", "2", "--out", dir.toString()),
                err() + out());
        assertTrue(out().contains("check      ok"), out());
    }

    @Test
    void resizeChangesTheGroupThePacketsAndTheByteCounts() throws Exception {
        Scenario sc = ScenarioLoader.load(BenchScenarios.scenarioFile(BenchScenarios.W1_FILE));
        Scenario r = BenchScenarios.resize(sc, 7, 3L);
        int clients = 0;
        for (HostSpec h : r.hosts()) {
            if (h.isGroup()) {
                clients = h.count();
            }
        }
        assertEquals(7, clients);
        long bytes = -1;
        for (Expectation e : r.expectations()) {
            if (e instanceof Expectation.ReceivedBytes rb) {
                bytes = rb.bytes();
            }
        }
        assertEquals(3 * 512, bytes);
    }
}
