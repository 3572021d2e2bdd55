package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.trace.format.html.SequenceDiagram.Arrow;
import org.stacklab.trace.format.html.SequenceDiagram.Note;
import org.stacklab.trace.format.html.SequenceDiagram.Tag;
import org.stacklab.trace.format.html.SequenceDiagram.TagRow;

/**
 * The lifelines of the sequence diagram and their order: hosts that start conversations on
 * the left, routers in the middle, hosts that answer on the right, each group in order of first
 * appearance. At most {@link #MAX} lifelines: the busiest hosts keep their own, the others
 * share one. With {@link SocketLanes}, an end host's sockets get a lifeline each (keys
 * {@code "host sN"}, kept side by side), and packets no socket claims stay on the host's own.
 */
final class Lanes {
    static final int MAX = 8;
    /** With a lifeline per socket: more, narrower lifelines (the picture scrolls sideways). */
    static final int MAX_SOCKETS = 12;

    private final List<String> hosts = new ArrayList<>();
    private final List<String> others = new ArrayList<>();
    private final Map<String, Integer> lane = new HashMap<>();
    private final Map<String, ReportInfo.Host> info = new HashMap<>();
    private final SocketLanes sockets;
    private int othersLane = -1;

    Lanes(SequenceDiagram d, ReportInfo report) {
        this(d, report, null);
    }

    Lanes(SequenceDiagram d, ReportInfo report, SocketLanes sockets) {
        this.sockets = sockets;
        for (ReportInfo.Host h : report.hosts()) {
            info.put(h.name(), h);
        }
        Map<String, Integer> weight = new LinkedHashMap<>();
        Map<String, Boolean> roles = new HashMap<>();
        d.firstRoles().forEach((k, v) -> roles.putIfAbsent(hostOf(k), v));
        for (Object r : d.rows()) {
            if (r instanceof Arrow a) {
                weight.merge(a.from, 1, Integer::sum);
                if (a.to != null) {
                    weight.merge(a.to, 1, Integer::sum);
                }
            } else if (r instanceof TagRow t) {
                for (Tag tag : t.tags) {
                    weight.merge(tag.host(), 1, Integer::sum);
                }
            } else if (r instanceof Note n && !n.host().isEmpty() && sockets == null) {
                weight.merge(n.host(), 1, Integer::sum);
            }
        }
        List<String> order = new ArrayList<>(weight.keySet());
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> hostFirst = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            first.put(order.get(i), i);
            hostFirst.putIfAbsent(hostOf(order.get(i)), i);
        }
        order.sort(Comparator.comparingInt((String h) -> rank(hostOf(h), roles))
                .thenComparingInt((String h) -> hostFirst.get(hostOf(h))).thenComparingInt(first::get));
        List<String> keep = new ArrayList<>(order);
        int max = sockets == null ? MAX : MAX_SOCKETS;
        if (order.size() > max) {
            keep.sort(Comparator.comparingInt((String h) -> -weight.get(h)).thenComparingInt(first::get));
            keep = keep.subList(0, max - 1);
        }
        for (String h : order) {
            if (keep.contains(h)) {
                lane.put(h, hosts.size());
                hosts.add(h);
            } else {
                if (othersLane < 0) {
                    othersLane = hosts.size();
                    hosts.add(null);
                }
                lane.put(h, othersLane);
                others.add(h);
            }
        }
    }

    /** The host a lane key belongs to: itself, or the host of a socket's lane. */
    private String hostOf(String key) {
        SocketLanes.Lane l = sockets == null ? null : sockets.of(key);
        return l == null ? key : l.host();
    }

    /** 0: starts conversations; 1: forwards; 2: answers. */
    private int rank(String host, Map<String, Boolean> roles) {
        ReportInfo.Host h = info.get(host);
        if (h != null && h.forward()) {
            return 1;
        }
        return roles.getOrDefault(host, false) ? 0 : 2;
    }

    int size() {
        return hosts.size();
    }

    boolean has(String host) {
        return lane.containsKey(host);
    }

    /** The lifeline of a host; hosts never seen in the diagram share the last one. */
    int lane(String host) {
        Integer i = lane.get(host);
        return i == null ? hosts.size() - 1 : i;
    }

    boolean isOthers(int i) {
        return i == othersLane;
    }

    boolean isRouter(int i) {
        ReportInfo.Host h = isOthers(i) ? null : info.get(hostOf(hosts.get(i)));
        return h != null && h.forward();
    }

    String name(int i) {
        return isOthers(i) ? others.size() + (sockets == null ? " other hosts" : " other lifelines") : hosts.get(i);
    }

    String subtitle(int i) {
        if (isOthers(i)) {
            return others.get(0) + (others.size() > 1 ? " … " + others.get(others.size() - 1) : "");
        }
        SocketLanes.Lane l = sockets == null ? null : sockets.of(hosts.get(i));
        if (l != null) {
            return sockets.shortSubtitle(hosts.get(i));
        }
        ReportInfo.Host h = info.get(hosts.get(i));
        if (h == null || h.addresses().isEmpty()) {
            return "";
        }
        return (h.forward() ? "router · " : "") + h.addresses().get(0) + (h.addresses().size() > 1 ? " …" : "");
    }

    String title(int i) {
        if (isOthers(i)) {
            return (sockets == null ? "hosts" : "hosts and sockets") + " sharing this lifeline: "
                    + Html.cut(String.join(", ", others), 400);
        }
        SocketLanes.Lane l = sockets == null ? null : sockets.of(hosts.get(i));
        if (l != null) {
            String sub = sockets.subtitle(hosts.get(i));
            return "socket " + l.socket() + " of " + l.host() + (sub.isEmpty() ? "" : ": " + sub);
        }
        ReportInfo.Host h = info.get(hosts.get(i));
        if (h == null) {
            return hosts.get(i);
        }
        StringBuilder sb = new StringBuilder(h.name());
        h.addresses().forEach(a -> sb.append(' ').append(a));
        return sb.append(h.forward() ? " (forwards packets)" : "").toString();
    }
}
