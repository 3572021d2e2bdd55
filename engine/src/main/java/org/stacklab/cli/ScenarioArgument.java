package org.stacklab.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioError;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioLoader;

/** The one SCENARIO.yaml argument of {@code run}, {@code check} and {@code bridge}, loaded. */
final class ScenarioArgument {
    private ScenarioArgument() {}

    /**
     * Loads the single file named in {@code args}; a missing or extra argument or a path that is
     * no file is a usage error. A file with mistakes prints every {@code FILE:LINE:COLUMN: message}
     * to {@code err} and returns null (exit 2).
     */
    static Scenario load(List<String> args, PrintStream err) throws UsageException {
        if (args.size() != 1) {
            throw new UsageException(args.isEmpty() ? "missing SCENARIO.yaml (see --help)"
                    : "expected one scenario file, got " + args.size() + ": " + String.join(" ", args));
        }
        Path p = file(args.get(0));
        try {
            return ScenarioLoader.load(p);
        } catch (ScenarioException e) {
            printErrors(e, err);
            return null;
        }
    }

    /**
     * The scenario file a command-line argument names; a path that is not there, or is a folder,
     * a device, a FIFO or a link loop, is a usage error that says which.
     */
    static Path file(String arg) throws UsageException {
        Path p = path(arg);
        if (!Files.isRegularFile(p)) {
            String kind = PathKind.describe(p);
            throw new UsageException(kind.startsWith("not there") ? "no such file: " + p
                    : p + " is " + kind + ", not a scenario file");
        }
        return p;
    }

    /** The path of a command-line argument; a name the locale cannot encode is a usage error, not a crash. */
    static Path path(String arg) throws UsageException {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            throw new UsageException("cannot use the file name '" + arg + "': " + e.getReason()
                    + " (under LANG=" + System.getenv().getOrDefault("LANG", "") + " Java cannot spell non-ASCII names;"
                    + " set LANG=C.UTF-8)");
        }
    }

    /** Prints every mistake, one {@code FILE:LINE:COLUMN: message} a line. */
    static void printErrors(ScenarioException e, PrintStream err) {
        for (ScenarioError se : e.errors()) {
            err.println(se);
        }
    }
}
