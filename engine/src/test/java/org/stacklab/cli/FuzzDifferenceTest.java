package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.bridge.SimulatedWorld;
import org.stacklab.bridge.SocketWorld;
import org.stacklab.bridge.fuzz.Fuzzer;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.scenario.ScenarioLoader;
import org.stacklab.transport.SocketError;

/**
 * {@code stacklab fuzz} when something differs, with an injected difference instead of the
 * kernel: the "real" world is the simulation except that listen fails with EOPNOTSUPP. Every try
 * with a listen differs, shrinks to a socket and its listen, and is written with both worlds'
 * results; the exit status is 1.
 */
class FuzzDifferenceTest {
    @TempDir
    Path tmp;

    /** The simulation, but listen fails. */
    static final Fuzzer.Worlds LISTEN_FAILS = new Fuzzer.Worlds() {
        public SocketWorld simulation(long seed) {
            return new SimulatedWorld(seed);
        }

        public SocketWorld real() {
            SimulatedWorld w = new SimulatedWorld(1);
            return new SocketWorld() {
                public Proc process(String host) {
                    Proc p = w.process(host);
                    return c -> c instanceof Call.Listen ? new Result(Outcome.fail(SocketError.EOPNOTSUPP), null) : p.call(c);
                }

                public boolean tcp() {
                    return w.tcp();
                }

                public boolean privileged() {
                    return true;
                }

                public String name() {
                    return "listen fails";
                }

                public void close() {}
            };
        }

        public String whyNotIsolated(SocketWorld real) {
            return "injected";
        }
    };

    @Test
    void eachDifferenceShrinksToASocketAndItsListen() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path dir = tmp.resolve("fuzz");
        int rc = new FuzzCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                LISTEN_FAILS).run(new String[] {"--tries", "10", "--seed", "2", "--out", dir.toString(), "--quiet"});
        String o = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, rc, o + err);
        List<Path> found;
        try (Stream<Path> s = Files.list(dir)) {
            found = s.filter(p -> p.getFileName().toString().startsWith("difference-")).sorted().toList();
        }
        assertTrue(found.size() >= 1, o);
        assertTrue(o.contains(", " + found.size() + " differing"), o);
        for (Path d : found) {
            String yaml = Files.readString(d.resolve("scenario.yaml"));
            ScenarioLoader.parse("scenario.yaml", yaml); // the shrunk scenario loads
            assertEquals(1, count(yaml, "- listen: "), yaml);
            assertEquals(1, count(yaml, "- socket: "), yaml);
            assertTrue(yaml.contains("expect_error: EOPNOTSUPP"), yaml);
            String results = Files.readString(d.resolve("results.txt"));
            assertTrue(results.contains("simulation: ok\n    real:       EOPNOTSUPP\n    DIFFERS"), results);
            ScenarioLoader.parse("found.yaml", Files.readString(d.resolve("found.yaml")));
            assertTrue(Files.readString(d.resolve("found-results.txt")).contains("DIFFERS"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(d.resolve("scenario.yaml").toString())
                    + " \\(2 of ([0-9]+) calls\\)").matcher(o);
            assertTrue(m.find(), o);
            assertTrue(Integer.parseInt(m.group(1)) >= 8, o); // generated with 8 calls or more, shrunk to 2
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
