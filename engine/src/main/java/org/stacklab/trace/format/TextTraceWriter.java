package org.stacklab.trace.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.CallEvent;
import org.stacklab.trace.TraceEvent.CwndEvent;
import org.stacklab.trace.TraceEvent.ExpectationEvent;
import org.stacklab.trace.TraceEvent.NoteEvent;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.TraceEvent.ProcessEvent;
import org.stacklab.trace.TraceEvent.SnapshotEvent;
import org.stacklab.trace.TraceEvent.SocketRow;
import org.stacklab.trace.TraceEvent.StateEvent;
import org.stacklab.trace.TraceSink;

/**
 * trace.txt: one line per event, starting with the simulated time and the host; packets as
 * tcpdump prints them. A socket-table snapshot is one line per socket.
 */
public final class TextTraceWriter implements TraceSink, TraceEvent.Visitor {
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(256);

    public TextTraceWriter(Writer out) {
        this.out = new BufferedWriter(out, 1 << 16);
    }

    @Override
    public void accept(TraceEvent e) {
        sb.setLength(0);
        e.accept(this);
    }

    private StringBuilder start(TraceEvent e) {
        SimTime.appendTo(sb, e.time());
        sb.append(' ').append(e.host().isEmpty() ? "-" : e.host()).append(' ');
        return sb;
    }

    private void line() {
        sb.append('\n');
        try {
            out.append(sb);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        sb.setLength(0);
    }

    @Override
    public void packet(PacketEvent e) {
        start(e).append(e.kind()).append(' ');
        PacketText.append(sb, e.packet());
        if (e.retransmit()) {
            sb.append(" [retransmission]");
        }
        if (e.delivery() != null) {
            TraceEvent.Delivery d = e.delivery();
            sb.append(" -> socket ").append(d.socket()).append(" (").append(d.process()).append(") rule ")
                    .append(d.rule());
            if (!d.explanation().isEmpty()) {
                sb.append(": ").append(d.explanation());
            }
        }
        if (e.reason() != null) {
            sb.append(" reason ").append(e.reason());
            if (e.detail() != null) {
                sb.append(": ").append(e.detail());
            }
        }
        line();
    }

    @Override
    public void call(CallEvent e) {
        start(e).append(e.process()).append(' ').append(e.kind()).append(' ').append(e.args()).append(" = ")
                .append(e.result());
        if (e.errno() != null) {
            sb.append(e.expected() ? " (expected)" : " (unexpected)");
        }
        if (e.line() > 0) {
            sb.append(" [line ").append(e.line()).append(']');
        }
        line();
    }

    @Override
    public void state(StateEvent e) {
        start(e).append("socket ").append(e.socket()).append(" (").append(e.process()).append(") state ")
                .append(e.from()).append(" -> ").append(e.to());
        line();
    }

    @Override
    public void bind(TraceEvent.BindEvent e) {
        start(e).append("socket ").append(e.socket()).append(" (").append(e.process()).append(") bind ")
                .append(e.proto().label()).append(' ').append(e.local());
        if (e.auto()) {
            sb.append(" (ephemeral, chosen by the stack)");
        }
        line();
    }

    @Override
    public void note(NoteEvent e) {
        start(e).append("note");
        if (e.process() != null) {
            sb.append(" (").append(e.process()).append(')');
        }
        sb.append(": ").append(e.text().strip().replace("\n", " "));
        line();
    }

    @Override
    public void snapshot(SnapshotEvent e) {
        start(e).append("sockets: ").append(e.rows().size()).append(" open (Netid State Recv-Q Send-Q Local Peer Process)");
        line();
        for (SocketRow r : e.rows()) {
            start(e).append("socket ").append(r.proto()).append(' ').append(r.state()).append(' ').append(r.recvQ())
                    .append(' ').append(r.sendQ()).append(' ').append(r.local()).append(' ').append(r.peer());
            if (r.process() != null) { // L5: TIME-WAIT has no owner
                sb.append(" users:((\"").append(r.process()).append("\",sock=").append(r.socket()).append("))");
            }
            line();
        }
    }

    @Override
    public void nat(TraceEvent.NatEvent e) {
        start(e).append("nat ").append(e.type()).append(' ').append(e.from()).append(" -> ").append(e.to())
                .append(": ").append(e.before()).append(" becomes ").append(e.after());
        line();
    }

    @Override
    public void conntrack(TraceEvent.ConntrackEvent e) {
        start(e).append("conntrack: ").append(e.rows().size()).append(" flows (conntrack -L)");
        line();
        for (TraceEvent.ConntrackRow r : e.rows()) {
            start(e).append("flow ").append(r.line());
            line();
        }
    }

    @Override
    public void expectation(ExpectationEvent e) {
        start(e).append("expect ").append(e.description()).append(": ").append(e.held() ? "held" : "FAILED");
        if (e.detail() != null) {
            sb.append(" (").append(e.detail()).append(')');
        }
        line();
    }

    @Override
    public void process(ProcessEvent e) {
        start(e).append(e.process()).append(' ').append(e.what());
        if (e.detail() != null) {
            sb.append(": ").append(e.detail());
        }
        line();
    }

    @Override
    public void cwnd(CwndEvent e) {
        start(e).append("socket ").append(e.socket()).append(" cwnd ").append(e.cwnd()).append(" ssthresh ");
        if (e.ssthresh() < 0) {
            sb.append("inf");
        } else {
            sb.append(e.ssthresh());
        }
        sb.append(" (").append(e.why()).append(')');
        line();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
