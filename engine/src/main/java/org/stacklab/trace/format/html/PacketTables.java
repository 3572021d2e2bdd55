package org.stacklab.trace.format.html;

import java.util.List;
import org.stacklab.trace.TraceEvent.Candidate;
import org.stacklab.trace.TraceEvent.Delivery;
import org.stacklab.trace.TraceEvent.PacketEvent;

/**
 * The port table's explanation of every delivery, and every drop with its reason: the first
 * {@link #MAX} of each as tables, all of them as counts by rule and by reason.
 */
final class PacketTables {
    static final int MAX = 500;
    private static final int MAX_CANDIDATES = 8;

    private record Delivered(long time, String host, String packet, Delivery delivery) {}

    private record Dropped(long time, String host, String packet, String reason, String detail) {}

    private final Capped<Delivered> deliveries = new Capped<>(MAX);
    private final Tally byRule = new Tally();
    private final Capped<Dropped> drops = new Capped<>(MAX);
    private final Tally byReason = new Tally();

    void delivered(PacketEvent e) {
        Delivery d = e.delivery();
        byRule.add(d == null ? null : d.rule());
        if (d != null && deliveries.hasRoom()) {
            deliveries.add(new Delivered(e.time(), e.host(), PacketLabel.of(e.packet()), d));
        } else {
            deliveries.skip();
        }
    }

    void dropped(PacketEvent e) {
        byReason.add(e.reason());
        if (drops.hasRoom()) {
            drops.add(new Dropped(e.time(), e.host(), PacketLabel.of(e.packet()), e.reason(), e.detail()));
        } else {
            drops.skip();
        }
    }

    Tally byReason() {
        return byReason;
    }

    void renderDeliveries(StringBuilder sb) {
        if (deliveries.seen() == 0) {
            sb.append("<p class=\"empty\">No packet was delivered to a socket.</p>\n");
            return;
        }
        sb.append("<p>For every packet a host accepted, the socket the port table chose, the rule that matched and the "
                + "sockets it passed over (most specific rule first).</p>\n");
        byRule.table(sb, "rule", "deliveries");
        Html.tableStart(sb, "events", "time", "host", "packet", "socket", "rule", "explanation");
        for (Delivered d : deliveries.items()) {
            Delivery how = d.delivery();
            sb.append("<tr>");
            Html.td(sb, "mono", Html.time(d.time()));
            Html.td(sb, null, d.host());
            Html.td(sb, "mono", d.packet());
            Html.td(sb, null, how.socket() + " (" + how.process() + ") " + how.local());
            Html.td(sb, "rule", how.rule());
            sb.append("<td>").append(Html.text(how.explanation()));
            candidates(sb, how.candidates());
            sb.append("</td></tr>\n");
        }
        Html.tableEnd(sb);
        deliveries.leftOutNote(sb, "deliveries");
    }

    private static void candidates(StringBuilder sb, List<Candidate> cs) {
        if (cs == null || cs.isEmpty()) {
            return;
        }
        sb.append("<ul class=\"cands\">");
        for (int i = 0; i < cs.size() && i < MAX_CANDIDATES; i++) {
            Candidate c = cs.get(i);
            sb.append("<li>passed over socket ").append(c.socket()).append(" (").append(Html.text(c.process())).append(") ")
                    .append(Html.text(c.local())).append(": ").append(Html.text(c.why())).append("</li>");
        }
        if (cs.size() > MAX_CANDIDATES) {
            sb.append("<li>and ").append(cs.size() - MAX_CANDIDATES).append(" more</li>");
        }
        sb.append("</ul>");
    }

    void renderDrops(StringBuilder sb) {
        if (drops.seen() == 0) {
            sb.append("<p class=\"ok\">No packet was dropped.</p>\n");
            return;
        }
        byReason.table(sb, "reason", "drops");
        Html.tableStart(sb, "events", "time", "host", "packet", "reason", "detail");
        for (Dropped d : drops.items()) {
            sb.append("<tr>");
            Html.td(sb, "mono", Html.time(d.time()));
            Html.td(sb, null, d.host());
            Html.td(sb, "mono", d.packet());
            Html.td(sb, "bad", d.reason());
            Html.td(sb, null, d.detail());
            sb.append("</tr>\n");
        }
        Html.tableEnd(sb);
        drops.leftOutNote(sb, "drops");
    }
}
