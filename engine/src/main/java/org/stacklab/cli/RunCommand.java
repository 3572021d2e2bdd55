package org.stacklab.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.stacklab.net.Host;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.RunResult;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioRun;
import org.stacklab.scenario.Units;
import org.stacklab.scenario.World;
import org.stacklab.trace.Tracer;
import org.stacklab.trace.format.HostCapturesWriter;
import org.stacklab.trace.format.html.HtmlReportWriter;
import org.stacklab.trace.format.JsonlTraceWriter;
import org.stacklab.trace.format.PcapTraceWriter;
import org.stacklab.trace.format.PcapngTraceWriter;
import org.stacklab.trace.format.TextTraceWriter;
import org.stacklab.wire.Ipv4Address;

/** {@code stacklab run} and {@code stacklab check}. */
final class RunCommand {
    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed of the run's randomness").build());
        o.addOption(Option.builder().longOpt("until").hasArg().argName("T").desc("simulated-time limit, e.g. 30s").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("report folder (default reports/<scenario>/)").build());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("LIST").desc("report formats: " + Formats.DEFAULT + " (the default), hosts (per-host captures), or none").build());
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
        boolean quiet = cl.hasOption("quiet");
        Scenario sc = ScenarioArgument.load(cl.getArgList(), err);
        if (sc == null) {
            return Exit.BAD_INPUT;
        }
        if (seed != null) {
            sc = withSeed(sc, seed);
        }
        Path dir = formats.isEmpty() ? null
                : ReportFolder.prepare(Path.of(cl.getOptionValue("out", Path.of("reports", sc.name()).toString())));
        Tracer tracer = new Tracer();
        World w;
        try {
            w = Assembler.assemble(sc, tracer);
        } catch (ScenarioException e) {
            ScenarioArgument.printErrors(e, err);
            return Exit.BAD_INPUT;
        }
        List<String> written = attachSinks(tracer, w, sc, formats, dir);
        Progress progress = Progress.attach(w.sim(), err, quiet);
        long t0 = System.nanoTime();
        RunResult r = ScenarioRun.run(w, until);
        double wall = (System.nanoTime() - t0) / 1e9;
        progress.done();
        try {
            tracer.close();
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException("cannot write reports to " + dir + ": " + e.getMessage());
        }
        new Summary(out, quiet).print(r, wall, dir, written);
        return r.allHeld() ? Exit.OK : Exit.EXPECTATION_FAILED;
    }

    private List<String> attachSinks(Tracer tracer, World w, Scenario sc, Set<Formats> formats, Path dir)
            throws UsageException {
        List<String> written = new ArrayList<>();
        try {
            for (Formats f : formats) {
                if (f == Formats.HOSTS) {
                    tracer.add(new HostCapturesWriter(dir.resolve(HostCapturesWriter.FOLDER), hostNames(w), addressNames(w)));
                    written.add(f.file);
                    continue;
                }
                Path file = dir.resolve(f.file);
                OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                switch (f) {
                    case TEXT -> tracer.add(new TextTraceWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8)));
                    case JSONL -> tracer.add(new JsonlTraceWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8)));
                    case PCAP -> tracer.add(new PcapTraceWriter(os));
                    case PCAPNG -> tracer.add(new PcapngTraceWriter(os, hostNames(w), addressNames(w)));
                    case HTML -> tracer.add(new HtmlReportWriter(os, Reports.info(w), Reports.tables(w),
                            Reports.quiz(sc), Reports.docs(dir)));
                    default -> throw new IllegalStateException(f.name());
                }
                written.add(f.file);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write reports to " + dir + ": " + e.getMessage());
        }
        return written;
    }

    private static List<String> hostNames(World w) {
        List<String> names = new ArrayList<>();
        for (Host h : w.network().hosts()) {
            names.add(h.name());
        }
        return names;
    }

    private static Map<Ipv4Address, String> addressNames(World w) {
        Map<Ipv4Address, String> m = new LinkedHashMap<>();
        for (Host h : w.network().hosts()) {
            for (Ipv4Address a : h.addresses()) {
                m.put(a, h.name());
            }
        }
        return m;
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
