package org.stacklab.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.Ipv4Address;

/**
 * The hosts and links of one run, the routing between them, and the packet accounting.
 *
 * <p>Lookups are hashed: an address finds its host in O(1), and a route is one array read
 * once the destination's shortest-path tree has been computed (lazily, once per destination).
 */
public final class Network {
    private final Simulator sim;
    private final Tracer tracer;
    private final List<Host> hosts = new ArrayList<>();
    private final Map<String, Host> byName = new HashMap<>();
    private final AddressMap byAddress = new AddressMap();
    private final List<Channel> channels = new ArrayList<>();
    private final PacketStats stats = new PacketStats();
    private Routing routing;
    /** Locally addressed packets sent but not yet received (they take no link). */
    long localPending;

    public Network(Simulator sim, Tracer tracer) {
        this.sim = sim;
        this.tracer = tracer;
    }

    public Simulator sim() {
        return sim;
    }

    public Tracer tracer() {
        return tracer;
    }

    public PacketStats stats() {
        return stats;
    }

    public List<Host> hosts() {
        return Collections.unmodifiableList(hosts);
    }

    public List<Channel> channels() {
        return Collections.unmodifiableList(channels);
    }

    public Host host(String name) {
        return byName.get(name);
    }

    /** The host owning {@code a} (not loopback), or null. */
    public Host hostOf(Ipv4Address a) {
        return byAddress.get(a.bits());
    }

    /**
     * Adds a host.
     *
     * @throws IllegalArgumentException if the name or an address is taken, or an address is
     *     the wildcard or in 127.0.0.0/8
     */
    public Host addHost(String name, List<Ipv4Address> addresses, boolean forward) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("duplicate host name '" + name + "'");
        }
        for (Ipv4Address a : addresses) {
            if (a.isWildcard() || a.isLoopback()) {
                throw new IllegalArgumentException("host " + name + " cannot own " + a + " (wildcard or loopback)");
            }
            Host other = byAddress.get(a.bits());
            if (other != null) {
                throw new IllegalArgumentException("address " + a + " of host " + name + " is already host " + other.name() + "'s");
            }
        }
        Host h = new Host(this, name, hosts.size(), addresses, forward);
        hosts.add(h);
        byName.put(name, h);
        for (Ipv4Address a : addresses) {
            byAddress.put(a.bits(), h);
        }
        routing = null;
        return h;
    }

    /** Joins two hosts with a full-duplex link: one {@link Channel} each way. */
    public void link(Host a, Host b, LinkConfig config) {
        if (a == b) {
            throw new IllegalArgumentException("a link needs two different hosts, got " + a.name() + " twice");
        }
        Channel ab = new Channel(this, a, b, config, channels.size());
        channels.add(ab);
        a.addOutgoing(ab);
        Channel ba = new Channel(this, b, a, config.reversed(), channels.size());
        channels.add(ba);
        b.addOutgoing(ba);
        routing = null;
    }

    /** The channel {@code from} sends on toward {@code dst}, or null when there is no route. */
    public Channel route(Host from, Ipv4Address dst) {
        Host target = byAddress.get(dst.bits());
        if (target == null || target == from) {
            return null;
        }
        Routing r = routing;
        if (r == null) {
            r = routing = new Routing(hosts, channels);
        }
        return r.next(from, target);
    }

    /** Packets addressed to their own host, not yet received, for the accounting check. */
    public long localPending() {
        return localPending;
    }

    /** Packets on links right now (queued or propagating), for the accounting check. */
    public long onLinks() {
        long n = 0;
        for (Channel c : channels) {
            n += c.inTransit();
        }
        return n;
    }
}
