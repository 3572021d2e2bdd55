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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 13: fuzzing the command line and the state of the report folder, beside the loader's
 * fuzzing. Whatever the arguments and whatever the folder holds, a command ends with 0, 1 or 2,
 * never a stack trace or an internal error, and never changes a file it did not write.
 */
class CommandLineProperties {
    private static final List<String> WORDS = List.of("run", "check", "--seed", "1", "-5", "x", "--until", "10ms",
            "2000000s", "--format", ",,,", "text", "html,pcap", "none", "--max-events", "0", "100", "--max-trace-bytes",
            "1000", "--quiet", "--out", "--bogus", "", "\u00e9", "SCENARIO", "OUT", "/dev/zero", "-");

    @Provide
    Arbitrary<List<String>> arguments() {
        return Arbitraries.of(WORDS).list().ofMaxSize(8);
    }

    /** What the report folder holds before the run. */
    enum Folder { ABSENT, EMPTY, FOREIGN_FILE, OURS, OURS_WITH_LINKS, A_FILE }

    @Property(tries = 150)
    void anyCommandLineOnAnyFolderEndsCleanlyAndKeepsTheUsersFiles(@ForAll("arguments") List<String> words,
            @ForAll Folder state) throws IOException {
        Path tmp = Files.createTempDirectory("stacklab-fuzz");
        try {
            Path scenario = Files.writeString(tmp.resolve("s.yaml"), CliTest.GOOD);
            Path victim = Files.writeString(tmp.resolve("victim.txt"), "mine\n");
            Path out = tmp.resolve("out");
            prepare(out, state, victim);
            List<String> args = new ArrayList<>();
            for (String w : words) {
                args.add(w.equals("SCENARIO") ? scenario.toString() : w.equals("OUT") ? out.toString() : w);
            }
            if (!args.contains("--out")) {
                args.addAll(List.of("--out", out.toString())); // never the default reports/ of the project
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String e = err.toString(StandardCharsets.UTF_8);
            assertTrue(Set.of(0, 1, 2).contains(status), status + " for " + args + ": " + e);
            assertFalse(e.contains("internal error") || e.contains("Exception") || e.contains("\tat "), args + ": " + e);
            assertEquals("mine\n", Files.readString(victim), args.toString());
            if (state == Folder.FOREIGN_FILE) {
                assertEquals("notes\n", Files.readString(out.resolve("notes.txt")));
            }
        } finally {
            delete(tmp);
        }
    }

    private static void prepare(Path out, Folder state, Path victim) throws IOException {
        switch (state) {
            case ABSENT -> { }
            case EMPTY -> Files.createDirectory(out);
            case FOREIGN_FILE -> Files.writeString(Files.createDirectory(out).resolve("notes.txt"), "notes\n");
            case OURS -> Files.writeString(Files.createDirectory(out).resolve(ReportFolder.MARKER), "Reports written by StackLab\n");
            case OURS_WITH_LINKS -> {
                Files.writeString(Files.createDirectory(out).resolve(ReportFolder.MARKER), "Reports written by StackLab\n");
                for (Formats f : Formats.values()) {
                    Files.createSymbolicLink(out.resolve(f.file), victim);
                }
            }
            case A_FILE -> Files.writeString(out, "a file\n");
        }
    }

    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(p)) {
                for (Path c : s.toList()) {
                    delete(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
