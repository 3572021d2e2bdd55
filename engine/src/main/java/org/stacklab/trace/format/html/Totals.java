package org.stacklab.trace.format.html;

import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.wire.Protocol;

/** Counts over the whole run: events by kind, packets by protocol and fate, payload bytes sent. */
final class Totals {
    private final Tally byKind = new Tally();
    private final long[][] packets = new long[Protocol.values().length][PacketAction.values().length];
    private final long[] payloadSent = new long[Protocol.values().length];
    private long retransmits;
    private long lastTime;

    void event(TraceEvent e) {
        byKind.add(e.kind());
        lastTime = Math.max(lastTime, e.time());
    }

    void packet(PacketEvent e) {
        int p = e.packet().protocol().ordinal();
        packets[p][e.action().ordinal()]++;
        if (e.action() == PacketAction.TX) {
            payloadSent[p] += e.packet().transport().payloadLength();
            if (e.retransmit()) {
                retransmits++;
            }
        }
    }

    long events() {
        return byKind.total();
    }

    long lastTime() {
        return lastTime;
    }

    long packets(PacketAction a) {
        long n = 0;
        for (long[] row : packets) {
            n += row[a.ordinal()];
        }
        return n;
    }

    /**
     * In flight at the end: sent, and neither delivered nor dropped. A forward ends one hop and
     * starts the next, so forwards cancel out.
     */
    long inFlight() {
        return packets(PacketAction.TX) - packets(PacketAction.DELIVER) - packets(PacketAction.DROP);
    }

    void render(StringBuilder sb) {
        sb.append("<p>").append(byKind.total()).append(" events over ").append(Html.time(lastTime))
                .append(" s of simulated time. Every packet ends delivered, dropped with a reason, or in flight when the "
                        + "run stops.</p>\n");
        Html.tableStart(sb, "totals", "protocol", "#sent (tx)", "#forwarded", "#received (rx)", "#delivered", "#dropped",
                "#payload bytes sent");
        long[] sum = new long[PacketAction.values().length];
        long bytes = 0;
        for (Protocol p : Protocol.values()) {
            long[] row = packets[p.ordinal()];
            sb.append("<tr>");
            Html.td(sb, null, p.label());
            for (PacketAction a : new PacketAction[] {PacketAction.TX, PacketAction.FORWARD, PacketAction.RX,
                    PacketAction.DELIVER, PacketAction.DROP}) {
                Html.td(sb, row[a.ordinal()]);
                sum[a.ordinal()] += row[a.ordinal()];
            }
            Html.td(sb, payloadSent[p.ordinal()]);
            bytes += payloadSent[p.ordinal()];
            sb.append("</tr>\n");
        }
        sb.append("<tr class=\"sum\">");
        Html.td(sb, null, "all");
        for (PacketAction a : new PacketAction[] {PacketAction.TX, PacketAction.FORWARD, PacketAction.RX,
                PacketAction.DELIVER, PacketAction.DROP}) {
            Html.td(sb, sum[a.ordinal()]);
        }
        Html.td(sb, bytes);
        sb.append("</tr>\n");
        Html.tableEnd(sb);
        sb.append("<p>").append(Html.count(inFlight(), "packet was", "packets were")).append(" still in flight when the run "
                + "ended");
        if (retransmits > 0) {
            sb.append("; ").append(Html.count(retransmits, "TCP retransmission", "TCP retransmissions"));
        }
        sb.append(".</p>\n");
        byKind.table(sb, "event (trace.jsonl \"event\")", "count");
    }
}
