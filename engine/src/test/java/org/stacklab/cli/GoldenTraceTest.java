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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden traces: each scenario under {@code scenarios/} runs with its own seed, and its trace.txt must equal,
 * byte for byte, the reviewed copy in {@code scenarios/golden/NAME.trace.txt}. A change of behaviour then
 * shows as a diff of those files in review. To regenerate them after an intended change (docs/golden-traces.md):
 * {@code mvn -q -B test -Dtest=GoldenTraceTest -Dgolden.update=true}.
 */
class GoldenTraceTest {
    private static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final Path GOLDEN = SCENARIOS.resolve("golden");

    @TempDir
    Path tmp;

    static List<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void traceMatchesTheReviewedCopy(String name) throws IOException {
        Path out = tmp.resolve(name);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"run", SCENARIOS.resolve(name + ".yaml").toString(), "--out", out.toString(),
                "--format", "text", "--quiet"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, name + ": " + err.toString(StandardCharsets.UTF_8));
        byte[] actual = Files.readAllBytes(out.resolve("trace.txt"));
        assertFalse(actual.length == 0, name + ": empty trace");
        Path golden = GOLDEN.resolve(name + ".trace.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.write(golden, actual);
            return;
        }
        assertTrue(Files.exists(golden), "no golden trace " + golden + "; regenerate with -Dgolden.update=true");
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        assertEquals(expected, new String(actual, StandardCharsets.UTF_8), name + ": trace differs from " + golden);
    }
}
