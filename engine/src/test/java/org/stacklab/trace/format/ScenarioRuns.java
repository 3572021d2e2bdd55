package org.stacklab.trace.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.stacklab.cli.Main;

/** Runs scenario files through the command line, in-process, into a folder of reports. */
public final class ScenarioRuns {
    /** A scenario made for the report tests: drops, ICMP, failed calls, notes, snapshots, a failed expectation. */
    public static final Path SHOWCASE = Path.of("src/test/resources/scenarios/report-showcase.yaml");

    private ScenarioRuns() {}

    /** The project's scenario folder (tests run in the engine module, one level down). */
    public static Path scenarioFolder() {
        Path here = Path.of("scenarios");
        return Files.isDirectory(here) ? here : Path.of("..", "scenarios");
    }

    /** Every scenario under scenarios/, except the speed workloads in scenarios/bench/, in name order. */
    public static List<Path> teachingScenarios() {
        try (Stream<Path> s = Files.list(scenarioFolder())) {
            return s.filter(p -> p.toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The teaching scenarios and the showcase, which uses every report feature: what report tests run over. */
    public static Stream<Path> teachingAndShowcase() {
        return Stream.concat(teachingScenarios().stream(), Stream.of(SHOWCASE));
    }

    /**
     * Runs {@code scenario} with {@code stacklab run --out DIR --format FORMATS [extra]}; the
     * run must end with its expectations checked (exit 0 or 1), not with bad input or a bug.
     */
    public static Path run(Path scenario, Path dir, String formats, String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.of("run", scenario.toString(), "--out", dir.toString(), "--format", formats,
                "--quiet"), Stream.of(extra)).toArray(String[]::new);
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(status == 0 || status == 1, scenario + ": exit status " + status + "\n" + out.toString(StandardCharsets.UTF_8)
                + err.toString(StandardCharsets.UTF_8));
        return dir;
    }
}
