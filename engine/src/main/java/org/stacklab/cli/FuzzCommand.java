package org.stacklab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.stacklab.bridge.fuzz.Fuzzer;
import org.stacklab.scenario.Units;

/**
 * {@code stacklab fuzz}: random socket-call sequences run in the simulation and on the real
 * kernel; each that differs is shrunk and written to {@code DIR/difference-K/} (the scenario that
 * reproduces it, both worlds' results call by call, and the same for the sequence as found).
 * Exit 0 when nothing differed, 1 when something did, 2 on bad input.
 */
final class FuzzCommand {
    static final String USAGE = "stacklab fuzz [--tries N] [--seed S] [--time T] [--out DIR] [--quiet]";
    static final String FILES = "scenario.yaml, results.txt, found.yaml, found-results.txt";

    private final PrintStream out;
    private final PrintStream err;
    private final Fuzzer.Worlds worlds;

    FuzzCommand(PrintStream out, PrintStream err) {
        this(out, err, Fuzzer.KERNEL);
    }

    /** With other worlds than the simulation and the kernel (tests inject a difference). */
    FuzzCommand(PrintStream out, PrintStream err, Fuzzer.Worlds worlds) {
        this.out = out;
        this.err = err;
        this.worlds = worlds;
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("tries").hasArg().argName("N").desc("sequences to run (default 100)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of the sequences (default: from the clock, printed)").build());
        o.addOption(Option.builder().longOpt("time").hasArg().argName("T").desc("stop starting tries after T of wall-clock time, e.g. 5m").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("folder of the differences (default reports/fuzz/)").build());
        o.addOption(Option.builder("q").longOpt("quiet").desc("no progress line").build());
        return o;
    }

    int run(String[] args) throws UsageException {
        CommandLine cl;
        try {
            cl = new DefaultParser().parse(options(), args);
        } catch (ParseException e) {
            throw new UsageException("fuzz: " + e.getMessage() + " (usage: " + USAGE + ")");
        }
        if (!cl.getArgList().isEmpty()) {
            throw new UsageException("fuzz: takes no scenario file, got '" + cl.getArgList().get(0) + "' (usage: " + USAGE + ")");
        }
        int tries = (int) number(cl.getOptionValue("tries", "100"), "--tries", 1, 1_000_000);
        long seed = cl.hasOption("seed") ? number(cl.getOptionValue("seed"), "--seed", 0, Long.MAX_VALUE) : System.currentTimeMillis();
        long budget = cl.hasOption("time") ? time(cl.getOptionValue("time")) : 0;
        Path dir = Path.of(cl.getOptionValue("out", "reports/fuzz"));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--out: " + dir + " is a file, not a folder");
        }
        boolean progress = !cl.hasOption("quiet") && Progress.stderrIsTerminal();
        long started = System.nanoTime();
        Fuzzer.Report r = new Fuzzer(seed, tries, budget, System::nanoTime, (done, diffs) -> {
            if (progress) {
                err.print("\rfuzz: " + done + "/" + tries + " tries, " + diffs + " differing, "
                        + String.format(java.util.Locale.ROOT, "%.0f", (System.nanoTime() - started) / 1e9) + " s   ");
                err.flush();
            }
        }, worlds).run();
        if (progress) {
            err.print("\r\033[K");
            err.flush();
        }
        try {
            write(dir, r, seed);
        } catch (IOException e) {
            err.println("stacklab: cannot write " + dir + ": " + e.getMessage());
            return Exit.BAD_INPUT;
        }
        out.println("fuzz: " + r.tries() + " tries (seed " + seed + "), " + r.compared() + " calls compared, "
                + r.discarded() + " discarded (the real side could not compare), " + r.differences().size() + " differing"
                + (r.outOfTime() ? "; stopped by --time" : ""));
        out.println("fuzz: real side: " + r.network());
        for (Fuzzer.Difference d : r.differences()) {
            out.println("fuzz: " + dir.resolve(folder(d)).resolve("scenario.yaml") + " (" + d.shrunk().ops().size() + " of "
                    + d.found().ops().size() + " calls): " + d.shrunk().verdict().difference());
        }
        return r.differences().isEmpty() ? Exit.OK : Exit.EXPECTATION_FAILED;
    }

    private static String folder(Fuzzer.Difference d) {
        return "difference-" + (d.attempt() + 1);
    }

    /** Replaces the folder's differences with this run's, and its summary. */
    private static void write(Path dir, Fuzzer.Report r, long seed) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "difference-*")) {
            for (Path p : old) {
                for (String f : FILES.split(", ")) {
                    Files.deleteIfExists(p.resolve(f));
                }
                try (DirectoryStream<Path> left = Files.newDirectoryStream(p)) {
                    if (!left.iterator().hasNext()) {
                        Files.delete(p);
                    }
                }
            }
        }
        StringBuilder sum = new StringBuilder("seed: " + seed + "\ntries: " + r.tries() + "\ncalls compared: " + r.compared()
                + "\ndiscarded: " + r.discarded() + "\ndiffering: " + r.differences().size() + "\nreal side: " + r.network() + "\n");
        for (Fuzzer.Difference d : r.differences()) {
            Path p = dir.resolve(folder(d));
            Files.createDirectories(p);
            text(p.resolve("scenario.yaml"), d.shrunk().verdict().yaml());
            text(p.resolve("results.txt"), results(d.shrunk()));
            text(p.resolve("found.yaml"), d.found().verdict().yaml());
            text(p.resolve("found-results.txt"), results(d.found()));
            sum.append(folder(d)).append(": ").append(d.shrunk().verdict().difference()).append("\n");
        }
        text(dir.resolve("summary.txt"), sum.toString());
    }

    private static String results(Fuzzer.Outcome o) {
        List<String> lines = o.results();
        return o.verdict().difference() + "\n\n" + String.join("\n", lines) + "\n";
    }

    private static void text(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }

    private static long number(String v, String flag, long min, long max) throws UsageException {
        try {
            long n = Long.parseLong(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + ": expected a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    /** A duration as the scenario format writes it (ns, us, ms, s), or whole minutes ("5m"). */
    private static long time(String v) throws UsageException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]{1,6})\\s*(m|min)\\s*").matcher(v);
        if (m.matches() && Long.parseLong(m.group(1)) > 0) {
            return Long.parseLong(m.group(1)) * 60_000_000_000L;
        }
        try {
            long t = Units.parseTime(v);
            if (t > 0) {
                return t;
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--time: " + e.getMessage());
        }
        throw new UsageException("--time: must be above 0, got '" + v + "'");
    }
}
