package org.stacklab.cli;

import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.stacklab.bridge.Bridge;
import org.stacklab.bridge.BridgePlan;
import org.stacklab.bridge.BridgeReport;
import org.stacklab.bridge.Environment;
import org.stacklab.bridge.Isolation;
import org.stacklab.bridge.TimeScale;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.Units;
import org.stacklab.wire.Ipv4Address;

/**
 * {@code stacklab bridge}: runs a scenario on real loopback sockets and compares it with the
 * simulation. Exit 0 when they agree (or the comparison is skipped for want of privileges), 1 with
 * every divergence listed, 2 for a bad file, a bad flag, or an address outside 127.0.0.0/8.
 */
final class BridgeCommand {
    private final PrintStream out;
    private final PrintStream err;

    BridgeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("scale").hasArg().argName("N")
                .desc("divide sleeps, timeouts and start times by N (default 10; 1 = real time)").build());
        o.addOption(Option.builder().longOpt("deadline").hasArg().argName("T")
                .desc("longest real run, e.g. 20s (default 20s)").build());
        o.addOption(Option.builder().longOpt("base").hasArg().argName("ADDR")
                .desc("first loopback address for hosts (default 127.0.0.2)").build());
        o.addOption(Option.builder("q").longOpt("quiet").desc("print only what does not agree").build());
        o.addOption(Option.builder().longOpt("isolate")
                .desc("run in a fresh network namespace (root; unshare): no other port or TIME-WAIT in the way").build());
        o.addOption(Option.builder().longOpt("isolated").desc("(set by --isolate in the namespace)").build());
        return o;
    }

    int run(String[] args) throws UsageException {
        CommandLine cl;
        try {
            cl = new DefaultParser().parse(options(), args);
        } catch (ParseException e) {
            throw new UsageException("bridge: " + e.getMessage() + " (see --help)");
        }
        Bridge.Options o = new Bridge.Options(scale(cl.getOptionValue("scale", "10")),
                time(cl.getOptionValue("deadline", "20s")), base(cl.getOptionValue("base", "127.0.0.2")));
        Scenario sc = ScenarioArgument.load(cl.getArgList(), err);
        if (sc == null) {
            return Exit.BAD_INPUT;
        }
        Environment env = Environment.detect();
        if (cl.hasOption("isolate")) {
            return isolated(args, env, o);
        }
        BridgeReport report = new BridgeReport(out, cl.hasOption("quiet"));
        Bridge.Result r;
        try {
            BridgePlan plan = BridgePlan.of(sc, env, o.base(), o.scale());
            if (!plan.refusals().isEmpty()) {
                BridgeReport.refusals(err, plan);
                return Exit.BAD_INPUT;
            }
            report.header(plan, env, sc.name(), sc.file(), o);
            if (cl.hasOption("isolated")) {
                out.println("network: a fresh namespace of its own (unshare --net): only lo, no other program's ports");
            }
            r = Bridge.run(sc, o, env);
        } catch (Bridge.Refused e) {
            BridgeReport.refusals(err, e.plan());
            return Exit.BAD_INPUT;
        } catch (ScenarioException e) {
            ScenarioArgument.printErrors(e, err);
            return Exit.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            throw new UsageException("bridge: " + e.getMessage());
        }
        report.result(r);
        return r.agree() ? Exit.OK : Exit.EXPECTATION_FAILED;
    }

    /** Runs this command again in a new network namespace (the child prints everything). */
    private int isolated(String[] args, Environment env, Bridge.Options o) throws UsageException {
        String why = Isolation.unavailable(env);
        if (why != null) {
            throw new UsageException("--isolate: " + why);
        }
        List<String> child = new java.util.ArrayList<>(List.of("bridge"));
        for (String a : args) {
            if (!a.equals("--isolate")) {
                child.add(a);
            }
        }
        child.add("--isolated");
        try {
            return Isolation.run(child, out, err, o.deadlineNs() / 1_000_000L + 120_000L);
        } catch (java.io.IOException e) {
            throw new UsageException("--isolate: cannot start " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("--isolate: interrupted");
        }
    }

    private static TimeScale scale(String v) throws UsageException {
        try {
            long n = Long.parseLong(v.trim());
            if (n < 1 || n > 1000) {
                throw new UsageException("--scale: expected a whole number from 1 to 1000, got '" + v + "'");
            }
            return n == 1 ? TimeScale.REAL_TIME : new TimeScale(n, TimeScale.DEFAULT.floorNs(), TimeScale.DEFAULT.gapNs());
        } catch (NumberFormatException e) {
            throw new UsageException("--scale: expected a whole number from 1 to 1000, got '" + v + "'");
        }
    }

    private static long time(String v) throws UsageException {
        try {
            long t = Units.parseTime(v);
            if (t <= 0) {
                throw new UsageException("--deadline: must be above 0, got '" + v + "'");
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--deadline: " + e.getMessage());
        }
    }

    private static Ipv4Address base(String v) throws UsageException {
        try {
            Ipv4Address a = Ipv4Address.parse(v);
            if (!a.isLoopback() || a.equals(Ipv4Address.LOOPBACK)) {
                throw new UsageException("--base: must be in 127.0.0.0/8 and not 127.0.0.1, got '" + v + "'");
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--base: " + e.getMessage());
        }
    }
}
