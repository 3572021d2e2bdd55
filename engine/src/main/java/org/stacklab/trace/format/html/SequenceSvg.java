package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stacklab.trace.format.PacketText;
import org.stacklab.trace.format.html.SequenceDiagram.Arrow;
import org.stacklab.trace.format.html.SequenceDiagram.Note;
import org.stacklab.trace.format.html.SequenceDiagram.Outcome;
import org.stacklab.trace.format.html.SequenceDiagram.Tag;
import org.stacklab.trace.format.html.SequenceDiagram.TagRow;
import org.stacklab.wire.IpAddress;

/**
 * Draws a {@link SequenceDiagram} as inline SVG: one lifeline per host (at most
 * {@link Lanes#MAX}), time flowing down one row per event, arrows labelled like a textbook's,
 * drops as arrows ending in a cross with the reason. Every arrow carries a tooltip with the
 * packet as tcpdump prints it. Coordinates are integers, so the output is the same on every run.
 */
final class SequenceSvg {
    static final int GUTTER = 112;
    private static final int TOP = 8;
    private static final int HEAD = 40;
    private static final int ROW = 34;
    private static final int DROP_ROW = 46;
    private static final int TAG_ROW = 22;
    private static final int NOTE_LINE = 15;
    private static final int REPEAT_NAMES = 40;
    /** Width of one character of the 11px monospace labels, to keep them inside the picture. */
    private static final double CHAR = 6.7;

    private final SequenceDiagram d;
    private final Lanes lanes;
    private final String view;
    private final Map<IpAddress, String> hostOf = new HashMap<>();
    /** Distance between lifelines: wide for a few hosts, narrower for many, so the picture fits a screen. */
    private final int col;
    private final int width;
    private final StringBuilder body = new StringBuilder(1 << 16);
    private int y;

    SequenceSvg(SequenceDiagram d, ReportInfo info) {
        this(d, info, null);
    }

    /** With {@code sockets}, one lifeline per socket of an end host (see {@link Lanes}). */
    SequenceSvg(SequenceDiagram d, ReportInfo info, SocketLanes sockets) {
        this.d = d;
        this.lanes = new Lanes(d, info, sockets);
        this.view = sockets == null ? "host" : "socket";
        for (ReportInfo.Host h : info.hosts()) {
            for (IpAddress a : h.addresses()) {
                hostOf.putIfAbsent(a, h.name());
            }
        }
        this.col = Math.max(150, Math.min(230, 1200 / Math.max(1, lanes.size())));
        this.width = Math.max(760, GUTTER + lanes.size() * col + 40);
    }

    void render(StringBuilder sb) {
        if (d.rows().isEmpty()) {
            sb.append("<p class=\"empty\">No packets, notes or state changes to draw.</p>\n");
            return;
        }
        y = TOP + HEAD + 10;
        int arrows = 0;
        for (Object r : d.rows()) {
            if (r instanceof Arrow a) {
                if (arrows > 0 && arrows % REPEAT_NAMES == 0) {
                    repeatNames();
                }
                arrow(a);
                arrows++;
            } else if (r instanceof Note n) {
                note(n);
            } else {
                tags((TagRow) r);
            }
        }
        int height = y + 10;
        sb.append("<div class=\"scroll\"><svg class=\"seq\" data-view=\"").append(view)
                .append("\" role=\"img\" aria-label=\"sequence diagram, one lifeline per ").append(view).append("\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">\n");
        defs(sb);
        for (int i = 0; i < lanes.size(); i++) {
            int x = x(i);
            sb.append("<line class=\"life").append(lanes.isOthers(i) ? " others" : "").append("\" x1=\"").append(x)
                    .append("\" y1=\"").append(TOP + HEAD).append("\" x2=\"").append(x).append("\" y2=\"").append(height - 4)
                    .append("\"/>\n");
        }
        sb.append(body);
        heads(sb);
        sb.append("</svg></div>\n");
    }

    private int x(int lane) {
        return GUTTER + col / 2 + lane * col;
    }

    private static void defs(StringBuilder sb) {
        sb.append("<defs>");
        for (String k : List.of("tcp", "udp", "icmp", "flight")) {
            sb.append("<marker id=\"sq-").append(k).append("\" class=\"m-").append(k)
                    .append("\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"8\" markerHeight=\"8\""
                            + " markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\"/></marker>");
        }
        sb.append("</defs>\n");
    }

    private void heads(StringBuilder sb) {
        for (int i = 0; i < lanes.size(); i++) {
            int x = x(i);
            sb.append("<g class=\"head").append(lanes.isRouter(i) ? " router" : "").append("\"><title>")
                    .append(Html.esc(lanes.title(i))).append("</title><rect x=\"").append(x - col / 2 + 12).append("\" y=\"")
                    .append(TOP).append("\" width=\"").append(col - 24).append("\" height=\"").append(HEAD - 4)
                    .append("\" rx=\"4\"/><text x=\"").append(x).append("\" y=\"").append(TOP + 15).append("\" class=\"name\">")
                    .append(Html.esc(Html.cut(lanes.name(i), (col - 30) / 7))).append("</text><text x=\"").append(x).append("\" y=\"")
                    .append(TOP + 29).append("\" class=\"addr\">").append(Html.esc(Html.cut(lanes.subtitle(i), (col - 30) / 6)))
                    .append("</text></g>\n");
        }
    }

    private void repeatNames() {
        for (int i = 0; i < lanes.size(); i++) {
            body.append("<text class=\"again\" x=\"").append(x(i)).append("\" y=\"").append(y + 6).append("\">")
                    .append(Html.esc(Html.cut(lanes.name(i), (col - 30) / 6))).append("</text>");
        }
        body.append('\n');
        y += 16;
    }

    private void gutter(long time, int baseline) {
        body.append("<text class=\"t\" x=\"4\" y=\"").append(baseline).append("\">").append(Html.time(time)).append("</text>");
    }

    private void arrow(Arrow a) {
        boolean dropRow = a.outcome == Outcome.DROPPED || a.outcome == Outcome.LOST
                || a.outcome == Outcome.DROPPED_AT_SENDER || a.outcome == Outcome.IN_FLIGHT;
        int top = y;
        int y0 = top + 20;
        int y1 = y0 + 8;
        int from = lanes.lane(a.from);
        int x1 = x(from);
        String proto = a.packet.protocol().label();
        body.append("<g class=\"pkt ").append(proto).append(a.retransmit ? " rtx" : "").append("\"><title>")
                .append(Html.esc(tooltip(a))).append("</title>");
        gutter(a.sent, top + 13);
        int labelX;
        boolean self = a.to != null && lanes.lane(a.to) == from
                && (a.outcome != Outcome.LOST && a.outcome != Outcome.DROPPED_AT_SENDER);
        if (self) {
            body.append("<path class=\"line\" d=\"M").append(x1).append(',').append(y0).append(" h34 v8 h-30\" marker-end=\"url(#sq-")
                    .append(proto).append(")\"/>");
            labelX = -(x1 + 40);
        } else if (a.outcome == Outcome.IN_FLIGHT || a.outcome == Outcome.DROPPED_AT_SENDER) {
            int dir = direction(a, from);
            int x2 = x1 + dir * 70;
            line(x1, y0, x2, y1, a.outcome == Outcome.IN_FLIGHT ? "flight" : proto, a.outcome != Outcome.IN_FLIGHT);
            if (a.outcome == Outcome.IN_FLIGHT) {
                reason(x2, y1, dir, "in flight when the run ended", "flight");
            } else {
                cross(x2, y1);
                reason(x2, y1, dir, a.reason, "drop");
            }
            labelX = dir > 0 ? -(x1 + 8) : x1 - 8;
        } else {
            int x2 = x(lanes.lane(a.to));
            int dir = x2 >= x1 ? 1 : -1;
            if (a.outcome == Outcome.LOST) {
                int xm = x1 + (x2 - x1) * 3 / 5;
                line(x1, y0, xm, y0 + (y1 - y0) * 3 / 5, proto, false);
                cross(xm, y0 + 5);
                reason(xm, y0 + 5, dir, a.reason, "drop");
            } else {
                line(x1, y0, x2 - dir * 2, y1, proto, true);
                if (a.outcome == Outcome.DROPPED) {
                    cross(x2, y1);
                    reason(x2, y1, -dir, a.reason, "drop");
                }
            }
            labelX = (x1 + x2) / 2;
        }
        label(a, labelX, top + 13);
        body.append("</g>\n");
        y += dropRow ? DROP_ROW : ROW;
    }

    /** Toward the destination's lifeline when it has one, else to the right. */
    private int direction(Arrow a, int from) {
        String dst = hostOf.get(a.packet.dst());
        if (dst != null && lanes.has(dst) && lanes.lane(dst) != from) {
            return lanes.lane(dst) > from ? 1 : -1;
        }
        return from == lanes.size() - 1 && from > 0 ? -1 : 1;
    }

    private void line(int x1, int y1, int x2, int y2, String marker, boolean head) {
        body.append("<line class=\"line\" x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2)
                .append("\" y2=\"").append(y2).append('"');
        if (head) {
            body.append(" marker-end=\"url(#sq-").append(marker).append(")\"");
        }
        body.append("/>");
    }

    private void cross(int cx, int cy) {
        body.append("<path class=\"cross\" d=\"M").append(cx - 5).append(',').append(cy - 5).append(" l10,10 m0,-10 l-10,10\"/>");
    }

    /** The reason under the end of an arrow, written away from the arrow ({@code dir} > 0: to the right). */
    private void reason(int x, int y, int dir, String text, String cls) {
        body.append("<text class=\"why ").append(cls).append("\" x=\"").append(x + dir * 8).append("\" y=\"").append(y + 14)
                .append("\" text-anchor=\"").append(dir > 0 ? "start" : "end").append("\">")
                .append(Html.esc(text)).append("</text>");
    }

    /**
     * The label above the arrow: centred on {@code x}, or starting at {@code -x} when negative
     * (ending at it when it points left), kept inside the picture.
     */
    private void label(Arrow a, int x, int baseline) {
        String who = sharedLaneNames(a);
        String all = who + (a.retransmit ? "retransmission " : "") + a.label + (a.detail.isEmpty() ? "" : "  " + a.detail);
        int w = (int) Math.ceil(all.length() * CHAR);
        int start;
        if (x < 0) {
            start = -x;
        } else {
            start = x - w / 2;
        }
        start = Math.max(GUTTER + 4, Math.min(start, width - 4 - w));
        body.append("<text class=\"lbl\" x=\"").append(start).append("\" y=\"").append(baseline).append("\">");
        if (!who.isEmpty()) {
            body.append("<tspan class=\"dim\">").append(Html.esc(who)).append("</tspan>");
        }
        if (a.retransmit) {
            body.append("<tspan class=\"rtx\">retransmission </tspan>");
        }
        body.append(Html.esc(a.label));
        if (!a.detail.isEmpty()) {
            body.append("<tspan class=\"dim\">  ").append(Html.esc(a.detail)).append("</tspan>");
        }
        body.append("</text>");
    }

    /** {@code client9 → router: } when an end of the arrow is on the lifeline that several hosts share. */
    private String sharedLaneNames(Arrow a) {
        boolean from = lanes.isOthers(lanes.lane(a.from));
        boolean to = a.to != null && lanes.isOthers(lanes.lane(a.to));
        if (!from && !to) {
            return "";
        }
        return a.from + (a.to == null ? "" : " → " + a.to) + ": ";
    }

    private String tooltip(Arrow a) {
        StringBuilder t = new StringBuilder(160);
        t.append(Html.time(a.sent)).append(' ').append(a.from).append(a.forwarded ? " forwards" : " sends");
        if (a.to != null) {
            t.append(", ").append(Html.time(a.ended)).append(' ').append(a.to)
                    .append(a.outcome == Outcome.LOST ? " never receives it" : " receives");
        }
        t.append('\n').append(PacketText.of(a.packet)).append('\n');
        switch (a.outcome) {
            case DELIVERED -> t.append(a.why);
            case FORWARDED -> t.append("forwarded by ").append(a.to);
            case RECEIVED -> t.append("received by ").append(a.to);
            case IN_FLIGHT -> t.append("still in flight when the run ended");
            default -> t.append("dropped: ").append(a.reason).append(a.why == null ? "" : " (" + a.why + ")");
        }
        return t.toString();
    }

    private void note(Note n) {
        String who = n.process() != null ? n.process() + " on " + n.host() : n.host().isEmpty() ? "" : n.host();
        String text = (who.isEmpty() ? "note: " : "note (" + who + "): ") + n.text().strip();
        List<String> lines = wrap(text, (width - GUTTER - 24) / 7, 4);
        int h = lines.size() * NOTE_LINE + 8;
        gutter(n.time(), y + 13);
        body.append("<g class=\"note\"><rect x=\"").append(GUTTER).append("\" y=\"").append(y + 2).append("\" width=\"")
                .append(width - GUTTER - 8).append("\" height=\"").append(h).append("\" rx=\"3\"/>");
        for (int i = 0; i < lines.size(); i++) {
            body.append("<text x=\"").append(GUTTER + 8).append("\" y=\"").append(y + 14 + i * NOTE_LINE).append("\">")
                    .append(Html.esc(lines.get(i))).append("</text>");
        }
        body.append("</g>\n");
        y += h + 8;
    }

    private void tags(TagRow r) {
        Map<Integer, Integer> level = new HashMap<>();
        int levels = 1;
        gutter(r.time, y + 14);
        for (Tag t : r.tags) {
            int lane = lanes.lane(t.host());
            int k = level.merge(lane, 1, Integer::sum) - 1;
            levels = Math.max(levels, k + 1);
            String text = Html.cut((lanes.isOthers(lane) ? t.host() + ": " : "") + t.text(), 34);
            int w = (int) Math.ceil(text.length() * 6.1) + 10;
            int x = x(lane);
            int top = y + 3 + k * TAG_ROW;
            body.append("<g class=\"tag ").append(t.kind().name().toLowerCase(Locale.ROOT)).append("\"><title>")
                    .append(Html.esc(t.title())).append("</title><rect x=\"").append(x - w / 2).append("\" y=\"").append(top)
                    .append("\" width=\"").append(w).append("\" height=\"16\" rx=\"8\"/><text x=\"").append(x).append("\" y=\"")
                    .append(top + 12).append("\">").append(Html.esc(text)).append("</text></g>");
        }
        body.append('\n');
        y += levels * TAG_ROW + 2;
    }

    /** Splits text into at most {@code max} lines of about {@code width} characters. */
    static List<String> wrap(String text, int width, int max) {
        List<String> out = new ArrayList<>();
        String rest = text.replace('\n', ' ').replace('\t', ' ');
        while (!rest.isEmpty() && out.size() < max) {
            if (rest.length() <= width) {
                out.add(rest);
                rest = "";
                break;
            }
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= width / 2) {
                cut = width;
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            int last = out.size() - 1;
            out.set(last, Html.cut(out.get(last) + " " + rest, width));
        }
        return out;
    }
}
