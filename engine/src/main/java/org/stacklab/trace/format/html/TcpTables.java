package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.trace.TraceEvent.CwndEvent;
import org.stacklab.trace.TraceEvent.StateEvent;

/**
 * TCP's side of the run: every state change (RFC 9293 names) and the congestion window of the
 * first few connections over time, as a step chart, with ssthresh dashed, loss recovery episodes
 * (fast retransmit to recovery end) shaded and retransmission timeouts marked.
 */
final class TcpTables {
    static final int MAX = 500;
    static final int MAX_SERIES = 6;
    /** Points kept per series; beyond it every other point is dropped and the stride doubles. */
    static final int MAX_POINTS = 400;
    private static final int W = 900;
    private static final int H = 240;
    private static final int LEFT = 70;
    private static final int BOTTOM = 30;

    /** Recovery episodes and timeouts kept per series. */
    static final int MAX_MARKS = 200;

    /** The congestion window of one socket over time, thinned deterministically to a bounded size. */
    private static final class Series {
        final String host;
        final int socket;
        final List<long[]> points = new ArrayList<>();
        /** {start, end} of each recovery episode (end -1 while open) and the times of timeouts. */
        final List<long[]> recoveries = new ArrayList<>();
        final List<Long> timeouts = new ArrayList<>();
        long seen;
        long stride = 1;

        Series(String host, int socket) {
            this.host = host;
            this.socket = socket;
        }

        void mark(long time, String why) {
            if (why.equals("fast-retransmit") && recoveries.size() < MAX_MARKS) {
                recoveries.add(new long[] {time, -1});
            } else if (why.equals("recovery-end") && !recoveries.isEmpty()
                    && recoveries.get(recoveries.size() - 1)[1] < 0) {
                recoveries.get(recoveries.size() - 1)[1] = time;
            } else if (why.equals("timeout")) {
                if (!recoveries.isEmpty() && recoveries.get(recoveries.size() - 1)[1] < 0) {
                    recoveries.get(recoveries.size() - 1)[1] = time; // a timeout ends the recovery
                }
                if (timeouts.size() < MAX_MARKS) {
                    timeouts.add(time);
                }
            }
        }

        void add(long time, long cwnd, long ssthresh, boolean keep) {
            if (seen++ % stride != 0 && !keep) {
                return;
            }
            points.add(new long[] {time, cwnd, ssthresh});
            if (points.size() >= 2 * MAX_POINTS) {
                List<long[]> half = new ArrayList<>(MAX_POINTS);
                for (int i = 0; i < points.size(); i += 2) {
                    half.add(points.get(i));
                }
                points.clear();
                points.addAll(half);
                stride *= 2;
            }
        }
    }

    private final Capped<StateEvent> states = new Capped<>(MAX);
    private final Tally transitions = new Tally();
    private final List<Series> series = new ArrayList<>();
    /** Socket ids are unique in a run. */
    private final Map<Integer, Series> bySocket = new HashMap<>();
    private final BitSet leftOut = new BitSet();
    private long cwndEvents;
    private long socketsLeftOut;

    void state(StateEvent e) {
        transitions.add(e.from() + " → " + e.to());
        states.add(e);
    }

    void cwnd(CwndEvent e) {
        cwndEvents++;
        Series s = bySocket.get(e.socket());
        if (s == null) {
            if (series.size() >= MAX_SERIES) {
                if (e.socket() >= 0 && !leftOut.get(e.socket())) {
                    leftOut.set(e.socket());
                    socketsLeftOut++;
                }
                return;
            }
            s = new Series(e.host(), e.socket());
            series.add(s);
            bySocket.put(e.socket(), s);
        }
        s.mark(e.time(), e.why());
        s.add(e.time(), e.cwnd(), e.ssthresh(), !e.why().equals("slow-start") && !e.why().equals("congestion-avoidance")
                && !e.why().equals("fast-recovery"));
    }

    void render(StringBuilder sb) {
        if (states.seen() == 0 && cwndEvents == 0) {
            sb.append("<p class=\"empty\">No TCP connection in this run.</p>\n");
            return;
        }
        if (states.seen() > 0) {
            sb.append("<h3>State changes</h3>\n");
            transitions.table(sb, "transition", "times");
            Html.tableStart(sb, "events", "time", "host", "#socket", "process", "from", "to");
            for (StateEvent e : states.items()) {
                sb.append("<tr>");
                Html.td(sb, "mono", Html.time(e.time()));
                Html.td(sb, null, e.host());
                Html.td(sb, e.socket());
                Html.td(sb, null, e.process());
                Html.td(sb, "state", e.from());
                Html.td(sb, "state", e.to());
                sb.append("</tr>\n");
            }
            Html.tableEnd(sb);
            states.leftOutNote(sb, "state changes");
        }
        if (!series.isEmpty()) {
            sb.append("<h3>Congestion window</h3>\n");
            chart(sb);
            if (socketsLeftOut > 0) {
                sb.append("<p class=\"more\">The chart shows the first ").append(series.size()).append(" connections; ")
                        .append(socketsLeftOut).append(" more left out.</p>\n");
            }
        }
    }

    private void chart(StringBuilder sb) {
        long t0 = Long.MAX_VALUE;
        long t1 = Long.MIN_VALUE;
        long max = 1;
        for (Series s : series) {
            for (long[] p : s.points) {
                t0 = Math.min(t0, p[0]);
                t1 = Math.max(t1, p[0]);
                max = Math.max(max, Math.max(p[1], p[2]));
            }
        }
        long span = Math.max(1, t1 - t0);
        int plotW = W - LEFT - 20;
        int plotH = H - BOTTOM - 10;
        sb.append("<div class=\"scroll\"><svg class=\"chart\" role=\"img\" aria-label=\"congestion window\" width=\"").append(W)
                .append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\">\n");
        for (int i = 0; i <= 4; i++) {
            int y = 10 + plotH - plotH * i / 4;
            sb.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"").append(W - 20)
                    .append("\" y2=\"").append(y).append("\"/><text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(y + 4).append("\" text-anchor=\"end\">").append(max * i / 4).append(" B</text>");
            int x = LEFT + plotW * i / 4;
            sb.append("<text class=\"tick\" x=\"").append(x).append("\" y=\"").append(H - 10).append("\">")
                    .append(Html.time(t0 + span * i / 4)).append("</text>\n");
        }
        for (int k = 0; k < series.size(); k++) {
            marks(sb, series.get(k), k, t0, t1, span, plotW, plotH);
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            ssthresh(sb, s, k, t0, span, plotW, plotH, max);
            StringBuilder pts = new StringBuilder();
            long prevY = -1;
            for (long[] p : s.points) {
                long x = LEFT + (p[0] - t0) * plotW / span;
                long y = 10 + plotH - p[1] * plotH / max;
                if (prevY >= 0) {
                    pts.append(x).append(',').append(prevY).append(' ');
                }
                pts.append(x).append(',').append(y).append(' ');
                prevY = y;
            }
            sb.append("<polyline class=\"s").append(k).append("\" points=\"").append(pts.toString().strip()).append("\"><title>")
                    .append(Html.esc(s.host + " socket " + s.socket)).append("</title></polyline>\n");
            sb.append("<text class=\"legend s").append(k).append("\" x=\"").append(LEFT + 10).append("\" y=\"")
                    .append(24 + 14 * k).append("\">").append(Html.esc(s.host + " socket " + s.socket)).append("</text>\n");
        }
        sb.append("</svg></div>\n");
        sb.append("<p class=\"more\">Solid: cwnd; dashed: ssthresh (none before the first loss or HyStart); shaded: "
                + "loss recovery (fast retransmit to recovery end); red marks: retransmission timeouts.</p>\n");
    }

    /** ssthresh as a dashed step line; an unlimited ssthresh (-1) leaves a gap. */
    private static void ssthresh(StringBuilder sb, Series s, int k, long t0, long span, int plotW, int plotH, long max) {
        StringBuilder pts = new StringBuilder();
        long prevY = -1;
        for (long[] p : s.points) {
            if (p[2] < 0) {
                continue;
            }
            long x = LEFT + (p[0] - t0) * plotW / span;
            long y = 10 + plotH - p[2] * plotH / max;
            if (prevY >= 0) {
                pts.append(x).append(',').append(prevY).append(' ');
            }
            pts.append(x).append(',').append(y).append(' ');
            prevY = y;
        }
        if (prevY >= 0) {
            sb.append("<polyline class=\"s").append(k).append(" ssthresh\" style=\"stroke-dasharray:5 3;stroke-width:1\" points=\"")
                    .append(pts.toString().strip()).append("\"><title>").append(Html.esc(s.host + " socket " + s.socket))
                    .append(" ssthresh</title></polyline>\n");
        }
    }

    /** Recovery episodes as shaded bands, timeouts as short red ticks at the top of the plot. */
    private static void marks(StringBuilder sb, Series s, int k, long t0, long t1, long span, int plotW, int plotH) {
        for (long[] r : s.recoveries) {
            long x0 = LEFT + (r[0] - t0) * plotW / span;
            long x1 = LEFT + ((r[1] < 0 ? t1 : r[1]) - t0) * plotW / span;
            sb.append("<rect class=\"s").append(k).append("\" style=\"stroke:none;fill-opacity:0.12\" x=\"").append(x0)
                    .append("\" y=\"10\" width=\"").append(Math.max(1, x1 - x0)).append("\" height=\"").append(plotH)
                    .append("\"><title>").append(Html.esc(s.host + " socket " + s.socket)).append(" loss recovery ")
                    .append(Html.time(r[0])).append("</title></rect>\n");
        }
        for (long t : s.timeouts) {
            long x = LEFT + (t - t0) * plotW / span;
            sb.append("<line stroke=\"#c62828\" stroke-width=\"2\" x1=\"").append(x).append("\" y1=\"10\" x2=\"").append(x)
                    .append("\" y2=\"22\"><title>").append(Html.esc(s.host + " socket " + s.socket)).append(" timeout ")
                    .append(Html.time(t)).append("</title></line>\n");
        }
    }
}
