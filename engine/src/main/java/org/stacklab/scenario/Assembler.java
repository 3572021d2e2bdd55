package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.process.Program;
import org.stacklab.process.ProcessObserver;
import org.stacklab.process.ScriptRunner;
import org.stacklab.process.SimSocketApi;
import org.stacklab.process.TracingObserver;
import org.stacklab.process.VirtualProcess;
import org.stacklab.process.app.HttpClient;
import org.stacklab.process.app.HttpServer;
import org.stacklab.process.app.TcpBulkSend;
import org.stacklab.process.app.TcpEchoServer;
import org.stacklab.process.app.TcpSink;
import org.stacklab.process.app.UdpEchoClient;
import org.stacklab.process.app.UdpEchoServer;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.TransportContext;

/**
 * Builds a {@link World} from a loaded {@link Scenario}: expands host groups, joins links,
 * installs each host's transport stack, and schedules processes, timeline notes and socket
 * table snapshots. Mistakes only visible once the network exists (two hosts claiming one
 * address) become positioned {@link ScenarioError}s.
 */
public final class Assembler {
    private final Scenario sc;
    private final Tracer tracer;
    private final ProcessObserver extra;
    private final List<ScenarioError> errors = new ArrayList<>();
    private final Map<String, List<Host>> groups = new LinkedHashMap<>();
    private final Map<String, String> groupOf = new LinkedHashMap<>();

    private Assembler(Scenario sc, Tracer tracer, ProcessObserver extra) {
        this.sc = sc;
        this.tracer = tracer;
        this.extra = extra;
    }

    /** Assembles {@code sc}, emitting to {@code tracer}; the run's seed is the scenario's. */
    public static World assemble(Scenario sc, Tracer tracer) throws ScenarioException {
        return new Assembler(sc, tracer, ProcessObserver.NONE).build();
    }

    /** Assembles {@code sc}; {@code extra} also hears every process's calls (the bridge compares them). */
    public static World assemble(Scenario sc, Tracer tracer, ProcessObserver extra) throws ScenarioException {
        return new Assembler(sc, tracer, extra).build();
    }

    private World build() throws ScenarioException {
        Simulator sim = new Simulator(sc.seed());
        Network net = new Network(sim, tracer);
        Defaults d = sc.defaults();
        TransportContext ctx = new TransportContext(sim, tracer, d.ephemeralLow(), d.ephemeralHigh(), d.timeWaitNs(), d.tcp());
        ctx.setBindV6only(d.bindv6only());
        addHosts(net, ctx);
        addLinks(net);
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        ProcessObserver observer = ProcessObserver.both(new TracingObserver(sim, tracer), extra);
        List<VirtualProcess> procs = addProcesses(net, observer);
        scheduleTimeline(net);
        return new World(sc, sim, tracer, net, procs, groupOf);
    }

    private void addHosts(Network net, TransportContext ctx) {
        for (HostSpec spec : sc.hosts()) {
            List<Host> members = new ArrayList<>();
            for (HostSpec m : spec.members()) {
                try {
                    Host h = net.addHost(m.name(), m.ips(), m.forward());
                    HostStack stack = HostStack.install(h, ctx);
                    if (m.tcp() != null) {
                        stack.configureTcp(m.tcp());
                    }
                    if (m.filter() != null) {
                        org.stacklab.net.filter.Netfilter.install(h, m.filter());
                    }
                    members.add(h);
                    groups.put(m.name(), List.of(h));
                } catch (IllegalArgumentException e) {
                    error(spec.pos(), e.getMessage());
                }
            }
            groups.put(spec.name(), members);
        }
    }

    private void addLinks(Network net) {
        for (LinkSpec l : sc.links()) {
            List<Host> a = groups.getOrDefault(l.a(), List.of());
            List<Host> b = groups.getOrDefault(l.b(), List.of());
            LinkParams p = l.params();
            LinkConfig cfg = new LinkConfig(p.latencyNs(), p.bandwidthBps(), p.loss(), p.queue(), p.lossBack());
            if (a.size() > 1 && b.size() > 1 && a.size() != b.size()) {
                error(l.pos(), "cannot pair groups " + l.a() + " (" + a.size() + " hosts) and " + l.b() + " ("
                        + b.size() + " hosts): a link joins a group to one host, or two groups of equal size member by member");
                continue;
            }
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                Host x = a.get(a.size() == 1 ? 0 : i);
                Host y = b.get(b.size() == 1 ? 0 : i);
                try {
                    net.link(x, y, cfg);
                } catch (IllegalArgumentException e) {
                    error(l.pos(), e.getMessage());
                }
            }
        }
    }

    private List<VirtualProcess> addProcesses(Network net, ProcessObserver observer) {
        List<VirtualProcess> out = new ArrayList<>();
        Simulator sim = net.sim();
        for (ProcessSpec ps : sc.processes()) {
            List<Host> hosts = groups.get(ps.host());
            boolean group = hosts.size() > 1 || isGroup(ps.host());
            for (int i = 0; i < hosts.size(); i++) {
                Host h = hosts.get(i);
                String name = group ? ps.name() + (i + 1) : ps.name();
                if (group) {
                    groupOf.put(name, ps.name());
                }
                VirtualProcess p = new VirtualProcess(name, h.name(), ps.user(), ps.startNs(), program(ps));
                p.setMember(i + 1, h.name(), h.addresses().isEmpty() ? "127.0.0.1" : h.addresses().get(0).toString());
                p.keepText(ps.steps() != null || needsText(name, ps.name()));
                SimSocketApi api = new SimSocketApi(HostStack.of(h), name, ps.user());
                sim.scheduleAt(ps.startNs(), () -> p.start(api, observer));
                out.add(p);
            }
        }
        return out;
    }

    private boolean isGroup(String hostName) {
        for (HostSpec h : sc.hosts()) {
            if (h.name().equals(hostName)) {
                return h.isGroup();
            }
        }
        return false;
    }

    private boolean needsText(String process, String specName) {
        for (Expectation e : sc.expectations()) {
            if (e instanceof Expectation.Received r
                    && (Glob.matches(r.process(), process) || Glob.matches(r.process(), specName))) {
                return true;
            }
        }
        return false;
    }

    /** The program of a process: its steps, or a built-in app with its arguments. */
    public static Program program(ProcessSpec ps) {
        if (ps.steps() != null) {
            return new ScriptRunner(ps.steps());
        }
        AppSpec a = ps.app();
        switch (a.app()) {
            case "udp-echo-server":
                return new UdpEchoServer(a.port());
            case "udp-echo-client":
                return new UdpEchoClient(a.to(), a.count(), a.intervalNs(), a.size());
            case "tcp-echo-server":
                return new TcpEchoServer(a.port());
            case "tcp-bulk-send":
                return new TcpBulkSend(a.to(), a.bytes());
            case "tcp-sink":
                return new TcpSink(a.port());
            case "http-server":
                return new HttpServer(a.port(), a.body());
            case "http-client":
                return new HttpClient(a.to(), a.path());
            default:
                throw new IllegalStateException("the loader let an unknown app through: " + a.app());
        }
    }

    private void scheduleTimeline(Network net) {
        Simulator sim = net.sim();
        for (TimelineNote n : sc.timeline()) {
            sim.scheduleAt(n.atNs(), () -> {
                if (tracer.on()) {
                    tracer.emit(new TraceEvent.NoteEvent(sim.now(), "", null, n.text()));
                }
            });
        }
        for (long t : sc.snapshots()) {
            sim.scheduleAt(t, () -> snapshot(net));
        }
    }

    /** Writes every host's socket table into the trace (ss -tuanp). */
    public static void snapshot(Network net) {
        Tracer t = net.tracer();
        if (!t.on()) {
            return;
        }
        for (Host h : net.hosts()) {
            List<TraceEvent.SocketRow> rows = HostStack.of(h).socketTable();
            if (!rows.isEmpty()) {
                t.emit(new TraceEvent.SnapshotEvent(net.sim().now(), h.name(), rows));
            }
            if (h.filter() instanceof org.stacklab.net.filter.Netfilter nf) {
                t.emit(nf.table()); // conntrack -L, beside the socket table
            }
        }
    }

    private void error(Pos pos, String message) {
        errors.add(new ScenarioError(sc.file(), pos.line(), pos.column(), message));
    }
}
