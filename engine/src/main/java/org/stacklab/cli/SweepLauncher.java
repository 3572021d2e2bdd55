package org.stacklab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.stacklab.cli.sweep.SweepCommand;

/** {@code stacklab sweep}: reads the command line, then hands it to {@link SweepCommand}. */
final class SweepLauncher {
    static final String USAGE = "stacklab sweep SCENARIO.yaml --set KEY=V1,V2,... [--set ...] [--seeds 1-10] "
            + "[--jobs N] [--part K/N] [--plot METRIC] [--x KEY] [--out DIR] [--quiet]";

    private SweepLauncher() {}

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("set").hasArg().argName("KEY=V1,V2").desc("a parameter and its values (repeatable)").build());
        o.addOption(Option.builder().longOpt("seeds").hasArg().argName("LIST").desc("seeds: N, N-M or a list (default: the scenario's)").build());
        o.addOption(Option.builder().longOpt("jobs").hasArg().argName("N").desc("threads (default: every core)").build());
        o.addOption(Option.builder().longOpt("part").hasArg().argName("K/N").desc("run only part K of N (batch systems)").build());
        o.addOption(Option.builder().longOpt("plot").hasArg().argName("METRIC").desc("metric of sweep.svg (default goodput_bps)").build());
        o.addOption(Option.builder().longOpt("x").hasArg().argName("KEY").desc("parameter on the x axis (default the first --set)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("report folder (default reports/<scenario>-sweep/)").build());
        o.addOption(Option.builder("q").longOpt("quiet").desc("print nothing but errors").build());
        return o;
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        CommandLine cl;
        try {
            cl = new DefaultParser().parse(options(), args);
        } catch (ParseException e) {
            throw new UsageException("sweep: " + e.getMessage() + " (usage: " + USAGE + ")");
        }
        if (cl.getArgList().size() != 1) {
            throw new UsageException("sweep: expected one scenario file (usage: " + USAGE + ")");
        }
        Path file = ScenarioArgument.file(cl.getArgList().get(0));
        int jobs = Runtime.getRuntime().availableProcessors();
        if (cl.hasOption("jobs")) {
            try {
                jobs = Integer.parseInt(cl.getOptionValue("jobs").trim());
            } catch (NumberFormatException e) {
                jobs = 0;
            }
            if (jobs < 1 || jobs > 1024) {
                throw new UsageException("--jobs: expected a whole number from 1 to 1024, got '" + cl.getOptionValue("jobs") + "'");
            }
        }
        int part = 1;
        int parts = 1;
        if (cl.hasOption("part")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]{1,6})\\s*/\\s*([0-9]{1,6})\\s*")
                    .matcher(cl.getOptionValue("part"));
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
                throw new UsageException("--part: expected K/N with 1 <= K <= N, got '" + cl.getOptionValue("part") + "'");
            }
            part = Integer.parseInt(m.group(1));
            parts = Integer.parseInt(m.group(2));
        }
        String[] sets = cl.getOptionValues("set");
        SweepCommand.Request rq = new SweepCommand.Request(file, sets == null ? java.util.List.of() : java.util.List.of(sets),
                cl.getOptionValue("seeds"), jobs, cl.hasOption("out") ? Path.of(cl.getOptionValue("out")) : null,
                cl.getOptionValue("plot"), cl.getOptionValue("x"), cl.hasOption("quiet"), Progress.stderrIsTerminal(), part, parts);
        try {
            return new SweepCommand(out, err).run(rq);
        } catch (SweepCommand.BadRequest e) {
            throw new UsageException("sweep: " + e.getMessage());
        }
    }
}
