package org.stacklab.process;

import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;

/** Turns what simulated processes do into trace events: calls, errors, notes, start and end. */
public final class TracingObserver implements ProcessObserver {
    private final Simulator sim;
    private final Tracer tracer;

    public TracingObserver(Simulator sim, Tracer tracer) {
        this.sim = sim;
        this.tracer = tracer;
    }

    @Override
    public void call(VirtualProcess p, Step step, Call call, Outcome o, boolean expected) {
        if (!tracer.on() || call instanceof Call.Sleep) { // a sleep is not a socket call: not traced
            return;
        }
        String kind = step != null ? step.kind() : call.name();
        int line = step != null ? step.common().line() : 0;
        tracer.emit(new TraceEvent.CallEvent(sim.now(), p.host(), p.name(), kind, line, CallText.of(step, call),
                o.error() == null ? null : o.error().name(), expected, o.describe(call), step != null ? step.socket() : null,
                ready(o)));
    }

    /** A poll's ready sockets as the trace lists them: name to event names, in the order polled. */
    private static java.util.Map<String, java.util.List<String>> ready(Outcome o) {
        if (o.ready() == null) {
            return null;
        }
        java.util.Map<String, java.util.List<String>> m = new java.util.LinkedHashMap<>();
        for (Outcome.Ready r : o.ready()) {
            m.put(r.name(), org.stacklab.transport.Readiness.names(r.events()));
        }
        return m;
    }

    @Override
    public void lifecycle(VirtualProcess p, String what, String detail) {
        if (tracer.on()) {
            tracer.emit(new TraceEvent.ProcessEvent(sim.now(), p.host(), p.name(), what, detail));
        }
    }

    @Override
    public void note(VirtualProcess p, String text) {
        if (tracer.on()) {
            tracer.emit(new TraceEvent.NoteEvent(sim.now(), p.host(), p.name(), text));
        }
    }
}
