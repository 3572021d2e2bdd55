package org.stacklab.cli.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SVG plot of one metric against one parameter: a point per run (so the spread over seeds
 * shows), the mean per value joined by a line, and a bar from the lowest to the highest run.
 * Other parameters each make a series of their own. Written by hand (no library), the same
 * bytes for the same rows.
 */
final class SweepPlot {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf"};
    private static final int W = 760;
    private static final int H = 460;
    private static final int LEFT = 90;
    private static final int RIGHT = 200;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    /** One row of the sweep as the plot needs it. */
    record Point(String x, String series, double y) {}

    private SweepPlot() {}

    static String svg(String title, String xName, List<String> xValues, String metric, List<Point> points) {
        double[] xs = positions(xValues);
        double xMin = xs[0];
        double xMax = xs[xs.length - 1];
        for (double x : xs) {
            xMin = Math.min(xMin, x);
            xMax = Math.max(xMax, x);
        }
        if (xMax == xMin) {
            xMin -= 1;
            xMax += 1;
        }
        double pad = (xMax - xMin) * 0.04;
        xMin -= pad;
        xMax += pad;
        double yMax = 0;
        double yMin = 0;
        for (Point p : points) {
            yMax = Math.max(yMax, p.y());
            yMin = Math.min(yMin, p.y());
        }
        double step = niceStep((yMax - yMin) / 5);
        yMax = Math.ceil(yMax / step) * step;
        yMin = Math.floor(yMin / step) * step;
        if (yMax == yMin) {
            yMax = yMin + step;
        }
        Map<String, List<Point>> bySeries = new LinkedHashMap<>();
        for (Point p : points) {
            bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(sb, W / 2.0, 22, "middle", 15, title);
        text(sb, W - RIGHT + 16, H - 18, "start", 10, "dot: one run; bar: lowest to highest; line: mean");
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        line(sb, LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333");
        line(sb, LEFT, TOP, LEFT, TOP + plotH, "#333");
        for (double y = yMin; y <= yMax + step / 2; y += step) {
            double py = TOP + plotH - (y - yMin) / (yMax - yMin) * plotH;
            line(sb, LEFT, py, LEFT + plotW, py, "#e5e5e5");
            text(sb, LEFT - 6, py + 4, "end", 11, num(y));
        }
        for (int i = 0; i < xValues.size(); i++) {
            double px = LEFT + (xs[i] - xMin) / (xMax - xMin) * plotW;
            line(sb, px, TOP + plotH, px, TOP + plotH + 5, "#333");
            text(sb, px, TOP + plotH + 18, "middle", 11, xValues.get(i));
        }
        text(sb, LEFT + plotW / 2.0, H - 18, "middle", 13, xName);
        sb.append("<text x=\"18\" y=\"").append(TOP + plotH / 2).append("\" text-anchor=\"middle\" font-size=\"13\" ")
                .append("transform=\"rotate(-90 18 ").append(TOP + plotH / 2).append(")\">").append(esc(metric))
                .append("</text>\n");
        int s = 0;
        for (Map.Entry<String, List<Point>> e : bySeries.entrySet()) {
            String color = COLORS[s % COLORS.length];
            StringBuilder mean = new StringBuilder();
            for (int i = 0; i < xValues.size(); i++) {
                double px = LEFT + (xs[i] - xMin) / (xMax - xMin) * plotW;
                double lo = Double.MAX_VALUE;
                double hi = -Double.MAX_VALUE;
                double sum = 0;
                int n = 0;
                for (Point p : e.getValue()) {
                    if (p.x().equals(xValues.get(i))) {
                        double py = TOP + plotH - (p.y() - yMin) / (yMax - yMin) * plotH;
                        sb.append("<circle cx=\"").append(num(px)).append("\" cy=\"").append(num(py))
                                .append("\" r=\"2.5\" fill=\"").append(color).append("\" fill-opacity=\"0.45\"/>\n");
                        lo = Math.min(lo, py);
                        hi = Math.max(hi, py);
                        sum += p.y();
                        n++;
                    }
                }
                if (n > 0) {
                    line(sb, px, lo, px, hi, color);
                    double my = TOP + plotH - (sum / n - yMin) / (yMax - yMin) * plotH;
                    mean.append(mean.length() == 0 ? "" : " ").append(num(px)).append(',').append(num(my));
                }
            }
            sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(mean).append("\"/>\n");
            double ly = TOP + 14 + s * 18;
            line(sb, LEFT + plotW + 16, ly - 4, LEFT + plotW + 36, ly - 4, color);
            text(sb, LEFT + plotW + 42, ly, "start", 11, e.getKey().isEmpty() ? "mean of the seeds" : e.getKey());
            s++;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** Numeric positions when every value is a number with one shared unit; else 0, 1, 2, ... */
    static double[] positions(List<String> values) {
        double[] xs = new double[values.size()];
        String unit = null;
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            int end = 0;
            while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.' || (end == 0 && v.charAt(0) == '-'))) {
                end++;
            }
            String u = v.substring(end).trim();
            try {
                xs[i] = Double.parseDouble(v.substring(0, end));
            } catch (NumberFormatException e) {
                return categorical(values.size());
            }
            if (unit != null && !unit.equals(u)) {
                return categorical(values.size());
            }
            unit = u;
        }
        return xs;
    }

    private static double[] categorical(int n) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
        }
        return xs;
    }

    private static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    private static void line(StringBuilder sb, double x1, double y1, double x2, double y2, String color) {
        sb.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
                .append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(color).append("\"/>\n");
    }

    private static void text(StringBuilder sb, double x, double y, String anchor, int size, String t) {
        sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" font-size=\"").append(size).append("\">").append(esc(t)).append("</text>\n");
    }

    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.[0-9]*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
