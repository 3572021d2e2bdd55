package org.stacklab.trace.format.html;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts by a small set of keys (drop reasons, rules, errno names), iterated in key order so
 * that the report does not depend on hash order.
 */
final class Tally {
    private final TreeMap<String, Long> counts = new TreeMap<>();
    private long total;

    void add(String key) {
        counts.merge(key == null ? "(none)" : key, 1L, Long::sum);
        total++;
    }

    long total() {
        return total;
    }

    long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    boolean isEmpty() {
        return total == 0;
    }

    Map<String, Long> counts() {
        return counts;
    }

    /** A two-column table: the key, then how many; nothing when empty. */
    void table(StringBuilder sb, String keyHeading, String countHeading) {
        if (counts.isEmpty()) {
            return;
        }
        sb.append("<table class=\"tally\"><thead><tr><th>").append(Html.esc(keyHeading)).append("</th><th class=\"num\">")
                .append(Html.esc(countHeading)).append("</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            sb.append("<tr><td>").append(Html.text(e.getKey())).append("</td><td class=\"num\">").append(e.getValue())
                    .append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }
}
