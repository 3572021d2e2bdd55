package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.stacklab.process.Step;
import org.stacklab.scenario.AppSpec;
import org.stacklab.scenario.HostSpec;
import org.stacklab.scenario.LinkSpec;
import org.stacklab.scenario.ProcessSpec;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioError;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * Everything decided before a socket is opened: the host mapping, each process with its
 * addresses on loopback, the addresses refused, and what cannot be compared and why (the
 * scenario's links and routes, users, ports that need privileges, ports two hosts share).
 */
public final class BridgePlan {
    /**
     * One process of the real run: one per member when the host is a group, named as the
     * simulation names it. {@code spec} is the process as written (it runs with the scenario's
     * addresses; the real socket API translates them); {@code mapped} has its literal addresses on
     * loopback, for the plan's own survey.
     */
    public record Planned(String name, String host, String user, long startNs, ProcessSpec spec, ProcessSpec mapped) {}

    private final Scenario sc;
    private final Environment env;
    private final AddressMap map;
    private final boolean namespaces;
    private final List<Planned> processes = new ArrayList<>();
    private final List<ScenarioError> refusals;
    private final Set<Integer> fixedPorts = new TreeSet<>();
    private final Map<String, Map<Integer, String>> excluded = new HashMap<>();
    private final List<String> notCompared = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String skip;

    private BridgePlan(Scenario sc, Environment env, Ipv4Address base, boolean namespaces) {
        this.sc = sc;
        this.env = env;
        this.namespaces = namespaces;
        String v6 = Ipv6Use.of(sc);
        if (v6 != null) {
            // nothing is planned: the real half would need AF_INET6 sockets on ::1 or in namespaces
            this.map = AddressMap.of(new LinkedHashMap<>(), base, Set.of());
            this.refusals = List.of();
            this.skip = "the scenario uses IPv6 (" + v6 + "); the bridge compares IPv4 scenarios only so far,"
                    + " so the comparison is skipped";
            return;
        }
        Map<String, List<Ipv4Address>> hosts = new LinkedHashMap<>();
        for (HostSpec h : sc.hosts()) {
            for (HostSpec m : h.members()) {
                hosts.put(m.name(), m.ipv4s());
            }
        }
        this.map = namespaces ? AddressMap.identity(hosts) : AddressMap.of(hosts, base, PlanScan.literalLoopback(sc));
        ScenarioRewriter rw = new ScenarioRewriter(sc, map);
        for (ProcessSpec ps : sc.processes()) {
            ProcessSpec mapped = rw.rewrite(ps);
            List<String> members = PlanScan.members(sc, ps.host());
            boolean group = members.size() > 1 || PlanScan.isGroup(sc, ps.host());
            for (int i = 0; i < members.size(); i++) {
                String name = group ? ps.name() + (i + 1) : ps.name();
                processes.add(new Planned(name, members.get(i), ps.user(), ps.startNs(), ps, mapped));
            }
        }
        this.refusals = List.copyOf(rw.refusals());
    }

    /** Plans {@code sc} with loopback addresses from {@code base}, times scaled by default. */
    public static BridgePlan of(Scenario sc, Environment env, Ipv4Address base) {
        return of(sc, env, base, TimeScale.DEFAULT);
    }

    /** Plans {@code sc} with loopback addresses from {@code base}, real times scaled by {@code scale}. */
    public static BridgePlan of(Scenario sc, Environment env, Ipv4Address base, TimeScale scale) {
        return of(sc, env, base, scale, false);
    }

    /**
     * Plans {@code sc}; with {@code namespaces} for a network namespace per host, where every
     * host keeps its own addresses and the links and routes are real.
     */
    public static BridgePlan of(Scenario sc, Environment env, Ipv4Address base, TimeScale scale, boolean namespaces) {
        BridgePlan p = new BridgePlan(sc, env, base, namespaces);
        p.survey();
        p.lateStarts(scale);
        sc.hosts().stream().filter(h -> h.filter() != null && p.skip == null).findFirst().ifPresent(h -> p.skip = "host "
                + h.name() + " has nat or firewall rules, which loopback cannot stand in for: the comparison is skipped");
        return p;
    }

    /**
     * The kernel's timers do not scale: a process that starts after the simulated TIME-WAIT has
     * ended (60 s by default, L1) meets a TIME-WAIT the real kernel still holds when real time runs
     * faster than simulated time. Such processes are not compared (with --scale 1 they are).
     */
    private void lateStarts(TimeScale scale) {
        long tw = sc.defaults().timeWaitNs();
        if (scale.factor() <= 1) {
            return;
        }
        for (Planned p : processes) {
            if (p.startNs() >= tw) {
                late.put(p.name(), "starts at " + p.startNs() / 1_000_000_000.0 + " s, after the simulated TIME-WAIT ("
                        + tw / 1_000_000_000 + " s, L1) ends; the kernel's TIME-WAIT does not scale with time"
                        + " (compare it with --scale 1 and a longer --deadline)");
            }
        }
        if (!late.isEmpty()) {
            warnings.add(late.size() + " process(es) start after the simulated TIME-WAIT ends: not compared at --scale "
                    + scale.factor());
        }
    }

    /** Why nothing of {@code process} is compared (it starts after a kernel timer the scaling cannot shorten), or null. */
    public String lateStart(String process) {
        return late.get(process);
    }

    /** Why a REUSEPORT group's totals are not compared (another user's socket may join it here, D1), or null. */
    public String groupTaint(String group) {
        return groups.taint(group);
    }

    public AddressMap map() {
        return map;
    }

    /** Whether the real run has a network namespace per host (links and routes real), not one loopback. */
    public boolean namespaces() {
        return namespaces;
    }

    public List<Planned> processes() {
        return List.copyOf(processes);
    }

    /** Addresses that would leave loopback: a non-empty list means nothing may run. */
    public List<ScenarioError> refusals() {
        return refusals;
    }

    /** Ports the scenario writes; any other port is the kernel's choice and compared as {@code *}. */
    public Set<Integer> fixedPorts() {
        return fixedPorts;
    }

    /** Why step {@code line} of {@code process} cannot be compared, or null. */
    public String exclusion(String process, int line) {
        Map<Integer, String> m = excluded.get(process);
        return m == null ? null : m.get(line);
    }

    /** What this scenario has that loopback does not: listed in the report, not compared. */
    public List<String> notCompared() {
        return notCompared;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** Why the whole comparison is skipped (a port that needs privileges this run lacks), or null. */
    public String skip() {
        return skip;
    }

    // ---------------------------------------------------------------- the survey

    /** "host:port" of every UDP connect to a host (for the K4 warning). */
    private final Set<String> udpConnects = new LinkedHashSet<>();
    /** The scenario runs processes as more than one user: per-user rules cannot be reproduced. */
    private boolean manyUsers;
    private final Map<String, String> late = new LinkedHashMap<>();
    private ReuseportGroups groups;

    private void survey() {
        groups = new ReuseportGroups();
        surveyLinks();
        Map<String, Set<String>> portsByHost = new LinkedHashMap<>(); // "udp:7" -> hosts binding it
        Set<String> wildcardPorts = new LinkedHashSet<>();
        Set<String> users = new TreeSet<>();
        for (Planned p : processes) {
            users.add(p.user());
        }
        manyUsers = users.size() > 1;
        for (Planned p : processes) {
            if (p.mapped().steps() != null) {
                surveySteps(p, p.mapped().steps(), new HashMap<>(), new HashSet<>(), portsByHost, wildcardPorts);
            } else {
                surveyApp(p, p.mapped().app(), portsByHost, wildcardPorts);
            }
        }
        groups.resolve(map);
        for (String key : namespaces ? Set.<String>of() : wildcardPorts) { // a namespace per host: no shared loopback
            if (key.startsWith("udp:")) {
                for (String host : portsByHost.get(key)) {
                    if (udpConnects.contains(host + ":" + key.substring(4))) {
                        warnings.add("a UDP socket connects to " + host + " port " + key.substring(4) + ", which " + host
                                + " binds on 0.0.0.0: on loopback the replies come from 127.0.0.1 and the connected"
                                + " socket drops them (K4); the simulation sends them from " + host
                                + "'s address, so expect a divergence");
                    }
                }
            }
            Set<String> hosts = portsByHost.get(key);
            if (hosts != null && hosts.size() > 1) {
                warnings.add("hosts " + String.join(", ", hosts) + " all bind " + key + " and one binds 0.0.0.0: on one"
                        + " machine a wildcard binding covers every host's loopback address, so they may collide");
                for (Planned p : processes) {
                    if (hosts.contains(p.host())) {
                        markBinds(p, p.mapped().steps(), key);
                    }
                }
            }
        }
        if (users.size() > 1 || (!users.isEmpty() && !users.contains("root"))) {
            notCompared.add("users: the simulation runs processes as " + String.join(", ", users)
                    + "; the bridge runs every process as uid " + env.uid()
                    + " (per-user rules F1 and D1/C7 are not compared)");
        } else if (!env.isRoot()) {
            notCompared.add("users: the simulation runs every process as root; the bridge runs as uid " + env.uid());
        }
        notCompared.add("ephemeral port numbers: a port the scenario does not write is compared as '*'");
        notCompared.add("timing: starts, sleeps and timeouts run in real time scaled down; outcomes are compared,"
                + " not instants");
    }

    private void surveyLinks() {
        if (namespaces) {
            surveyRealLinks();
            return;
        }
        if (!sc.links().isEmpty()) {
            int lossy = 0;
            for (LinkSpec l : sc.links()) {
                if (l.params().loss() > 0) {
                    lossy++;
                }
            }
            notCompared.add("links: latency, bandwidth and queues of " + sc.links().size() + " link(s) do not exist on"
                    + " loopback" + (lossy > 0 ? "; " + lossy + " lossy link(s) lose packets only in the simulation" : ""));
        }
        List<String> routers = new ArrayList<>();
        for (HostSpec h : sc.hosts()) {
            if (h.forward()) {
                routers.add(h.name());
            }
        }
        if (!routers.isEmpty()) {
            notCompared.add("routing: " + String.join(", ", routers) + " forward(s) packets in the simulation; on"
                    + " loopback every host reaches every other directly (TTL, no-route and unreachable hosts)");
        }
    }

    /** A namespace per host: routing is real; what the kernel's links cannot do is said once the network is built. */
    private void surveyRealLinks() {
        for (LinkSpec l : sc.links()) {
            if (l.params().loss() > 0) {
                warnings.add("lossy links: the two runs lose different packets (the simulation by its seed, netem by chance):"
                        + " what was received is not compared where either lost any");
                break;
            }
        }
    }

    private void surveySteps(Planned p, List<Step> steps, Map<String, Step.SockType> types, Set<String> reuse,
            Map<String, Set<String>> portsByHost, Set<String> wildcardPorts) {
        for (Step s : steps) {
            if (s instanceof Step.Socket k) {
                types.put(k.name(), k.type());
                reuse.remove(k.name());
            } else if (s instanceof Step.Accept a) {
                types.put(a.as(), Step.SockType.STREAM);
            } else if (s instanceof Step.SetSockOpt o && o.reusePort() != null) {
                if (o.reusePort()) {
                    reuse.add(o.socket());
                } else {
                    reuse.remove(o.socket());
                }
            } else if (s instanceof Step.Bind b) {
                Endpoint e = PlanScan.literal(b.addr());
                if (e != null) {
                    String proto = types.get(b.socket()) == Step.SockType.DGRAM ? "udp" : "tcp";
                    bindPort(p, e, proto + ":" + e.port(), s.common().line(), portsByHost, wildcardPorts);
                    if (reuse.contains(b.socket()) && manyUsers && !(env.isRoot() && "root".equals(p.user()))) {
                        exclude(p.name(), s.common().line(), "user " + p.user() + ": SO_REUSEPORT shares a port only"
                                + " among sockets of one user (D1); the bridge runs every process as uid " + env.uid());
                    }
                    if (reuse.contains(b.socket()) && e.port() != 0) {
                        String at = e.ip().isWildcard() ? "*@" + p.host() : e.ip().toString();
                        // D3: a group is one user's sockets on exactly one address
                        groups.bound(p.name(), p.user(), proto, at, e.port());
                    }
                }
            } else if (s instanceof Step.SendTo t) {
                groups.talks(p.name(), types.get(t.socket()) == Step.SockType.STREAM ? "tcp" : "udp", PlanScan.literal(t.to()));
                port(t.to());
            } else if (s instanceof Step.Connect c) {
                groups.talks(p.name(), types.get(c.socket()) == Step.SockType.DGRAM ? "udp" : "tcp", PlanScan.literal(c.addr()));
                port(c.addr());
                Endpoint e = PlanScan.literal(c.addr());
                String host = e == null ? null : map.hostOfReal(e.ipv4());
                if (host != null && types.get(c.socket()) == Step.SockType.DGRAM) {
                    udpConnects.add(host + ":" + e.port());
                }
            } else if (s instanceof Step.Repeat r) {
                surveySteps(p, r.steps(), types, reuse, portsByHost, wildcardPorts);
            }
        }
    }

    private void surveyApp(Planned p, AppSpec a, Map<String, Set<String>> portsByHost, Set<String> wildcardPorts) {
        if (a.to() != null) {
            fixedPorts.add(a.to().port());
            groups.talks(p.name(), a.app().startsWith("udp") ? "udp" : "tcp", a.to());
        }
        if (a.port() > 0) {
            String key = (a.app().startsWith("udp") ? "udp:" : "tcp:") + a.port();
            bindPort(p, new Endpoint(Ipv4Address.ANY, a.port()), key, 0, portsByHost, wildcardPorts);
        }
    }

    private void bindPort(Planned p, Endpoint e, String key, int line, Map<String, Set<String>> portsByHost,
            Set<String> wildcardPorts) {
        int port = e.port();
        if (port == 0) {
            return;
        }
        fixedPorts.add(port);
        portsByHost.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(p.host());
        if (e.ip().isWildcard()) {
            wildcardPorts.add(key);
        }
        if (port >= 1024) {
            return;
        }
        boolean simRoot = "root".equals(p.user());
        if (simRoot && !env.mayBind(port)) {
            skip = "process " + p.name() + " binds port " + port + ", which needs root or CAP_NET_BIND_SERVICE (F1);"
                    + " this run has neither, so the comparison is skipped (run the bridge as root to compare)";
        } else if (!simRoot && env.mayBind(port) && line > 0) {
            exclude(p.name(), line, "user " + p.user() + " may not bind port " + port + " in the simulation (F1);"
                    + " the bridge runs as uid " + env.uid() + ", which may");
        }
    }

    private void markBinds(Planned p, List<Step> steps, String key) {
        if (steps == null) {
            return;
        }
        String port = key.substring(4);
        for (Step s : steps) {
            if (s instanceof Step.Bind b) {
                Endpoint e = PlanScan.literal(b.addr());
                if (e != null && Integer.toString(e.port()).equals(port)) {
                    exclude(p.name(), s.common().line(), "mapping: " + key + " is bound on several hosts and one"
                            + " binding is 0.0.0.0, which on one machine overlaps them all");
                }
            } else if (s instanceof Step.Repeat r) {
                markBinds(p, r.steps(), key);
            }
        }
    }

    /** The REUSEPORT group (two or more processes sharing a port) {@code process} belongs to, or null. */
    public String reuseportGroup(String process) {
        return groups.of(process);
    }

    /** The REUSEPORT group {@code process} talks to, whose member serving it is the kernel's hash choice (D4), or null. */
    public String servedByGroup(String process) {
        return groups.servedBy(process);
    }

    private void exclude(String process, int line, String why) {
        excluded.computeIfAbsent(process, k -> new HashMap<>()).putIfAbsent(line, why);
    }

    private void port(String addr) {
        Endpoint e = PlanScan.literal(addr);
        if (e != null && e.port() != 0) {
            fixedPorts.add(e.port());
        }
    }
}
