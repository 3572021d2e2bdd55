package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.trace.format.html.Topology.Edge;
import org.stacklab.trace.format.html.Topology.Unit;
import org.stacklab.wire.IpAddress;

/**
 * Draws a {@link Topology}: boxes with names and addresses, lines labelled with latency and
 * bandwidth; below the picture, the hosts and links as tables. Falls back to a summary when
 * there are too many boxes to draw.
 */
final class TopologySvg {
    private static final int MARGIN = 16;
    private static final int PITCH = 400;
    private static final int COLUMN = 190;
    private static final int MAX_ROWS = 200;

    private final Topology t;
    private int width;
    private int height;

    TopologySvg(Topology t) {
        this.t = t;
    }

    void render(StringBuilder sb) {
        if (t.units.isEmpty()) {
            sb.append("<p class=\"empty\">The report was not given the topology.</p>\n");
            return;
        }
        if (t.drawable()) {
            t.layers();
            place();
            svg(sb);
            sb.append("<p class=\"legend\"><span class=\"k topohost\">host</span><span class=\"k toporouter\">"
                    + "router (forwards packets)</span><span class=\"k topogroup\">group of hosts</span>"
                    + "Lines are links, labelled with latency and bandwidth (hover for loss and queue).</p>\n");
        } else {
            sb.append("<p>").append(t.info.hosts().size()).append(" hosts in ").append(t.units.size())
                    .append(" boxes and ").append(t.info.links().size())
                    .append(" links: too many to draw legibly; the tables below list them.</p>\n");
        }
        hostTable(sb);
        linkTable(sb);
    }

    private static void size(Unit u) {
        if (u.collapsed) {
            u.w = 190;
            u.h = 54;
        } else if (u.group != null) {
            u.w = 160;
            u.h = 34;
        } else {
            int lines = Math.min(u.members.get(0).addresses().size(), 4);
            u.w = 170;
            u.h = 24 + 14 * lines;
        }
    }

    /** Positions every box: components one under another, layers left to right, isolated hosts in a last row. */
    private void place() {
        Map<Integer, List<Unit>> byComponent = new TreeMap<>();
        List<Unit> isolated = new ArrayList<>();
        for (Unit u : t.units) {
            size(u);
            if (u.edges.isEmpty()) {
                isolated.add(u);
            } else {
                byComponent.computeIfAbsent(u.component, k -> new ArrayList<>()).add(u);
            }
        }
        int top = MARGIN;
        width = 0;
        for (List<Unit> comp : byComponent.values()) {
            top = placeComponent(comp, top) + 36;
        }
        if (isolated.isEmpty()) {
            top -= 36;
        }
        int x = MARGIN;
        int rowH = 0;
        for (Unit u : isolated) {
            if (x > MARGIN && x + u.w > Math.max(width, 900)) {
                x = MARGIN;
                top += rowH + 16;
                rowH = 0;
            }
            u.x = x + u.w / 2;
            u.y = top + u.h / 2;
            x += u.w + 24;
            rowH = Math.max(rowH, u.h);
            width = Math.max(width, x);
        }
        height = top + rowH + MARGIN;
        width = Math.max(width, 400) + MARGIN;
    }

    private int placeComponent(List<Unit> comp, int top) {
        Map<Integer, List<Unit>> layers = new TreeMap<>();
        for (Unit u : comp) {
            layers.computeIfAbsent(u.layer, k -> new ArrayList<>()).add(u);
        }
        List<List<Unit>> ordered = new ArrayList<>();
        Map<Unit, Integer> previous = new HashMap<>();
        for (List<Unit> layer : layers.values()) {
            List<Unit> o = Topology.order(layer, previous);
            previous = new HashMap<>();
            for (int i = 0; i < o.size(); i++) {
                previous.put(o.get(i), i);
            }
            ordered.add(o);
        }
        int tallest = 0;
        for (List<Unit> o : ordered) {
            tallest = Math.max(tallest, columnHeight(o));
        }
        for (int c = 0; c < ordered.size(); c++) {
            List<Unit> o = ordered.get(c);
            int y = top + (tallest - columnHeight(o)) / 2;
            int cx = MARGIN + COLUMN / 2 + o.get(0).layer * PITCH;
            for (int i = 0; i < o.size(); i++) {
                Unit u = o.get(i);
                y += i == 0 ? 0 : gap(o.get(i - 1), u);
                u.x = cx;
                u.y = y + u.h / 2;
                y += u.h;
            }
            width = Math.max(width, cx + COLUMN / 2);
        }
        return top + tallest;
    }

    private static int gap(Unit a, Unit b) {
        return a.group != null && a.group.equals(b.group) && !a.collapsed ? 6 : 18;
    }

    private static int columnHeight(List<Unit> o) {
        int h = 0;
        for (int i = 0; i < o.size(); i++) {
            h += o.get(i).h + (i == 0 ? 0 : gap(o.get(i - 1), o.get(i)));
        }
        return h;
    }

    private void svg(StringBuilder sb) {
        sb.append("<div class=\"scroll\"><svg class=\"topo\" role=\"img\" aria-label=\"topology\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\">\n");
        Map<Edge, String> labels = labels();
        for (Edge e : t.edges) {
            sb.append("<g class=\"link\"><title>").append(Html.esc(linkTitle(e))).append("</title>");
            if (e.a.layer == e.b.layer) {
                int bend = Math.max(e.a.w, e.b.w) / 2 + 40;
                sb.append("<path d=\"M").append(e.a.x).append(',').append(e.a.y).append(" Q").append(e.a.x + bend).append(',')
                        .append((e.a.y + e.b.y) / 2).append(' ').append(e.b.x).append(',').append(e.b.y).append("\"/>");
            } else {
                // from the facing sides of the two boxes, so that a fan of links does not cross its own boxes
                Unit l = e.a.layer < e.b.layer ? e.a : e.b;
                Unit r = l == e.a ? e.b : e.a;
                sb.append("<line x1=\"").append(l.x + l.w / 2).append("\" y1=\"").append(l.y).append("\" x2=\"")
                        .append(r.x - r.w / 2).append("\" y2=\"").append(r.y).append("\"")
                        .append(e.count > 1 ? " class=\"many\"" : "").append("/>");
            }
            sb.append("</g>\n");
        }
        for (Unit u : t.units) {
            box(sb, u);
        }
        for (Edge e : t.edges) {
            String label = labels.get(e);
            if (label != null) {
                int mx;
                if (e.a.layer == e.b.layer) {
                    mx = e.a.x + Math.max(e.a.w, e.b.w) / 2 + 20;
                } else {
                    Unit l = e.a.layer < e.b.layer ? e.a : e.b;
                    Unit r = l == e.a ? e.b : e.a;
                    mx = (l.x + l.w / 2 + r.x - r.w / 2) / 2;
                }
                int my = (e.a.y + e.b.y) / 2;
                sb.append("<text class=\"linklabel\" x=\"").append(mx).append("\" y=\"").append(my - 5).append("\">")
                        .append(Html.esc(label)).append("</text>\n");
            }
        }
        sb.append("</svg></div>\n");
    }

    /**
     * One label per pair of boxes; a fanned-out group's links to the same box get one label
     * between them, on the middle link.
     */
    private Map<Edge, String> labels() {
        Map<String, List<Edge>> fans = new LinkedHashMap<>();
        Map<Edge, String> out = new HashMap<>();
        for (Edge e : t.edges) {
            Unit member = fanned(e.a) ? e.a : fanned(e.b) ? e.b : null;
            if (member == null) {
                out.put(e, (e.count > 1 ? e.count + " links · " : "") + params(e));
            } else {
                fans.computeIfAbsent(member.group + "\u0000" + member.other(e).id, k -> new ArrayList<>()).add(e);
            }
        }
        for (List<Edge> fan : fans.values()) {
            Edge middle = fan.get(fan.size() / 2);
            boolean same = true;
            for (Edge e : fan) {
                same &= !e.mixed && e.first.latencyNs() == middle.first.latencyNs()
                        && e.first.bandwidthBps() == middle.first.bandwidthBps() && e.first.loss() == middle.first.loss();
            }
            String each = same ? params(middle) + (fan.size() > 1 ? " each" : "") : "different properties";
            out.put(middle, (fan.size() > 1 ? fan.size() + " links · " : "") + each);
        }
        return out;
    }

    private static boolean fanned(Unit u) {
        return u.group != null && !u.collapsed;
    }

    private static String params(Edge e) {
        if (e.mixed) {
            return "different properties";
        }
        ReportInfo.Link l = e.first;
        return Html.duration(l.latencyNs()) + " · " + Html.bandwidth(l.bandwidthBps())
                + (l.loss() > 0 ? " · loss " + Html.percent(l.loss()) : "");
    }

    private static String linkTitle(Edge e) {
        ReportInfo.Link l = e.first;
        return e.a.name() + " — " + e.b.name() + (e.count > 1 ? " (" + e.count + " links)" : "") + ": latency "
                + Html.duration(l.latencyNs()) + ", bandwidth " + Html.bandwidth(l.bandwidthBps()) + ", loss "
                + Html.percent(l.loss()) + ", queue " + l.queue() + " packets per direction";
    }

    private static void box(StringBuilder sb, Unit u) {
        int left = u.x - u.w / 2;
        int top = u.y - u.h / 2;
        // the explorer finds a host's box by its full name, or a whole group's box by the group
        sb.append("<g class=\"box").append(u.router() ? " router" : "").append(u.collapsed ? " group" : "")
                .append(u.collapsed ? "\" data-group=\"" : "\" data-host=\"")
                .append(Html.esc(u.collapsed ? u.group : u.members.get(0).name())).append("\">");
        if (u.collapsed) {
            sb.append("<rect class=\"behind\" x=\"").append(left + 5).append("\" y=\"").append(top - 5).append("\" width=\"")
                    .append(u.w).append("\" height=\"").append(u.h).append("\" rx=\"5\"/>");
        }
        sb.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(u.w)
                .append("\" height=\"").append(u.h).append("\" rx=\"5\"/>");
        List<String> lines = new ArrayList<>();
        List<IpAddress> addrs = u.members.get(0).addresses();
        if (u.collapsed) {
            lines.add(u.members.size() + " hosts (group " + u.group + ")");
            IpAddress last = u.members.get(u.members.size() - 1).addresses().isEmpty() ? null
                    : u.members.get(u.members.size() - 1).addresses().get(0);
            lines.add(addrs.isEmpty() ? "" : addrs.get(0) + (last == null ? "" : " – " + last));
        } else {
            for (int i = 0; i < addrs.size() && i < (u.group != null ? 1 : 4); i++) {
                lines.add(i == 3 && addrs.size() > 4 ? "+" + (addrs.size() - 3) + " more" : addrs.get(i).toString());
            }
        }
        String name = u.name();
        sb.append("<text class=\"name\" x=\"").append(u.x).append("\" y=\"").append(top + 15).append("\">")
                .append(Html.esc(Html.cut(name, 28))).append("</text>");
        for (int i = 0; i < lines.size(); i++) {
            sb.append("<text class=\"addr\" x=\"").append(u.x).append("\" y=\"").append(top + 29 + i * 14).append("\">")
                    .append(Html.esc(Html.cut(lines.get(i), 32))).append("</text>");
        }
        sb.append("</g>\n");
    }

    private void hostTable(StringBuilder sb) {
        List<ReportInfo.Host> hosts = t.info.hosts();
        sb.append("<details><summary>Hosts (").append(hosts.size()).append(")</summary>\n<table><thead><tr><th>host</th>"
                + "<th>addresses</th><th>forwards</th><th>group</th></tr></thead><tbody>\n");
        for (int i = 0; i < hosts.size() && i < MAX_ROWS; i++) {
            ReportInfo.Host h = hosts.get(i);
            StringBuilder a = new StringBuilder();
            for (IpAddress ip : h.addresses()) {
                a.append(a.length() > 0 ? ", " : "").append(ip);
            }
            sb.append("<tr><td>").append(Html.text(h.name())).append("</td><td class=\"mono\">").append(Html.text(a.toString()))
                    .append("</td><td>").append(h.forward() ? "yes" : "no").append("</td><td>")
                    .append(h.group() == null ? "" : Html.text(h.group())).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        more(sb, hosts.size(), "hosts");
        sb.append("</details>\n");
    }

    private void linkTable(StringBuilder sb) {
        List<ReportInfo.Link> links = t.info.links();
        sb.append("<details><summary>Links (").append(links.size()).append(")</summary>\n<table><thead><tr><th>a</th><th>b</th>"
                + "<th class=\"num\">latency</th><th class=\"num\">bandwidth</th><th class=\"num\">loss</th>"
                + "<th class=\"num\">queue</th></tr></thead><tbody>\n");
        for (int i = 0; i < links.size() && i < MAX_ROWS; i++) {
            ReportInfo.Link l = links.get(i);
            sb.append("<tr><td>").append(Html.text(l.a())).append("</td><td>").append(Html.text(l.b()))
                    .append("</td><td class=\"num\">").append(Html.duration(l.latencyNs())).append("</td><td class=\"num\">")
                    .append(Html.bandwidth(l.bandwidthBps())).append("</td><td class=\"num\">").append(Html.percent(l.loss()))
                    .append("</td><td class=\"num\">").append(l.queue()).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        more(sb, links.size(), "links");
        sb.append("</details>\n");
    }

    private static void more(StringBuilder sb, int n, String what) {
        if (n > MAX_ROWS) {
            sb.append("<p class=\"more\">Showing the first ").append(MAX_ROWS).append(" of ").append(n).append(' ')
                    .append(what).append(".</p>\n");
        }
    }
}
