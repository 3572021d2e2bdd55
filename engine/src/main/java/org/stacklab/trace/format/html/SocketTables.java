package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stacklab.trace.TraceEvent.BindEvent;
import org.stacklab.trace.TraceEvent.SnapshotEvent;
import org.stacklab.trace.TraceEvent.SocketRow;

/**
 * Each host's socket table at every snapshot, as {@code ss -tuanp} shows it, and the bindings
 * that filled them. Keeps the first {@link #MAX_INSTANTS} snapshots and always the last one
 * (the end of the run), each with at most {@link #MAX_ROWS} rows.
 */
final class SocketTables {
    static final int MAX_INSTANTS = 11;
    static final int MAX_ROWS = 300;

    /** All the tables written at one instant. */
    private static final class Instant {
        final long time;
        final List<SnapshotEvent> hosts = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        int rows;
        long rowsLeftOut;
        long hostsLeftOut;

        Instant(long time) {
            this.time = time;
        }

        void add(SnapshotEvent e) {
            seen.add(e.host());
            int room = MAX_ROWS - rows;
            if (room <= 0) {
                hostsLeftOut++;
                rowsLeftOut += e.rows().size();
                return;
            }
            List<SocketRow> kept = e.rows().size() <= room ? e.rows() : List.copyOf(e.rows().subList(0, room));
            rowsLeftOut += e.rows().size() - kept.size();
            hosts.add(new SnapshotEvent(e.time(), e.host(), kept));
            rows += kept.size();
        }
    }

    private final List<Instant> first = new ArrayList<>();
    private Instant last;
    private long instantsLeftOut;
    private final Capped<BindEvent> binds = new Capped<>(300);
    /** NAT translations and conntrack tables, shown beside the socket tables. */
    final NatTables nat = new NatTables();

    void snapshot(SnapshotEvent e) {
        Instant cur = last != null ? last : first.isEmpty() ? null : first.get(first.size() - 1);
        if (cur == null || cur.time != e.time() || cur.seen.contains(e.host())) {
            if (cur != null) {
                cur.seen.clear();
            }
            if (first.size() < MAX_INSTANTS) {
                cur = new Instant(e.time());
                first.add(cur);
            } else {
                if (last != null) {
                    instantsLeftOut++;
                }
                cur = new Instant(e.time());
                last = cur;
            }
        }
        cur.add(e);
    }

    void bind(BindEvent e) {
        binds.add(e);
    }

    void render(StringBuilder sb, long endOfRun) {
        if (first.isEmpty()) {
            sb.append("<p class=\"empty\">No socket was open at any snapshot.</p>\n");
        } else {
            sb.append("<p>Columns as <code>ss -tuanp</code> prints them. Snapshots are taken at the times the scenario "
                    + "lists under <code>snapshots</code>, and at the end of the run.</p>\n");
        }
        List<Instant> all = new ArrayList<>(first);
        for (int i = 0; i < all.size(); i++) {
            boolean open = i == 0 || (last == null && i == all.size() - 1);
            instant(sb, all.get(i), open, endOfRun);
        }
        if (last != null) {
            if (instantsLeftOut > 0) {
                sb.append("<p class=\"more\">").append(instantsLeftOut).append(" later snapshots left out.</p>\n");
            }
            instant(sb, last, true, endOfRun);
        }
        renderBinds(sb);
        nat.render(sb, endOfRun);
    }

    private static void instant(StringBuilder sb, Instant in, boolean open, long endOfRun) {
        sb.append("<details class=\"snap\"").append(open ? " open" : "").append("><summary>Sockets at ")
                .append(Html.time(in.time)).append(" s").append(in.time == endOfRun ? " (end of run)" : "").append(": ")
                .append(Html.count(in.hosts.size() + in.hostsLeftOut, "host", "hosts")).append(", ")
                .append(Html.count(in.rows + in.rowsLeftOut, "socket", "sockets")).append("</summary>\n");
        Html.tableStart(sb, "ss", "host", "Netid", "State", "#Recv-Q", "#Send-Q", "Local Address:Port",
                "Peer Address:Port", "Process");
        for (SnapshotEvent e : in.hosts) {
            boolean firstRow = true;
            for (SocketRow r : e.rows()) {
                sb.append(firstRow ? "<tr class=\"hostfirst\">" : "<tr>");
                Html.td(sb, "host", firstRow ? e.host() : "");
                Html.td(sb, null, r.proto());
                Html.td(sb, "state " + r.state().toLowerCase(Locale.ROOT), r.state());
                Html.td(sb, r.recvQ());
                Html.td(sb, r.sendQ());
                Html.td(sb, "mono", r.local());
                Html.td(sb, "mono", r.peer());
                Html.td(sb, "mono", r.process() == null ? "" : "users:((\"" + r.process() + "\",sock=" + r.socket() + "))");
                sb.append("</tr>\n");
                firstRow = false;
            }
        }
        Html.tableEnd(sb);
        if (in.rowsLeftOut > 0) {
            sb.append("<p class=\"more\">Showing the first ").append(in.rows).append(" sockets; ").append(in.rowsLeftOut)
                    .append(" left out.</p>\n");
        }
        sb.append("</details>\n");
    }

    private void renderBinds(StringBuilder sb) {
        if (binds.seen() == 0) {
            return;
        }
        sb.append("<details><summary>Bindings: ").append(Html.count(binds.seen(), "socket took", "sockets took"))
                .append(" a local address and port</summary>\n");
        Html.tableStart(sb, "events", "time", "host", "#socket", "process", "proto", "local", "how");
        for (BindEvent e : binds.items()) {
            sb.append("<tr>");
            Html.td(sb, "mono", Html.time(e.time()));
            Html.td(sb, null, e.host());
            Html.td(sb, e.socket());
            Html.td(sb, null, e.process());
            Html.td(sb, null, e.proto().label());
            Html.td(sb, "mono", e.local().toString());
            Html.td(sb, null, e.auto() ? "ephemeral port chosen by the stack" : "bind");
            sb.append("</tr>\n");
        }
        Html.tableEnd(sb);
        binds.leftOutNote(sb, "bindings");
        sb.append("</details>\n");
    }
}
