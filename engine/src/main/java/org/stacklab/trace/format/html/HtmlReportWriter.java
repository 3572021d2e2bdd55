package org.stacklab.trace.format.html;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.BindEvent;
import org.stacklab.trace.TraceEvent.CallEvent;
import org.stacklab.trace.TraceEvent.CwndEvent;
import org.stacklab.trace.TraceEvent.Delivery;
import org.stacklab.trace.TraceEvent.ExpectationEvent;
import org.stacklab.trace.TraceEvent.NoteEvent;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.TraceEvent.ProcessEvent;
import org.stacklab.trace.TraceEvent.SnapshotEvent;
import org.stacklab.trace.TraceEvent.StateEvent;
import org.stacklab.trace.TraceSink;
import org.stacklab.trace.format.PacketText;
import org.stacklab.trace.format.html.SequenceDiagram.Tag;
import org.stacklab.trace.format.html.SequenceDiagram.TagKind;

/**
 * report.html: one self-contained page (inline CSS, SVG and script, nothing fetched) that
 * tells the run: the explorer (every event, stepped through, with the packet inspector and the
 * tables at each instant, see {@link ExplorerData}), the scenario and its topology, a sequence
 * diagram of the first packets, the socket tables at each snapshot, the port table's
 * explanation of each delivery, the drops, the failed calls, the expectations and the totals.
 * Written on {@link #close()}.
 *
 * <p>Memory and size stay bounded however long the run: the page keeps counters for everything,
 * examples (the first few hundred) of each kind of event, and for the explorer the first and
 * last events (see {@link ExplorerData#HEAD}). The page depends only on the
 * events and the {@link ReportInfo}: the same run gives the same bytes.
 */
public final class HtmlReportWriter implements TraceSink, TraceEvent.Visitor {
    private final OutputStream out;
    private final ReportInfo info;
    private final Totals totals = new Totals();
    private final SequenceDiagram diagram = new SequenceDiagram();
    /** The same diagram with one lifeline per socket of an end host (see {@link SocketLanes}). */
    private final SequenceDiagram bySocket = new SequenceDiagram();
    private final SocketLanes socketLanes = new SocketLanes();
    private final PacketTables packets = new PacketTables();
    private final ResultTables results = new ResultTables();
    private final SocketTables sockets = new SocketTables();
    private final TcpTables tcp = new TcpTables();
    private final Capped<NoteEvent> notes = new Capped<>(200);
    private final ExplorerData explorer;
    private boolean closed;

    public HtmlReportWriter(OutputStream out, ReportInfo info) {
        this(out, info, null, null);
    }

    /**
     * A page whose explorer shows the socket tables at each event, read from {@code tables} (may
     * be null), and asks at the deliveries {@code quiz} picks (null: the scenario chose none).
     */
    public HtmlReportWriter(OutputStream out, ReportInfo info, TableSource tables, List<QuizPick> quiz) {
        this(out, info, tables, quiz, null);
    }

    /** As above, with rule codes linking to {@code docs} (the path of docs/port-table.md from the page; null: beside it). */
    public HtmlReportWriter(OutputStream out, ReportInfo info, TableSource tables, List<QuizPick> quiz, String docs) {
        this.out = out;
        this.info = info;
        this.explorer = new ExplorerData(info, tables, quiz, docs);
    }

    @Override
    public void accept(TraceEvent e) {
        totals.event(e);
        e.accept(this);
    }

    @Override
    public void packet(PacketEvent e) {
        totals.packet(e);
        Delivery d = e.delivery();
        explorer.event(e, PacketText.of(e.packet()) + (d != null ? " → socket " + d.socket() + " (" + d.process() + ")"
                : "") + (e.reason() != null ? " ✕ " + e.reason() : ""), d == null ? null : d.process(),
                d == null ? -1 : d.socket(), e.packet().protocol().label());
        diagram.packet(e);
        String lane = socketLanes.lane(e);
        bySocket.packet(lane.equals(e.host()) ? e : new PacketEvent(e.time(), lane, e.action(), e.packet(), e.retransmit(),
                e.delivery(), e.reason(), e.detail()));
        switch (e.action()) {
            case DELIVER -> packets.delivered(e);
            case DROP -> packets.dropped(e);
            default -> { }
        }
    }

    @Override
    public void call(CallEvent e) {
        results.call(e);
        explorer.event(e, e.process() + ": " + e.args() + " = " + e.result() + (e.errno() == null ? ""
                : e.expected() ? " (expected)" : " (unexpected)"), e.process(), -1, null);
        if (e.errno() != null) {
            Tag t = new Tag(e.host(), e.errno() + " " + e.step(), e.expected() ? TagKind.EXPECTED : TagKind.ERROR,
                    e.process() + ": " + e.args() + " = " + e.result() + (e.expected() ? " (expected)" : " (unexpected)"));
            diagram.tag(e.time(), t);
            bySocket.tag(e.time(), t);
        }
    }

    @Override
    public void state(StateEvent e) {
        tcp.state(e);
        explorer.event(e, "socket " + e.socket() + " (" + e.process() + "): " + e.from() + " → " + e.to(), e.process(),
                e.socket(), "tcp");
        // each badge names its socket and process: a listener's CLOSED is not the connection's
        String title = "socket " + e.socket() + " (" + e.process() + "): " + e.from() + " → " + e.to();
        diagram.tag(e.time(), new Tag(e.host(), "s" + e.socket() + " " + e.process() + ": " + e.to(), TagKind.STATE, title));
        socketLanes.state(e);
        bySocket.tag(e.time(), new Tag(SocketLanes.key(e.host(), e.socket()), e.process() + ": " + e.to(), TagKind.STATE, title));
    }

    @Override
    public void bind(BindEvent e) {
        sockets.bind(e);
        socketLanes.bind(e);
        explorer.event(e, "socket " + e.socket() + " (" + e.process() + ") binds " + e.proto().label() + " " + e.local()
                + (e.auto() ? " (port chosen by the stack)" : ""), e.process(), e.socket(), e.proto().label());
    }

    @Override
    public void note(NoteEvent e) {
        notes.add(e);
        explorer.event(e, (e.process() == null ? "" : e.process() + ": ") + e.text().strip(), e.process(), -1, null);
        diagram.note(e.time(), e.host(), e.process(), e.text());
        bySocket.note(e.time(), e.host(), e.process(), e.text());
    }

    @Override
    public void snapshot(SnapshotEvent e) {
        sockets.snapshot(e);
        explorer.event(e, "socket table: " + e.rows().size() + " open", null, -1, null);
    }

    @Override
    public void expectation(ExpectationEvent e) {
        results.expectation(e);
        explorer.event(e, (e.held() ? "✓ " : "✗ ") + e.description() + (e.detail() == null || e.detail().isEmpty() ? ""
                : ": " + e.detail()), null, -1, null);
    }

    @Override
    public void process(ProcessEvent e) {
        results.process(e);
        explorer.event(e, e.process() + " " + e.what() + (e.detail() == null || e.detail().isEmpty() ? "" : ": " + e.detail()),
                e.process(), -1, null);
        if ("fail".equals(e.what())) {
            Tag t = new Tag(e.host(), e.process() + " failed", TagKind.FAILURE, e.process() + ": " + e.detail());
            diagram.tag(e.time(), t);
            bySocket.tag(e.time(), t);
        }
    }

    @Override
    public void cwnd(CwndEvent e) {
        tcp.cwnd(e);
        explorer.event(e, "socket " + e.socket() + " cwnd " + e.cwnd() + " ssthresh " + (e.ssthresh() < 0 ? "inf"
                : e.ssthresh()) + " (" + e.why() + ")", null, e.socket(), "tcp");
    }

    @Override
    public void nat(TraceEvent.NatEvent e) {
        sockets.nat.nat(e);
        explorer.event(e, "nat " + e.type() + " " + e.from() + " -> " + e.to() + ": " + e.before() + " becomes "
                + e.after(), null, -1, null);
    }

    @Override
    public void conntrack(TraceEvent.ConntrackEvent e) {
        sockets.nat.conntrack(e);
    }

    /** Writes the page and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        StringBuilder sb = new StringBuilder(1 << 18);
        new ReportPage(info, totals, diagram, packets, results, sockets, tcp, notes, explorer).withSockets(bySocket, socketLanes)
                .render(sb);
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.append(sb);
        }
    }
}
