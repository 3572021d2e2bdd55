package org.stacklab.process;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.TransportContext;
import org.stacklab.wire.Ipv4Address;

/** A small simulated network for tests: hosts, links, processes, and every trace event kept. */
final class Lab {
    final Simulator sim;
    final Tracer tracer = new Tracer();
    final List<TraceEvent> events = new ArrayList<>();
    final Network net;
    final TransportContext ctx;
    final List<VirtualProcess> procs = new ArrayList<>();
    final ProcessObserver observer;

    Lab(long seed) {
        sim = new Simulator(seed);
        tracer.add(events::add);
        net = new Network(sim, tracer);
        ctx = new TransportContext(sim, tracer, 32768, 60999, 60_000_000_000L);
        observer = new TracingObserver(sim, tracer);
    }

    Host host(String name, String ip, boolean forward) {
        Host h = net.addHost(name, List.of(Ipv4Address.parse(ip)), forward);
        HostStack.install(h, ctx);
        return h;
    }

    void link(Host a, Host b) {
        net.link(a, b, new LinkConfig(1_000_000, 1_000_000_000, 0, 1000));
    }

    VirtualProcess process(String name, Host h, String user, long start, Program program) {
        VirtualProcess p = new VirtualProcess(name, h.name(), user, start, program);
        SimSocketApi api = new SimSocketApi(HostStack.of(h), name, user);
        sim.scheduleAt(start, () -> p.start(api, observer));
        procs.add(p);
        return p;
    }

    VirtualProcess script(String name, Host h, long start, Step... steps) {
        return process(name, h, "root", start, new ScriptRunner(List.of(steps)));
    }

    /** The errno (or "ok") of every call the named process made, in order. */
    List<String> results(String process) {
        List<String> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.CallEvent c && c.process().equals(process)) {
                out.add(c.errno() == null ? "ok" : c.errno());
            }
        }
        return out;
    }

    long count(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).count();
    }
}
