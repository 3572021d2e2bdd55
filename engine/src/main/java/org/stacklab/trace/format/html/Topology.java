package org.stacklab.trace.format.html;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topology as boxes and lines, laid out deterministically in layers: hosts that start
 * conversations (or, without traffic, the first host) on the left, then every host by its
 * distance in links, so routers fall in the middle and servers on the right. A group of up to
 * {@link #FAN_OUT} hosts is fanned out member by member; a larger group is one box. With more
 * than {@link #MAX_UNITS} boxes the page shows a summary instead of a drawing.
 */
final class Topology {
    static final int FAN_OUT = 24;
    static final int MAX_UNITS = 40;

    /** One box: a host, a fanned-out group member, or a whole group. */
    static final class Unit {
        final int id;
        final List<ReportInfo.Host> members = new ArrayList<>();
        final String group;
        final boolean collapsed;
        final List<Edge> edges = new ArrayList<>();
        boolean initiator;
        int component = -1;
        int layer = -1;
        int x;
        int y;
        int w;
        int h;

        Unit(int id, ReportInfo.Host first, boolean collapsed) {
            this.id = id;
            this.group = first.group();
            this.collapsed = collapsed;
            members.add(first);
        }

        boolean router() {
            return members.get(0).forward();
        }

        String name() {
            if (!collapsed) {
                return members.get(0).name();
            }
            return members.get(0).name() + " … " + members.get(members.size() - 1).name();
        }

        Unit other(Edge e) {
            return e.a == this ? e.b : e.a;
        }
    }

    /** The links between two boxes (one per member when a box is a whole group). */
    static final class Edge {
        final Unit a;
        final Unit b;
        final ReportInfo.Link first;
        int count;
        boolean mixed;

        Edge(Unit a, Unit b, ReportInfo.Link first) {
            this.a = a;
            this.b = b;
            this.first = first;
        }
    }

    final ReportInfo info;
    final List<Unit> units = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    private final Map<String, Unit> unitOf = new HashMap<>();

    Topology(ReportInfo info, Map<String, Boolean> roles) {
        this.info = info;
        Map<String, Integer> groupSize = new HashMap<>();
        for (ReportInfo.Host h : info.hosts()) {
            if (h.group() != null) {
                groupSize.merge(h.group(), 1, Integer::sum);
            }
        }
        Map<String, Unit> collapsedGroup = new HashMap<>();
        for (ReportInfo.Host h : info.hosts()) {
            boolean collapse = h.group() != null && groupSize.get(h.group()) > FAN_OUT;
            Unit u = collapse ? collapsedGroup.get(h.group()) : null;
            if (u == null) {
                u = new Unit(units.size(), h, collapse);
                units.add(u);
                if (collapse) {
                    collapsedGroup.put(h.group(), u);
                }
            } else {
                u.members.add(h);
            }
            unitOf.put(h.name(), u);
        }
        roles.forEach((host, started) -> {
            Unit u = unitOf.get(host);
            if (u != null && started && !u.router()) {
                u.initiator = true;
            }
        });
        Map<String, Edge> byPair = new LinkedHashMap<>();
        for (ReportInfo.Link l : info.links()) {
            Unit a = unitOf.get(l.a());
            Unit b = unitOf.get(l.b());
            if (a == null || b == null || a == b) {
                continue;
            }
            Unit lo = a.id < b.id ? a : b;
            Unit hi = a.id < b.id ? b : a;
            Edge e = byPair.computeIfAbsent(lo.id + "-" + hi.id, k -> {
                Edge n = new Edge(lo, hi, l);
                edges.add(n);
                lo.edges.add(n);
                hi.edges.add(n);
                return n;
            });
            e.count++;
            e.mixed |= !sameParams(e.first, l);
        }
    }

    private static boolean sameParams(ReportInfo.Link x, ReportInfo.Link y) {
        return x.latencyNs() == y.latencyNs() && x.bandwidthBps() == y.bandwidthBps() && x.loss() == y.loss()
                && x.queue() == y.queue();
    }

    boolean drawable() {
        return !units.isEmpty() && units.size() <= MAX_UNITS;
    }

    /** Assigns each box a component and a layer: distance in links from the component's sources. */
    void layers() {
        int components = 0;
        for (Unit start : units) {
            if (start.component >= 0) {
                continue;
            }
            List<Unit> members = reach(start, components++);
            List<Unit> sources = new ArrayList<>();
            for (Unit u : members) {
                if (u.initiator) {
                    sources.add(u);
                }
            }
            if (sources.isEmpty()) {
                sources.add(members.stream().filter(u -> !u.router()).findFirst().orElse(members.get(0)));
            }
            ArrayDeque<Unit> queue = new ArrayDeque<>();
            for (Unit s : sources) {
                s.layer = 0;
                queue.add(s);
            }
            while (!queue.isEmpty()) {
                Unit u = queue.poll();
                for (Edge e : u.edges) {
                    Unit v = u.other(e);
                    if (v.layer < 0) {
                        v.layer = u.layer + 1;
                        queue.add(v);
                    }
                }
            }
        }
    }

    private static List<Unit> reach(Unit start, int component) {
        List<Unit> out = new ArrayList<>();
        ArrayDeque<Unit> queue = new ArrayDeque<>();
        start.component = component;
        queue.add(start);
        while (!queue.isEmpty()) {
            Unit u = queue.poll();
            out.add(u);
            for (Edge e : u.edges) {
                Unit v = u.other(e);
                if (v.component < 0) {
                    v.component = component;
                    queue.add(v);
                }
            }
        }
        out.sort(Comparator.comparingInt(u -> u.id));
        return out;
    }

    /** The boxes of one layer of one component, ordered to limit crossings (barycentre of the layer before). */
    static List<Unit> order(List<Unit> layer, Map<Unit, Integer> previous) {
        List<Unit> out = new ArrayList<>(layer);
        Map<Unit, Double> centre = new HashMap<>();
        for (Unit u : out) {
            double sum = 0;
            int n = 0;
            for (Edge e : u.edges) {
                Integer p = previous.get(u.other(e));
                if (p != null) {
                    sum += p;
                    n++;
                }
            }
            centre.put(u, n == 0 ? Double.MAX_VALUE : sum / n);
        }
        out.sort(Comparator.comparingDouble((Unit u) -> centre.get(u)).thenComparingInt(u -> u.id));
        return out;
    }
}
