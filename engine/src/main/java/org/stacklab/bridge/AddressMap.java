package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * Gives each simulated host its own loopback address (127.0.0.2, 127.0.0.3, ... in the order of
 * the file, group members in order) and rewrites scenario addresses through it. The wildcard and
 * every 127.x address stay as written; an address of no host is refused, because on a real
 * machine it would leave loopback.
 *
 * <p>A host with several addresses gets one loopback address for each, in order, so that bindings
 * on its different addresses stay apart (B3) and a specific listener still beats the wildcard
 * one only for its own address (I2).
 */
public final class AddressMap {
    /** The first address handed out: 127.0.0.1 is the machine's own, shared by every host. */
    public static final Ipv4Address DEFAULT_BASE = Ipv4Address.parse("127.0.0.2");

    /** One host: its simulated addresses and the loopback addresses that stand for them, one each. */
    public record HostEntry(String name, List<Ipv4Address> simAddresses, List<Ipv4Address> loopbacks) {
        /** The loopback address for the host's first address: its source for sending (H2). */
        public Ipv4Address loopback() {
            return loopbacks.get(0);
        }
    }

    /** An address the bridge will not use: it belongs to no host and is not loopback. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, HostEntry> byName = new LinkedHashMap<>();
    private final Map<Ipv4Address, HostEntry> bySim = new HashMap<>();
    private final Map<Ipv4Address, HostEntry> byReal = new HashMap<>();
    private final Map<Ipv4Address, Ipv4Address> simToReal = new HashMap<>();
    private final Map<Ipv4Address, Ipv4Address> realToSim = new HashMap<>();

    /** A map in which every host keeps its own addresses (a network namespace per host): nothing is refused. */
    private boolean identity;

    private AddressMap() {}

    /**
     * Each host keeps the addresses it has in the scenario (a namespace per host, where they are
     * real): every address translates to itself, and none is refused (a namespace network
     * reaches nothing outside the run, so an address of no host gets the kernel's own answer).
     */
    public static AddressMap identity(Map<String, List<Ipv4Address>> hosts) {
        AddressMap m = new AddressMap();
        m.identity = true;
        for (Map.Entry<String, List<Ipv4Address>> h : hosts.entrySet()) {
            HostEntry e = new HostEntry(h.getKey(), List.copyOf(h.getValue()), List.copyOf(h.getValue()));
            m.byName.put(e.name(), e);
            for (Ipv4Address a : e.simAddresses()) {
                m.bySim.putIfAbsent(a, e);
                m.byReal.putIfAbsent(a, e);
                m.simToReal.putIfAbsent(a, a);
                m.realToSim.putIfAbsent(a, a);
            }
        }
        return m;
    }

    /** Whether every host keeps its own addresses ({@link #identity}). */
    public boolean isIdentity() {
        return identity;
    }

    /**
     * Maps hosts given as (name, addresses) in order, handing out loopback addresses from
     * {@code base} upwards and skipping 127.0.0.1, addresses ending in .0 or .255, and any in
     * {@code avoid} (127.x addresses the scenario uses literally).
     */
    public static AddressMap of(Map<String, List<Ipv4Address>> hosts, Ipv4Address base, Collection<Ipv4Address> avoid) {
        if (!base.isLoopback()) {
            throw new IllegalArgumentException("the loopback base must be in 127.0.0.0/8, not " + base);
        }
        AddressMap m = new AddressMap();
        Set<Ipv4Address> skip = Set.copyOf(avoid);
        Ipv4Address next = base;
        for (Map.Entry<String, List<Ipv4Address>> h : hosts.entrySet()) {
            List<Ipv4Address> loops = new ArrayList<>();
            for (int i = 0; i < Math.max(1, h.getValue().size()); i++) {
                next = usable(next, skip);
                loops.add(next);
                next = next.plus(1);
            }
            HostEntry e = new HostEntry(h.getKey(), List.copyOf(h.getValue()), List.copyOf(loops));
            m.byName.put(e.name(), e);
            for (int i = 0; i < loops.size(); i++) {
                m.byReal.put(loops.get(i), e);
                if (i < e.simAddresses().size()) {
                    Ipv4Address sim = e.simAddresses().get(i);
                    m.bySim.putIfAbsent(sim, e);
                    m.simToReal.putIfAbsent(sim, loops.get(i));
                    m.realToSim.put(loops.get(i), sim);
                }
            }
        }
        return m;
    }

    private static Ipv4Address usable(Ipv4Address a, Set<Ipv4Address> skip) {
        Ipv4Address x = a;
        while ((x.bits() & 0xFF) == 0 || (x.bits() & 0xFF) == 255 || x.equals(Ipv4Address.LOOPBACK) || skip.contains(x)) {
            x = x.plus(1);
        }
        if (!x.isLoopback() || x.bits() == 0x7FFFFFFF) {
            throw new IllegalArgumentException("more hosts than loopback addresses from the base");
        }
        return x;
    }

    public List<HostEntry> hosts() {
        return List.copyOf(byName.values());
    }

    public HostEntry host(String name) {
        return byName.get(name);
    }

    /** The loopback address standing for host {@code name}. */
    public Ipv4Address loopbackOf(String name) {
        HostEntry e = byName.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no host " + name);
        }
        return e.loopback();
    }

    /** The host owning simulated address {@code a}, or null. */
    public String hostOfSim(Ipv4Address a) {
        HostEntry e = bySim.get(a);
        return e == null ? null : e.name();
    }

    /** The host a real (loopback) address stands for, or null (127.0.0.1, the wildcard, ...). */
    public String hostOfReal(Ipv4Address a) {
        HostEntry e = byReal.get(a);
        return e == null ? null : e.name();
    }

    /** A scenario address on the real machine: 0.0.0.0 and 127.x stay, a host's address becomes its loopback one. */
    public Ipv4Address toReal(Ipv4Address sim) throws Refused {
        Ipv4Address real = simToReal.get(sim);
        if (real != null) {
            return real;
        }
        if (sim.isWildcard() || sim.isLoopback() || identity) {
            return sim;
        }
        throw new Refused("address " + sim + " belongs to no host of the scenario; on this machine it would leave"
                + " loopback, and the bridge only uses 127.0.0.0/8");
    }

    public Endpoint toReal(Endpoint sim) throws Refused {
        return sim.withIp(toReal(sim.ipv4()));
    }

    /** A real address back in the scenario's terms: a host's loopback address becomes the address it stands for. */
    public Ipv4Address toSim(Ipv4Address real) {
        return realToSim.getOrDefault(real, real);
    }

    public Endpoint toSim(Endpoint real) {
        return real == null ? null : real.withIp(toSim(real.ipv4()));
    }

    /** Whether {@code real} is another host's loopback address than {@code host}'s (F2: not local to it). */
    public boolean belongsToOtherHost(Ipv4Address real, String host) {
        HostEntry e = byReal.get(real);
        return e != null && !e.name().equals(host);
    }

    /** The mapping, one line per host: {@code web  192.168.1.5 -> 127.0.0.2}. */
    public List<String> describe() {
        int w = 4;
        for (HostEntry e : byName.values()) {
            w = Math.max(w, e.name().length());
        }
        List<String> out = new ArrayList<>();
        for (HostEntry e : byName.values()) {
            if (identity) {
                out.add(String.format(Locale.ROOT, "%-" + w + "s  %s", e.name(), e.simAddresses().stream().map(Object::toString)
                        .reduce((x, y) -> x + ", " + y).orElse("-")));
                continue;
            }
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < e.loopbacks().size(); i++) {
                String sim = i < e.simAddresses().size() ? e.simAddresses().get(i).toString() : "-";
                pairs.add(String.format(Locale.ROOT, "%-15s -> %s", sim, e.loopbacks().get(i)));
            }
            out.add(String.format(Locale.ROOT, "%-" + w + "s  %s", e.name(), String.join(", ", pairs)));
        }
        return out;
    }

    /** The hard rule: nothing outside 127.0.0.0/8 (the wildcard only as a local binding). */
    public static boolean isLoopback(Ipv4Address a) {
        return a.isLoopback();
    }
}
