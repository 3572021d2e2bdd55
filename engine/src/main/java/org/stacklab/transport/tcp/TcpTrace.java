package org.stacklab.transport.tcp;

import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.Protocol;

/** The trace events a TCP socket emits; each builds its event only when a sink listens. */
final class TcpTrace {
    private TcpTrace() {}

    static void state(TcpSocket s, TcpState from, TcpState to) {
        Tracer t = s.stack().tracer();
        if (t.on()) {
            t.emit(new TraceEvent.StateEvent(s.now(), s.host().name(), s.id(), s.process(), from.label(), to.label()));
        }
    }

    /** The socket took a local address and port ({@code auto}: an ephemeral port, E2-E4). */
    static void bind(TcpSocket s, boolean auto) {
        Tracer t = s.stack().tracer();
        if (t.on()) {
            t.emit(new TraceEvent.BindEvent(s.now(), s.host().name(), s.id(), s.process(), Protocol.TCP, s.local(),
                    auto));
        }
    }

    /** cwnd changed; an unlimited ssthresh (before the first loss) is reported as -1. */
    static void cwnd(TcpSocket s, long cwnd, long ssthresh, String why) {
        Tracer t = s.stack().tracer();
        if (t.on()) {
            t.emit(new TraceEvent.CwndEvent(s.now(), s.host().name(), s.id(), cwnd,
                    ssthresh == Long.MAX_VALUE ? -1 : ssthresh, why));
        }
    }
}
