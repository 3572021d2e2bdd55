package org.stacklab.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv6Address;

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
    /** IPv6 addresses to host: looked up with the packet's own address record, so no allocation. */
    private final Map<IpAddress, Host> byV6Address = new HashMap<>();
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
    public Host hostOf(IpAddress a) {
        if (a instanceof Ipv4Address v4) {
            return byAddress.get(v4.bits());
        }
        return byV6Address.get(a);
    }

    /**
     * Adds a host.
     *
     * @throws IllegalArgumentException if the name or an address is taken, or an address is
     *     the wildcard or in 127.0.0.0/8
     */
    public Host addHost(String name, List<? extends IpAddress> addresses, boolean forward) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("duplicate host name '" + name + "'");
        }
        for (IpAddress a : addresses) {
            if (a.isWildcard() || a.isLoopback()) {
                throw new IllegalArgumentException("host " + name + " cannot own " + a + " (wildcard or loopback)");
            }
            if (a instanceof Ipv6Address v6 && v6.isIpv4Mapped()) {
                throw new IllegalArgumentException("host " + name + " cannot own " + a + " (a v4-mapped address)");
            }
            Host other = hostOf(a);
            if (other != null) {
                throw new IllegalArgumentException("address " + a + " of host " + name + " is already host " + other.name() + "'s");
            }
        }
        Host h = new Host(this, name, hosts.size(), addresses, forward);
        hosts.add(h);
        byName.put(name, h);
        for (IpAddress a : addresses) {
            if (a instanceof Ipv4Address v4) {
                byAddress.put(v4.bits(), h);
            } else {
                byV6Address.put(a, h);
            }
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
    public Channel route(Host from, IpAddress dst) {
        Host target = dst instanceof Ipv6Address v6 && v6.isIpv4Mapped() ? hostOf(v6.mappedIpv4()) : hostOf(dst);
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
