package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stacklab.bridge.netns.NamespaceNetwork;
import org.stacklab.net.DropReason;
import org.stacklab.net.PacketStats;
import org.stacklab.process.ProcessObserver;
import org.stacklab.process.ScriptRunner;
import org.stacklab.process.Step;
import org.stacklab.process.VirtualProcess;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioRun;
import org.stacklab.scenario.World;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.Ipv4Address;

/**
 * Runs one scenario twice, in the simulation and on real loopback sockets, and compares what is
 * observable. The plan comes first: if any address would leave 127.0.0.0/8 the run is refused
 * before a socket is opened.
 */
public final class Bridge {
    /**
     * @param scale how simulated times become real ones
     * @param deadlineNs the longest the real run may take; then everything is closed
     * @param base the first loopback address handed to a host
     */
    public record Options(TimeScale scale, long deadlineNs, Ipv4Address base, long maxEvents, boolean isolate, boolean namespaces) {
        public static final long MAX_EVENTS = 5_000_000L;
        public static final Options DEFAULT = new Options(TimeScale.DEFAULT, 20_000_000_000L, AddressMap.DEFAULT_BASE, MAX_EVENTS, true);

        public Options(TimeScale scale, long deadlineNs, Ipv4Address base) {
            this(scale, deadlineNs, base, MAX_EVENTS, true);
        }

        public Options(TimeScale scale, long deadlineNs, Ipv4Address base, long maxEvents, boolean isolate) {
            this(scale, deadlineNs, base, maxEvents, isolate, false);
        }

        /** The same options with a network namespace per host ({@code --namespaces}) or one loopback. */
        public Options withNamespaces(boolean on) {
            return new Options(scale, deadlineNs, base, maxEvents, isolate, on);
        }
    }

    /** The namespace network could not be built (nothing of it is left): the message says what failed. */
    public static final class NoNetwork extends Exception {
        NoNetwork(String message) {
            super(message, null, false, false);
        }
    }

    /** The scenario asks for an address outside loopback: nothing was run. */
    public static final class Refused extends Exception {
        private final BridgePlan plan;

        Refused(BridgePlan plan) {
            super(plan.refusals().size() + " address(es) outside 127.0.0.0/8", null, false, false);
            this.plan = plan;
        }

        public BridgePlan plan() {
            return plan;
        }
    }

    /** Everything a report needs. {@code comparison} is null when the run was skipped. */
    public record Result(Scenario scenario, Environment env, Options options, BridgePlan plan, Recording sim,
            Recording real, Comparison comparison, RealRun.End end, long realNs, List<String> notes, String skip) {
        public Result(Scenario scenario, Environment env, Options options, BridgePlan plan, Recording sim,
                Recording real, Comparison comparison, RealRun.End end, long realNs, List<String> notes) {
            this(scenario, env, options, plan, sim, real, comparison, end, realNs, notes, plan.skip());
        }

        public boolean skipped() {
            return comparison == null;
        }

        /** Why nothing was compared: the plan's reason (or the lost packets'), or the simulated half's budget (last note). */
        public String skipReason() {
            return skip != null ? skip : notes.isEmpty() ? "nothing was compared" : notes.get(notes.size() - 1);
        }

        /** Whether the two runs agree: never when the simulated half was stopped (nothing compared). */
        public boolean agree() {
            return comparison == null ? skip != null : comparison.agree();
        }
    }

    private Bridge() {}

    /**
     * Plans, runs both worlds and compares them.
     *
     * @throws Refused when an address would leave loopback (nothing has been opened)
     * @throws ScenarioException when the scenario cannot be assembled
     */
    public static Result run(Scenario sc, Options o, Environment env) throws Refused, ScenarioException, NoNetwork {
        BridgePlan plan = BridgePlan.of(sc, env, o.base(), o.scale(), o.namespaces());
        if (!plan.refusals().isEmpty()) {
            throw new Refused(plan);
        }
        List<String> notes = new ArrayList<>();
        if (!tcpSimulated()) {
            notes.add("this build has no simulated TCP (org.stacklab.transport.tcp.TcpSocket): stream sockets fail"
                    + " with EOPNOTSUPP in the simulation and diverge");
        }
        if (plan.skip() != null) {
            return new Result(sc, env, o, plan, null, null, null, null, 0, notes);
        }
        Recording sim = new Recording();
        World w = Assembler.assemble(sc, Tracer.off(), new Recorder(sim, Namers.sim(plan.map(), plan.fixedPorts()), p -> null));
        for (VirtualProcess p : w.processes()) {
            sim.add(p.name(), p.host());
        }
        String runaway = SimBudget.run(w, o.maxEvents(), o.deadlineNs());
        if (runaway != null) {
            notes.add(runaway);
            return new Result(sc, env, o, plan, null, null, null, null, 0, notes);
        }
        ending(sim, w.processes());
        String loss = loss(w.network().stats(), o.namespaces());

        Recording real = new Recording();
        NamespaceNetwork net = o.namespaces() ? RealNetwork.build(w.network(), env) : null;
        RealWorld world;
        try {
            world = new RealWorld(plan.map(), o.scale(), env, o.isolate(), net);
        } catch (RuntimeException | Error e) {
            if (net != null) {
                net.close(); // the world would have owned it
            }
            throw e;
        }
        notes.add(0, net != null ? RealNetwork.describe(net)
                : world.isolated() ? "network: a namespace of its own (only lo): nothing outside this run can reach its sockets"
                : "network: this machine's loopback (" + world.whyNotIsolated() + "): no wildcard bind is made, and only"
                        + " this run's own sockets (or ports nothing holds) are sent to");
        if (net != null && !net.netem() && !net.topology().veths().isEmpty()) {
            notes.add(1, RealNetwork.NO_NETEM);
        }
        String lost = net == null ? null : RealNetwork.lossSkip(w.network(), net);
        if (lost != null) {
            world.close();
            return new Result(sc, env, o, plan, sim, null, null, null, 0, notes, lost);
        }
        List<RealRun.Proc> procs = new ArrayList<>();
        List<VirtualProcess> vps = new ArrayList<>();
        java.util.Map<String, RealSocketApi> apis = new java.util.HashMap<>();
        try {
            plan(plan, w, world, real, procs, vps, apis);
        } catch (RuntimeException | Error e) {
            world.close(); // RealRun closes it from here on
            throw e;
        }
        ProcessObserver rec = new Recorder(real, Namers.real(world, plan.fixedPorts()), p -> apis.get(p.name()).note());
        RealRun.Result rr = new RealRun(world, procs, rec, sc.untilNs(), o.deadlineNs()).run();
        ending(real, vps);
        if (rr.end() == RealRun.End.DESCRIPTORS) {
            notes.add(Limits.descriptors(world.descriptorErrno()));
        }
        if (rr.end() == RealRun.End.DEADLINE) {
            notes.add("the real run reached its deadline of " + o.deadlineNs() / 1_000_000_000.0
                    + " s: every socket was closed; steps still waiting are listed as such");
        }
        for (String b : world.bugs()) {
            notes.add("internal error in the bridge (please report): " + b);
        }
        if (rr.udpDrops() > 0) {
            String dropped = "the real kernel dropped " + rr.udpDrops() + " UDP datagram(s) for full receive buffers"
                    + " (its processes were slower than the simulated ones)";
            notes.add(dropped + ": what was received is not compared");
            loss = loss == null ? dropped : loss + "; " + dropped;
        }
        Comparison c = Comparison.of(sim, real, plan, loss);
        return new Result(sc, env, o, plan, sim, real, c, rr.end(), rr.elapsedNs(), notes);
    }

    /** The real twin of each planned process, on {@code world}. */
    private static void plan(BridgePlan plan, World w, RealWorld world, Recording real, List<RealRun.Proc> procs,
            List<VirtualProcess> vps, java.util.Map<String, RealSocketApi> apis) {
        for (BridgePlan.Planned p : plan.processes()) {
            VirtualProcess vp = new VirtualProcess(p.name(), p.host(), p.user(), p.startNs(), Assembler.program(p.spec()));
            for (VirtualProcess twin : w.processes()) {
                if (twin.name().equals(p.name()) && twin.variable("member") != null) {
                    vp.setMember(Integer.parseInt(twin.variable("member")), twin.variable("host"), twin.variable("ip"));
                }
            }
            RealSocketApi api = world.process(p.name(), p.host());
            real.add(p.name(), p.host());
            apis.put(p.name(), api);
            procs.add(new RealRun.Proc(vp, api));
            vps.add(vp);
        }
    }

    /** Whether this build simulates TCP (the TCP branch provides this class). */
    public static boolean tcpSimulated() {
        try {
            Class.forName("org.stacklab.transport.tcp.TcpSocket");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Records how each process ended and the step it was left waiting in. */
    private static void ending(Recording rec, List<VirtualProcess> vps) {
        for (VirtualProcess p : vps) {
            Recording.Proc r = rec.get(p.name());
            if (r == null) {
                continue;
            }
            r.status = p.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            r.failure = p.failure();
            if (p.status() == VirtualProcess.Status.RUNNING && p.program() instanceof ScriptRunner s && s.pendingStep() != null) {
                Step st = s.pendingStep();
                r.pending = st.kind() + " (line " + st.common().line() + ")";
            }
        }
    }

    /** Why what was received may legitimately differ: the simulation lost packets loopback does not lose. */
    private static String loss(PacketStats st, boolean namespaces) {
        List<String> parts = new ArrayList<>();
        for (DropReason r : List.of(DropReason.LOSS, DropReason.QUEUE_FULL, DropReason.BUFFER_FULL, DropReason.TTL,
                DropReason.NO_ROUTE, DropReason.NOT_FORWARDING)) {
            long n = st.dropped(r);
            if (n > 0) {
                parts.add(n + " " + r.label());
            }
        }
        return parts.isEmpty() ? null : "the simulation dropped packets that " + (namespaces ? "the real network need not drop"
                : "loopback does not drop") + " (" + String.join(", ", parts) + ")";
    }
}
