package org.stacklab.trace.format.html;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.stacklab.sim.SimTime;

/**
 * Small helpers for writing the HTML report: escaping (every piece of text from a scenario or
 * an event goes through {@link #esc}), bounded text, and human forms of times, rates and counts.
 * Nothing here depends on the locale or the clock.
 */
final class Html {
    /** Longest piece of free text shown in one table cell or label. */
    static final int MAX_TEXT = 600;

    private Html() {}

    /** Escapes text for element content and for double- or single-quoted attribute values. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s == null ? 0 : s.length() + 16);
        esc(sb, s);
        return sb.toString();
    }

    static StringBuilder esc(StringBuilder sb, String s) {
        if (s == null) {
            return sb;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append('\uFFFD'); // control characters are not allowed in HTML text
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb;
    }

    /** At most {@code max} characters of {@code s}, with an ellipsis when it was cut. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }

    /** Cut to {@link #MAX_TEXT}, then escaped. */
    static String text(String s) {
        return esc(cut(s, MAX_TEXT));
    }

    /** Simulated time as trace.txt prints it: seconds with nine decimals. */
    static String time(long ns) {
        return SimTime.format(ns);
    }

    /** A duration for people: {@code 5 ms}, {@code 250 us}, {@code 1.5 s}. */
    static String duration(long ns) {
        if (ns >= SimTime.S) {
            return decimal(ns, SimTime.S) + " s";
        }
        if (ns >= SimTime.MS) {
            return decimal(ns, SimTime.MS) + " ms";
        }
        if (ns >= SimTime.US) {
            return decimal(ns, SimTime.US) + " us";
        }
        return ns + " ns";
    }

    /** A bandwidth for people: {@code 100 Mbps}, {@code 1 Gbps}, {@code 1.5 Mbps}. */
    static String bandwidth(long bps) {
        if (bps >= 1_000_000_000L) {
            return decimal(bps, 1_000_000_000L) + " Gbps";
        }
        if (bps >= 1_000_000L) {
            return decimal(bps, 1_000_000L) + " Mbps";
        }
        if (bps >= 1_000L) {
            return decimal(bps, 1_000L) + " Kbps";
        }
        return bps + " bps";
    }

    /** A probability as a percentage: {@code 1%}, {@code 0.5%}. */
    static String percent(double p) {
        return BigDecimal.valueOf(p * 100).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** {@code value / unit} with up to three decimals, trailing zeros dropped. */
    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit), 3, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    /** {@code 1 packet}, {@code 2 packets}. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /**
     * Opens a table with a header row; a heading that starts with {@code #} is numeric (right
     * aligned, the {@code #} not shown).
     */
    static void tableStart(StringBuilder sb, String cls, String... headings) {
        sb.append("<table").append(cls == null ? "" : " class=\"" + cls + "\"").append("><thead><tr>");
        for (String h : headings) {
            boolean num = h.startsWith("#");
            sb.append(num ? "<th class=\"num\">" : "<th>").append(esc(num ? h.substring(1) : h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
    }

    static void tableEnd(StringBuilder sb) {
        sb.append("</tbody></table>\n");
    }

    /** A cell of text (cut and escaped), with an optional class. */
    static StringBuilder td(StringBuilder sb, String cls, String text) {
        sb.append(cls == null ? "<td>" : "<td class=\"" + cls + "\">");
        return sb.append(text(text)).append("</td>");
    }

    /** A numeric cell. */
    static StringBuilder td(StringBuilder sb, long n) {
        return sb.append("<td class=\"num\">").append(n).append("</td>");
    }
}
