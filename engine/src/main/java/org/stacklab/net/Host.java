package org.stacklab.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv6Address;
import org.stacklab.wire.Protocol;

/**
 * A host: its IPv4 and IPv6 addresses (plus the whole of 127.0.0.0/8 and {@code ::1} on {@code lo}), its links, and its
 * IP layer: send, receive, forward when {@code forward} is set, deliver locally to the
 * {@link ProtocolHandler} registered for each protocol.
 */
public final class Host {
    private final Network net;
    private final String name;
    private final int index;
    private final IpAddress[] addresses;
    /** The IPv4 addresses as bits: isLocal runs for every packet and reads only this array. */
    private final int[] addressBits;
    private final Ipv6Address[] v6Addresses;
    private final boolean forward;
    private final List<Channel> outgoing = new ArrayList<>(2);
    /** By {@link Protocol#ordinal()}: three slots, not 256. */
    private final ProtocolHandler[] handlers = new ProtocolHandler[Protocol.values().length];
    private int nextIpId = 1;
    private Object stack;
    /** Netfilter's hooks (conntrack, NAT, firewall), or null on a host that has none. */
    private PacketFilter filter;

    Host(Network net, String name, int index, List<? extends IpAddress> addresses, boolean forward) {
        this.net = net;
        this.name = name;
        this.index = index;
        this.addresses = addresses.toArray(new IpAddress[0]);
        this.addressBits = addresses.stream().filter(a -> a instanceof Ipv4Address)
                .mapToInt(a -> ((Ipv4Address) a).bits()).toArray();
        this.v6Addresses = addresses.stream().filter(a -> a instanceof Ipv6Address).toArray(Ipv6Address[]::new);
        this.forward = forward;
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public Network network() {
        return net;
    }

    /** The host's own addresses of both families, in the scenario's order, not counting loopback. */
    public List<IpAddress> addresses() {
        return List.of(addresses);
    }

    /** The host's own IPv4 addresses, not counting loopback. */
    public List<Ipv4Address> ipv4Addresses() {
        List<Ipv4Address> l = new ArrayList<>(addressBits.length);
        for (int bits : addressBits) {
            l.add(new Ipv4Address(bits));
        }
        return l;
    }

    /** The host's own IPv6 addresses, not counting {@code ::1}. */
    public List<Ipv6Address> ipv6Addresses() {
        return List.of(v6Addresses);
    }

    public boolean forwards() {
        return forward;
    }

    public List<Channel> outgoing() {
        return Collections.unmodifiableList(outgoing);
    }

    void addOutgoing(Channel c) {
        outgoing.add(c);
    }

    /** Attaches the transport layer's per-host state (the network layer never looks inside). */
    public void attach(Object transportStack) {
        this.stack = transportStack;
    }

    public Object stack() {
        return stack;
    }

    /** Installs netfilter's hooks on this host. */
    public void install(PacketFilter f) {
        this.filter = f;
    }

    public PacketFilter filter() {
        return filter;
    }

    /** What became of a packet this host sent. */
    public enum Sent {
        /** On its way (or delivered locally). */
        OK,
        /** No route: nothing was sent (ENETUNREACH). */
        NO_ROUTE,
        /** The host's own output chain dropped or rejected it (EPERM, as nf_hook_slow returns). */
        FILTERED
    }

    public void register(Protocol p, ProtocolHandler h) {
        handlers[p.ordinal()] = h;
    }

    /**
     * True for 127.0.0.0/8, {@code ::1} and the host's own addresses. A v4-mapped address
     * ({@code ::ffff:a.b.c.d}) is local when its IPv4 address is: it names that address.
     */
    public boolean isLocal(IpAddress a) {
        if (a instanceof Ipv4Address v4) {
            return isLocal(v4);
        }
        Ipv6Address v6 = (Ipv6Address) a;
        if (v6.isIpv4Mapped()) {
            return isLocal(v6.mappedIpv4());
        }
        if (v6.isLoopback()) {
            return true;
        }
        for (Ipv6Address mine : v6Addresses) {
            if (mine.equals(v6)) {
                return true;
            }
        }
        return false;
    }

    /** True for 127.0.0.0/8 and for the host's own IPv4 addresses: the per-packet fast path. */
    public boolean isLocal(Ipv4Address a) {
        int bits = a.bits();
        if ((bits >>> 24) == 127) {
            return true;
        }
        for (int mine : addressBits) {
            if (mine == bits) {
                return true;
            }
        }
        return false;
    }

    /**
     * The source address for a packet to {@code dst} (docs/port-table.md H2): for 127.0.0.0/8,
     * 127.0.0.1; for one of our own addresses, that address; otherwise the host's first address.
     * Null when {@code dst} is unreachable.
     */
    public Ipv4Address sourceFor(Ipv4Address dst) {
        if (dst.isLoopback()) {
            return Ipv4Address.LOOPBACK;
        }
        if (isLocal(dst)) {
            return dst;
        }
        if (net.route(this, dst) == null) {
            return null;
        }
        return addressBits.length > 0 ? new Ipv4Address(addressBits[0]) : null;
    }

    /**
     * H2 for both families: an IPv6 destination gets {@code ::1} for {@code ::1}, itself when
     * local, else the host's first IPv6 address (null when it has none or no route); a v4-mapped
     * destination gets the mapped form of its IPv4 source.
     */
    public IpAddress sourceFor(IpAddress dst) {
        if (dst instanceof Ipv4Address v4) {
            return sourceFor(v4);
        }
        Ipv6Address v6 = (Ipv6Address) dst;
        if (v6.isIpv4Mapped()) {
            Ipv4Address src = sourceFor(v6.mappedIpv4());
            return src == null ? null : Ipv6Address.mapped(src);
        }
        if (v6.isLoopback()) {
            return Ipv6Address.LOOPBACK;
        }
        if (isLocal(v6)) {
            return v6;
        }
        if (net.route(this, v6) == null) {
            return null;
        }
        return v6Addresses.length > 0 ? v6Addresses[0] : null;
    }

    /**
     * Whether {@code src} may be the source of a packet to {@code dst}: a 127.0.0.0/8 source
     * never leaves the host (Linux's {@code __mkroute_output} answers EINVAL).
     */
    public boolean validSource(IpAddress src, IpAddress dst) {
        return !src.isLoopback() || isLocal(dst);
    }

    /** Whether a packet to {@code dst} can leave this host (always true for local destinations). */
    public boolean canReach(IpAddress dst) {
        return isLocal(dst) || net.route(this, dst) != null;
    }

    /** A fresh IP identification value. */
    public int nextIpId() {
        int id = nextIpId;
        nextIpId = (nextIpId + 1) & 0xFFFF;
        return id;
    }

    /**
     * Sends a packet this host originates. Returns false, having sent nothing, when there is no
     * route (the caller reports ENETUNREACH).
     */
    public boolean send(IpPacket p) {
        return send(p, false);
    }

    /** Sends, marking the trace event as a TCP retransmission when {@code retransmit}. */
    public boolean send(IpPacket p, boolean retransmit) {
        return sendStatus(p, retransmit) != Sent.NO_ROUTE;
    }

    /** Sends as {@link #send(IpPacket, boolean)} does, telling a filtered packet from a sent one. */
    public Sent sendStatus(IpPacket p, boolean retransmit) {
        Channel out = null;
        boolean local = isLocal(p.dst());
        if (!local) {
            out = net.route(this, p.dst());
            if (out == null) {
                return Sent.NO_ROUTE;
            }
        }
        net.stats().countSent();
        trace(PacketAction.TX, p, retransmit);
        if (filter != null) {
            IpPacket passed = filter.output(p);
            if (passed == null) {
                return Sent.FILTERED;
            }
            p = passed;
        }
        deliverOrEnqueue(p, local, out);
        return Sent.OK;
    }

    private void deliverOrEnqueue(IpPacket p, boolean local, Channel out) {
        if (local) {
            // Never touches a link: delivered by the IP layer of this host, after the caller returns.
            net.localPending++;
            net.sim().schedule(0, () -> {
                net.localPending--;
                receive(p);
            });
        } else {
            out.enqueue(p);
        }
    }

    /** A packet arrived from a link (or from this host itself). */
    void receive(IpPacket p) {
        trace(PacketAction.RX, p, false);
        if (filter != null) {
            p = filter.prerouting(p);
            if (p == null) {
                return;
            }
        }
        if (isLocal(p.dst())) {
            if (filter != null) {
                p = filter.input(p);
                if (p == null) {
                    return;
                }
            }
            ProtocolHandler h = handlers[p.protocol().ordinal()];
            if (h == null) {
                drop(p, DropReason.NO_PROTOCOL, "no handler for " + p.protocol().label());
                return;
            }
            h.receive(this, p);
            return;
        }
        forward(p);
    }

    private void forward(IpPacket p) {
        if (!forward) {
            drop(p, DropReason.NOT_FORWARDING, name + " does not forward (forward: false)");
            return;
        }
        // RFC 8200 section 3: the hop limit is decremented by each node that forwards, as IPv4's TTL.
        int ttl = p.ttl() - 1;
        if (ttl <= 0) {
            drop(p, DropReason.TTL, (p.isIpv6() ? "hop limit" : "TTL") + " expired at " + name);
            sendIcmp(p, IcmpMessage.timeExceeded(p));
            return;
        }
        Channel out = net.route(this, p.dst());
        if (out == null) {
            drop(p, DropReason.NO_ROUTE, name + " has no route to " + p.dst());
            return;
        }
        IpPacket next = p.withTtl(ttl);
        if (filter != null) {
            next = filter.forward(next);
            if (next == null) {
                return;
            }
        }
        net.stats().countForwarded();
        trace(PacketAction.FORWARD, next, false);
        out.enqueue(next);
    }

    /**
     * Sends an ICMP error about {@code cause} back to its source, from this host's address that
     * the cause was sent to (or its first address). Never an ICMP error about an ICMP error.
     */
    public void sendIcmp(IpPacket cause, IcmpMessage msg) {
        if (cause.protocol().isIcmp()) {
            return;
        }
        IpAddress src = isLocal(cause.dst()) ? cause.dst() : sourceFor(cause.src());
        if (src == null) {
            return;
        }
        send(new IpPacket(src, cause.src(), IpPacket.DEFAULT_TTL, nextIpId(), msg));
    }

    /** Ends a packet here with a reason (traced as {@code drop}). */
    public void drop(IpPacket p, DropReason reason, String detail) {
        net.stats().countDropped(reason);
        Tracer t = net.tracer();
        if (t.on()) {
            t.emit(new TraceEvent.PacketEvent(net.sim().now(), name, PacketAction.DROP, p, false, null,
                    reason.label(), detail));
        }
    }

    /** Ends a packet here, delivered to a socket or consumed by the stack (traced as {@code deliver}). */
    public void delivered(IpPacket p, TraceEvent.Delivery how) {
        net.stats().countDelivered();
        Tracer t = net.tracer();
        if (t.on()) {
            t.emit(new TraceEvent.PacketEvent(net.sim().now(), name, PacketAction.DELIVER, p, false, how, null, null));
        }
    }

    private void trace(PacketAction a, IpPacket p, boolean retransmit) {
        Tracer t = net.tracer();
        if (t.on()) {
            t.emit(new TraceEvent.PacketEvent(net.sim().now(), name, a, p, retransmit, null, null, null));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
