package org.stacklab.trace.format.html;

import org.stacklab.trace.TraceEvent.NoteEvent;
import org.stacklab.trace.TraceEvent.PacketAction;

/**
 * Lays out report.html: the head with its inline style sheet, the scenario header, a table of
 * contents, then one {@code <section>} per part of the report, in the order a reader asks:
 * did it work, what is the network, what happened, why.
 */
final class ReportPage {
    private final ReportInfo info;
    private final Totals totals;
    private final SequenceDiagram diagram;
    private final PacketTables packets;
    private final ResultTables results;
    private final SocketTables sockets;
    private final TcpTables tcp;
    private final Capped<NoteEvent> notes;
    private final ExplorerData explorer;
    private SequenceDiagram bySocket;
    private SocketLanes socketLanes;

    ReportPage(ReportInfo info, Totals totals, SequenceDiagram diagram, PacketTables packets, ResultTables results,
            SocketTables sockets, TcpTables tcp, Capped<NoteEvent> notes, ExplorerData explorer) {
        this.info = info;
        this.totals = totals;
        this.diagram = diagram;
        this.packets = packets;
        this.results = results;
        this.sockets = sockets;
        this.tcp = tcp;
        this.notes = notes;
        this.explorer = explorer;
    }

    /** Also draws the sequence diagram with one lifeline per socket, behind a toggle. */
    ReportPage withSockets(SequenceDiagram d, SocketLanes lanes) {
        this.bySocket = d;
        this.socketLanes = lanes;
        return this;
    }

    void render(StringBuilder sb) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"generator\" content=\"StackLab\">\n<title>StackLab: ").append(Html.text(info.name()))
                .append("</title>\n<style>\n").append(ReportStyle.CSS).append(Resources.EXPLORER_CSS).append("</style>\n</head>\n<body>\n");
        header(sb);
        sb.append("<main>\n");
        nav(sb);
        section(sb, "explorer", "Explorer: step through the run");
        sb.append(Resources.EXPLORER_HTML);
        explorer.render(sb);
        end(sb);
        section(sb, "expectations", "Expectations");
        results.renderExpectations(sb);
        end(sb);
        section(sb, "topology", "Topology");
        new TopologySvg(new Topology(info, diagram.firstRoles())).render(sb);
        end(sb);
        section(sb, "sequence", "Sequence diagram");
        sequence(sb);
        end(sb);
        section(sb, "sockets", "Socket tables");
        sockets.render(sb, totals.lastTime());
        end(sb);
        section(sb, "deliveries", "Deliveries: the port table's choices");
        packets.renderDeliveries(sb);
        end(sb);
        section(sb, "drops", "Drops");
        packets.renderDrops(sb);
        end(sb);
        section(sb, "errors", "Failed calls and processes");
        results.renderErrors(sb);
        end(sb);
        section(sb, "tcp", "TCP");
        tcp.render(sb);
        end(sb);
        section(sb, "totals", "Totals");
        totals.render(sb);
        end(sb);
        sb.append("</main>\n<script>\n").append(Resources.EXPLORER_JS).append("</script>\n<footer>Written by StackLab from the simulated run alone: the same scenario and seed give "
                + "the same page, byte for byte.</footer>\n</body>\n</html>\n");
    }

    private void header(StringBuilder sb) {
        sb.append("<header>\n<h1>").append(Html.text(info.name())).append("</h1>\n<p class=\"meta\">");
        if (!info.file().isEmpty()) {
            sb.append("scenario <code>").append(Html.text(info.file())).append("</code> · ");
        }
        sb.append("seed ").append(info.seed()).append(" · ").append(Html.time(totals.lastTime()))
                .append(" s simulated · ").append(Html.count(info.hosts().size(), "host", "hosts")).append("</p>\n");
        if (!info.description().isBlank()) {
            sb.append("<div class=\"desc\">").append(Html.esc(Html.cut(info.description().strip(), 20_000))).append("</div>\n");
        }
        sb.append("<p class=\"verdict\">");
        long held = results.held();
        long failed = results.failed();
        if (held + failed == 0) {
            sb.append("<span class=\"badge none\">no expectations</span>");
        } else if (failed == 0) {
            sb.append("<span class=\"badge pass\">all ").append(held).append(" expectations held</span>");
        } else {
            sb.append("<span class=\"badge fail\">").append(failed).append(" of ").append(held + failed)
                    .append(" expectations failed</span>");
        }
        sb.append(" <span class=\"figures\">packets: ").append(totals.packets(PacketAction.TX)).append(" sent, ")
                .append(totals.packets(PacketAction.DELIVER)).append(" delivered, ")
                .append(totals.packets(PacketAction.DROP)).append(" dropped, ").append(totals.inFlight())
                .append(" in flight · ").append(Html.count(results.failedCalls(), "failed call", "failed calls"));
        if (results.processFailures() > 0) {
            sb.append(" · ").append(Html.count(results.processFailures(), "process failed", "processes failed"));
        }
        sb.append("</span></p>\n</header>\n");
    }

    private static void nav(StringBuilder sb) {
        sb.append("<nav>");
        String[][] parts = {{"explorer", "Explorer"}, {"expectations", "Expectations"}, {"topology", "Topology"}, {"sequence", "Sequence"},
                {"sockets", "Sockets"}, {"deliveries", "Deliveries"}, {"drops", "Drops"}, {"errors", "Errors"},
                {"tcp", "TCP"}, {"totals", "Totals"}};
        for (String[] p : parts) {
            sb.append("<a href=\"#").append(p[0]).append("\">").append(p[1]).append("</a>");
        }
        sb.append("</nav>\n");
    }

    private static void section(StringBuilder sb, String id, String title) {
        sb.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.esc(title)).append("</h2>\n");
    }

    private static void end(StringBuilder sb) {
        sb.append("</section>\n");
    }

    private void sequence(StringBuilder sb) {
        sb.append("<p>Time flows down, one row per packet sent or forwarded (rows are not to scale; the left column is "
                + "the simulated time in seconds). Hover over an arrow to see the packet as tcpdump prints it and what "
                + "became of it. TCP seq/ack are relative to each side's initial sequence number, as Wireshark shows them."
                + "</p>\n<p class=\"legend\"><span class=\"k tcp\">TCP</span><span class=\"k udp\">UDP</span>"
                + "<span class=\"k icmp\">ICMP</span><span class=\"k drop\">✕ dropped, with the reason</span>"
                + "<span class=\"k rtx\">dashed: retransmission</span><span class=\"k tagstate\">TCP state</span>"
                + "<span class=\"k tagexpected\">call failed as expected</span><span class=\"k tagerror\">call failed "
                + "unexpectedly</span><span class=\"k note\">note</span></p>\n");
        if (notes.seen() > 0) {
            sb.append("<details><summary>Narration (").append(Html.count(notes.seen(), "note", "notes"))
                    .append(")</summary>\n<ul class=\"notes\">");
            for (NoteEvent n : notes.items()) {
                sb.append("<li><span class=\"mono\">").append(Html.time(n.time())).append("</span> ");
                if (n.process() != null) {
                    sb.append("<b>").append(Html.text(n.process())).append("</b> on ").append(Html.text(n.host())).append(": ");
                }
                sb.append(Html.text(n.text().strip())).append("</li>\n");
            }
            sb.append("</ul>\n");
            notes.leftOutNote(sb, "notes");
            sb.append("</details>\n");
        }
        if (bySocket == null) {
            new SequenceSvg(diagram, info).render(sb);
        } else {
            // two drawings and a radio pair; CSS alone shows the checked one (no script, keyboard: Tab, arrows)
            sb.append("<div class=\"seqviews\"><input type=\"radio\" name=\"seqview\" id=\"seqview-host\" checked>"
                    + "<label for=\"seqview-host\">one lifeline per host</label> <input type=\"radio\" name=\"seqview\" "
                    + "id=\"seqview-socket\"><label for=\"seqview-socket\">one lifeline per socket</label>\n"
                    + "<div class=\"seqpane seq-host\">\n");
            new SequenceSvg(diagram, info).render(sb);
            sb.append("</div>\n<div class=\"seqpane seq-socket\">\n");
            new SequenceSvg(bySocket, info, socketLanes).render(sb);
            sb.append("</div></div>\n");
        }
        long left = diagram.arrowsTotal() - diagram.arrowsShown();
        if (diagram.closedAt() >= 0) {
            sb.append("<p class=\"more\">The diagram stops at ").append(Html.time(diagram.closedAt())).append(" s: it shows the first ")
                    .append(diagram.arrowsShown()).append(" of ").append(diagram.arrowsTotal())
                    .append(" packets sent or forwarded; ").append(left).append(" left out");
            if (diagram.notesLeftOut() + diagram.tagsLeftOut() > 0) {
                sb.append(", and ").append(diagram.notesLeftOut()).append(" notes and ").append(diagram.tagsLeftOut())
                        .append(" state changes or errors after that");
            }
            sb.append(". The tables below cover the whole run.</p>\n");
        }
    }
}
