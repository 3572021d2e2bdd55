package org.stacklab.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.stacklab.bridge.Bridge;
import org.stacklab.bridge.BridgePlan;
import org.stacklab.bridge.BridgeReport;
import org.stacklab.bridge.Environment;
import org.stacklab.bridge.TimeScale;
import org.stacklab.bridge.netns.NamespaceNetwork;
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
                .desc("insist on a network namespace of its own (root; the default whenever it may make one)").build());
        o.addOption(Option.builder().longOpt("no-isolate")
                .desc("use this machine's loopback even when a namespace of its own could be made").build());
        o.addOption(Option.builder().longOpt("namespaces")
                .desc("a network namespace per host, veth links shaped by tc, routers forwarding (root and iproute2;"
                        + " the default when they are there and no loopback option is given)").build());
        o.addOption(Option.builder().longOpt("max-events").hasArg().argName("N")
                .desc("most events of the simulated half (default " + Bridge.Options.MAX_EVENTS + ")").build());
        return o;
    }

    int run(String[] args) throws UsageException {
        CommandLine cl;
        try {
            cl = new DefaultParser().parse(options(), args);
        } catch (ParseException e) {
            throw new UsageException("bridge: " + e.getMessage() + " (see --help)");
        }
        if (cl.hasOption("isolate") && cl.hasOption("no-isolate")) {
            throw new UsageException("bridge: --isolate and --no-isolate exclude each other");
        }
        for (String other : new String[] {"isolate", "no-isolate", "base"}) {
            if (cl.hasOption("namespaces") && cl.hasOption(other)) {
                throw new UsageException("bridge: --namespaces and --" + other + " exclude each other (--" + other
                        + " is about the one-loopback run)");
            }
        }
        Bridge.Options o = new Bridge.Options(scale(cl.getOptionValue("scale", "10")),
                time(cl.getOptionValue("deadline", "20s")), base(cl.getOptionValue("base", "127.0.0.2")),
                events(cl.getOptionValue("max-events", String.valueOf(Bridge.Options.MAX_EVENTS))), !cl.hasOption("no-isolate"));
        Scenario sc = ScenarioArgument.load(cl.getArgList(), err);
        if (sc == null) {
            return Exit.BAD_INPUT;
        }
        Environment env = Environment.detect();
        if (cl.hasOption("isolate") && !env.isRoot()) {
            throw new UsageException("--isolate: a network namespace of its own needs root (CAP_SYS_ADMIN)");
        }
        String noNet = NamespaceNetwork.unavailable(env.isRoot());
        if (noNet != null && cl.hasOption("namespaces")) {
            throw new UsageException("--namespaces: " + noNet);
        }
        boolean loopback = cl.hasOption("isolate") || cl.hasOption("no-isolate") || cl.hasOption("base");
        o = o.withNamespaces(noNet == null && !loopback);
        BridgeReport report = new BridgeReport(out, cl.hasOption("quiet"));
        return compare(sc, o, env, report, noNet != null && !loopback ? noNet : null, cl.hasOption("namespaces"));
    }

    /**
     * Plans, runs and reports; {@code fallback}: why the default namespace per host is not used
     * (said after the header), or null. A default namespace network that cannot be built falls
     * back to loopback, saying why; an explicit {@code --namespaces} then exits 2.
     */
    private int compare(Scenario sc, Bridge.Options o, Environment env, BridgeReport report, String fallback, boolean explicit)
            throws UsageException {
        Bridge.Result r;
        try {
            BridgePlan plan = BridgePlan.of(sc, env, o.base(), o.scale(), o.namespaces());
            if (!plan.refusals().isEmpty()) {
                BridgeReport.refusals(err, plan);
                return Exit.BAD_INPUT;
            }
            if (!o.namespaces()) { // a namespace network may fail to build: its header comes once it is there
                header(report, plan, env, sc, o, fallback);
            }
            r = Bridge.run(sc, o, env);
            if (o.namespaces()) {
                header(report, plan, env, sc, o, fallback);
            }
        } catch (Bridge.NoNetwork e) {
            if (explicit) {
                err.println("stacklab: " + e.getMessage());
                return Exit.BAD_INPUT;
            }
            // e.g. root in a user namespace of its own, which may not mount /run/netns
            return compare(sc, o.withNamespaces(false), env, report, e.getMessage().replaceFirst("^--namespaces: ", ""), false);
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

    private void header(BridgeReport report, BridgePlan plan, Environment env, Scenario sc, Bridge.Options o, String fallback) {
        report.header(plan, env, sc.name(), sc.file(), o);
        if (fallback != null) {
            out.println("network: loopback, not a namespace per host (" + fallback + ")");
        }
    }

    private static long events(String v) throws UsageException {
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UsageException("--max-events: expected a whole number of at least 1, got '" + v + "'");
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
