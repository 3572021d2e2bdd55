package org.stacklab.trace.format.html;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.BindEvent;
import org.stacklab.trace.TraceEvent.CallEvent;
import org.stacklab.trace.TraceEvent.CwndEvent;
import org.stacklab.trace.TraceEvent.ExpectationEvent;
import org.stacklab.trace.TraceEvent.NoteEvent;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.TraceEvent.ProcessEvent;
import org.stacklab.trace.TraceEvent.SnapshotEvent;
import org.stacklab.trace.TraceEvent.StateEvent;
import org.stacklab.trace.TraceSink;
import org.stacklab.trace.format.html.SequenceDiagram.Tag;
import org.stacklab.trace.format.html.SequenceDiagram.TagKind;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) that
 * tells the run: the scenario and its topology, a sequence diagram of the first packets, the
 * socket tables at each snapshot, the port table's explanation of each delivery, the drops,
 * the failed calls, the expectations and the totals. Written on {@link #close()}.
 *
 * <p>Memory and size stay bounded however long the run: the page keeps counters for everything
 * and examples (the first few hundred) of each kind of event. The page depends only on the
 * events and the {@link ReportInfo}: the same run gives the same bytes.
 */
public final class HtmlReportWriter implements TraceSink, TraceEvent.Visitor {
    private final OutputStream out;
    private final ReportInfo info;
    private final Totals totals = new Totals();
    private final SequenceDiagram diagram = new SequenceDiagram();
    private final PacketTables packets = new PacketTables();
    private final ResultTables results = new ResultTables();
    private final SocketTables sockets = new SocketTables();
    private final TcpTables tcp = new TcpTables();
    private final Capped<NoteEvent> notes = new Capped<>(200);
    private boolean closed;

    public HtmlReportWriter(OutputStream out, ReportInfo info) {
        this.out = out;
        this.info = info;
    }

    @Override
    public void accept(TraceEvent e) {
        totals.event(e);
        e.accept(this);
    }

    @Override
    public void packet(PacketEvent e) {
        totals.packet(e);
        diagram.packet(e);
        switch (e.action()) {
            case DELIVER -> packets.delivered(e);
            case DROP -> packets.dropped(e);
            default -> { }
        }
    }

    @Override
    public void call(CallEvent e) {
        results.call(e);
        if (e.errno() != null) {
            diagram.tag(e.time(), new Tag(e.host(), e.errno() + " " + e.step(), e.expected() ? TagKind.EXPECTED : TagKind.ERROR,
                    e.process() + ": " + e.args() + " = " + e.result() + (e.expected() ? " (expected)" : " (unexpected)")));
        }
    }

    @Override
    public void state(StateEvent e) {
        tcp.state(e);
        diagram.tag(e.time(), new Tag(e.host(), e.to(), TagKind.STATE,
                "socket " + e.socket() + " (" + e.process() + "): " + e.from() + " → " + e.to()));
    }

    @Override
    public void bind(BindEvent e) {
        sockets.bind(e);
    }

    @Override
    public void note(NoteEvent e) {
        notes.add(e);
        diagram.note(e.time(), e.host(), e.process(), e.text());
    }

    @Override
    public void snapshot(SnapshotEvent e) {
        sockets.snapshot(e);
    }

    @Override
    public void expectation(ExpectationEvent e) {
        results.expectation(e);
    }

    @Override
    public void process(ProcessEvent e) {
        results.process(e);
        if ("fail".equals(e.what())) {
            diagram.tag(e.time(), new Tag(e.host(), e.process() + " failed", TagKind.FAILURE,
                    e.process() + ": " + e.detail()));
        }
    }

    @Override
    public void cwnd(CwndEvent e) {
        tcp.cwnd(e);
    }

    /** Writes the page and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        StringBuilder sb = new StringBuilder(1 << 18);
        new ReportPage(info, totals, diagram, packets, results, sockets, tcp, notes).render(sb);
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.append(sb);
        }
    }
}
