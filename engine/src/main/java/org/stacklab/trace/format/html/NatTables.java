package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.trace.TraceEvent.ConntrackEvent;
import org.stacklab.trace.TraceEvent.ConntrackRow;
import org.stacklab.trace.TraceEvent.NatEvent;

/**
 * Every NAT translation (which port each flow was given, each packet before and after the
 * router) and each router's conntrack table at the snapshots and the end of the run, beside the
 * socket tables (docs/nat-and-firewall.md).
 */
final class NatTables {
    static final int MAX_TABLES = 24;
    static final int MAX_ROWS = 300;

    private final Capped<NatEvent> translations = new Capped<>(300);
    private final List<ConntrackEvent> first = new ArrayList<>();
    /** The latest table of each host once {@link #first} is full: the end of the run is always shown. */
    private final List<ConntrackEvent> last = new ArrayList<>();

    void nat(NatEvent e) {
        translations.add(e);
    }

    void conntrack(ConntrackEvent e) {
        if (first.size() < MAX_TABLES) {
            first.add(e);
            return;
        }
        last.removeIf(c -> c.host().equals(e.host()));
        last.add(e);
    }

    void render(StringBuilder sb, long endOfRun) {
        if (first.isEmpty() && translations.seen() == 0) {
            return;
        }
        List<ConntrackEvent> all = new ArrayList<>(first);
        all.addAll(last);
        for (int i = 0; i < all.size(); i++) {
            table(sb, all.get(i), all.get(i).time() == endOfRun, endOfRun);
        }
        if (translations.seen() == 0) {
            return;
        }
        sb.append("<details open><summary>NAT: ").append(Html.count(translations.seen(), "translation", "translations"))
                .append(" (each packet before and after the router)</summary>\n");
        Html.tableStart(sb, "events", "time", "host", "nat", "from", "to", "packet before", "packet after");
        for (NatEvent e : translations.items()) {
            sb.append("<tr>");
            Html.td(sb, "mono", Html.time(e.time()));
            Html.td(sb, null, e.host());
            Html.td(sb, null, e.type());
            Html.td(sb, "mono", e.from().toString());
            Html.td(sb, "mono", e.to().toString());
            Html.td(sb, "mono", e.before());
            Html.td(sb, "mono", e.after());
            sb.append("</tr>\n");
        }
        Html.tableEnd(sb);
        translations.leftOutNote(sb, "translations");
        sb.append("</details>\n");
    }

    private static void table(StringBuilder sb, ConntrackEvent e, boolean open, long endOfRun) {
        sb.append("<details class=\"snap\"").append(open ? " open" : "").append("><summary>Conntrack table of ")
                .append(Html.esc(e.host())).append(" at ").append(Html.time(e.time())).append(" s")
                .append(e.time() == endOfRun ? " (end of run)" : "").append(": ")
                .append(Html.count(e.rows().size(), "flow", "flows")).append(", as <code>conntrack -L</code></summary>\n");
        Html.tableStart(sb, "ss", "proto", "state", "#timeout", "original src", "original dst", "reply src", "reply dst",
                "flags");
        int n = 0;
        for (ConntrackRow r : e.rows()) {
            if (n++ >= MAX_ROWS) {
                break;
            }
            sb.append("<tr>");
            Html.td(sb, null, r.proto());
            Html.td(sb, null, r.state());
            Html.td(sb, r.timeout());
            Html.td(sb, "mono", r.origSrc().toString());
            Html.td(sb, "mono", r.origDst().toString());
            Html.td(sb, "mono", r.replySrc().toString());
            Html.td(sb, "mono", r.replyDst().toString());
            Html.td(sb, null, r.flags());
            sb.append("</tr>\n");
        }
        Html.tableEnd(sb);
        if (e.rows().size() > MAX_ROWS) {
            sb.append("<p class=\"more\">Showing the first ").append(MAX_ROWS).append(" flows; ")
                    .append(e.rows().size() - MAX_ROWS).append(" left out.</p>\n");
        }
        sb.append("</details>\n");
    }
}
