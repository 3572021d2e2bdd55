package org.stacklab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.RunResult;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioRun;
import org.stacklab.scenario.Units;
import org.stacklab.scenario.World;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.Tracer;

/** {@code stacklab run} and {@code stacklab check}. */
final class RunCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final ReportFolder.Streams streams;
    private final long heartbeatNs;

    RunCommand(PrintStream out, PrintStream err) {
        this(out, err, ReportFolder.Streams.FILES, Progress.HEARTBEAT_NS);
    }

    /** For tests: report files opened by {@code streams} (a full disk), heartbeats every {@code heartbeatNs}. */
    RunCommand(PrintStream out, PrintStream err, ReportFolder.Streams streams, long heartbeatNs) {
        this.out = out;
        this.err = err;
        this.streams = streams;
        this.heartbeatNs = heartbeatNs;
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed of the run's randomness").build());
        o.addOption(Option.builder().longOpt("until").hasArg().argName("T").desc("simulated-time limit, e.g. 30s").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("report folder (default reports/<scenario>/)").build());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("LIST").desc("report formats: " + Formats.DEFAULT + " (the default), hosts (per-host captures), or none").build());
        o.addOption(Option.builder().longOpt("max-events").hasArg().argName("N")
                .desc("stop the run after N events (default " + RunBudget.DEFAULT_EVENTS + ")").build());
        o.addOption(Option.builder().longOpt("max-trace-bytes").hasArg().argName("N")
                .desc("stop the run after N bytes of reports (default " + RunBudget.DEFAULT_TRACE_BYTES + ")").build());
        o.addOption(Option.builder("q").longOpt("quiet").desc("print only failures").build());
        return o;
    }

    int check(String[] args) throws UsageException {
        CommandLine cl = parse(new Options(), args, "check");
        Scenario sc = ScenarioArgument.load(cl.getArgList(), err);
        if (sc == null) {
            return Exit.BAD_INPUT;
        }
        try {
            World w = Assembler.assemble(sc, Tracer.off());
            out.println(sc.file() + ": ok: scenario " + sc.name() + ", " + w.network().hosts().size() + " hosts, "
                    + w.network().channels().size() / 2 + " links, " + w.processes().size() + " processes, "
                    + sc.expectations().size() + " expectations");
            return Exit.OK;
        } catch (ScenarioException e) {
            ScenarioArgument.printErrors(e, err);
            return Exit.BAD_INPUT;
        }
    }

    int run(String[] args) throws UsageException {
        CommandLine cl = parse(options(), args, "run");
        Set<Formats> formats = Formats.parse(cl.getOptionValue("format", Formats.DEFAULT));
        long until = cl.hasOption("until") ? time(cl.getOptionValue("until")) : -1;
        Long seed = cl.hasOption("seed") ? seed(cl.getOptionValue("seed")) : null;
        RunBudget budget = new RunBudget(limit(cl, "max-events", RunBudget.DEFAULT_EVENTS),
                limit(cl, "max-trace-bytes", RunBudget.DEFAULT_TRACE_BYTES));
        boolean quiet = cl.hasOption("quiet");
        Scenario sc = ScenarioArgument.load(cl.getArgList(), err);
        if (sc == null) {
            return Exit.BAD_INPUT;
        }
        if (seed != null) {
            sc = withSeed(sc, seed);
        }
        Tracer tracer = new Tracer();
        World w;
        try {
            w = Assembler.assemble(sc, tracer);
        } catch (ScenarioException e) {
            ScenarioArgument.printErrors(e, err);
            return Exit.BAD_INPUT;
        }
        if (formats.isEmpty()) {
            return simulate(w, until, budget, quiet, null, null);
        }
        try (ReportFolder folder = ReportFolder.open(ScenarioArgument.path(cl.getOptionValue("out",
                Path.of("reports", sc.name()).toString())))) {
            ReportSinks sinks;
            try {
                sinks = ReportSinks.attach(tracer, w, formats, folder, streams, budget.written());
            } catch (IOException e) {
                folder.abandon(IoProblem.reason(e));
                throw new UsageException("cannot write reports to " + folder.dir() + ": " + IoProblem.describe(e));
            }
            return simulate(w, until, budget, quiet, folder, sinks);
        } catch (IOException e) {
            throw new UsageException("cannot write reports: " + IoProblem.describe(e));
        }
    }

    /** Runs the world, closes and commits the reports, prints the summary; returns the exit status. */
    private int simulate(World w, long until, RunBudget budget, boolean quiet, ReportFolder folder, ReportSinks sinks) {
        Progress progress = new Progress(w.sim(), err, quiet, Progress.stderrIsTerminal(), heartbeatNs);
        budget.watch(w.sim(), progress);
        long t0 = System.nanoTime();
        RunResult r = ScenarioRun.run(w, until);
        double wall = (System.nanoTime() - t0) / 1e9;
        progress.done();
        String stopped = budget.exceeded();
        IOException failure = null;
        if (folder != null) {
            try {
                w.tracer().close();
                folder.commit(sinks.files(), stopped == null ? null
                        : "The run was stopped at its budget of " + stopped + "; the reports end there.");
            } catch (IOException | UncheckedIOException e) {
                failure = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                folder.abandon(IoProblem.reason(failure));
            }
        }
        new Summary(out, quiet).print(r, wall, failure == null ? (folder == null ? null : folder.dir()) : null,
                sinks == null ? List.of() : sinks.files());
        if (failure != null) {
            err.println("stacklab: cannot write reports: " + IoProblem.describe(failure));
            return Exit.BAD_INPUT;
        }
        if (stopped != null) {
            err.println("stacklab: stopped: the run reached its budget of " + stopped + " at simulated time "
                    + SimTime.format(r.endNs()) + " s; the reports hold the run up to there (raise the limit to go on)");
            return Exit.EXPECTATION_FAILED;
        }
        return r.allHeld() ? Exit.OK : Exit.EXPECTATION_FAILED;
    }

    private static long limit(CommandLine cl, String option, long dflt) throws UsageException {
        String v = cl.getOptionValue(option);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim().replace("_", ""));
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UsageException("--" + option + ": expected a whole number of at least 1, got '" + v + "'");
    }

    private static CommandLine parse(Options o, String[] args, String command) throws UsageException {
        try {
            return new DefaultParser().parse(o, args);
        } catch (ParseException e) {
            throw new UsageException(command + ": " + e.getMessage() + " (see --help)");
        }
    }

    private static long time(String v) throws UsageException {
        try {
            return Units.parseTime(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--until: " + e.getMessage());
        }
    }

    private static long seed(String v) throws UsageException {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed: expected a whole number, got '" + v + "'");
        }
    }

    private static Scenario withSeed(Scenario s, long seed) {
        return new Scenario(s.file(), s.name(), s.description(), seed, s.untilNs(), s.defaults(), s.hosts(), s.links(),
                s.processes(), s.expectations(), s.snapshots(), s.timeline(), s.quiz());
    }
}
