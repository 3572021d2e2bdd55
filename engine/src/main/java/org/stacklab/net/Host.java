package org.stacklab.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv4Packet;
import org.stacklab.wire.Protocol;

/**
 * A host: its IPv4 addresses (plus the whole of 127.0.0.0/8 on {@code lo}), its links, and its
 * IP layer: send, receive, forward when {@code forward} is set, deliver locally to the
 * {@link ProtocolHandler} registered for each protocol.
 */
public final class Host {
    private final Network net;
    private final String name;
    private final int index;
    private final Ipv4Address[] addresses;
    /** The same addresses as bits: isLocal runs for every packet and reads only this array. */
    private final int[] addressBits;
    private final boolean forward;
    private final List<Channel> outgoing = new ArrayList<>(2);
    /** By {@link Protocol#ordinal()}: three slots, not 256. */
    private final ProtocolHandler[] handlers = new ProtocolHandler[Protocol.values().length];
    private int nextIpId = 1;
    private Object stack;
    /** Netfilter's hooks (conntrack, NAT, firewall), or null on a host that has none. */
    private PacketFilter filter;

    Host(Network net, String name, int index, List<Ipv4Address> addresses, boolean forward) {
        this.net = net;
        this.name = name;
        this.index = index;
        this.addresses = addresses.toArray(new Ipv4Address[0]);
        this.addressBits = new int[this.addresses.length];
        for (int i = 0; i < this.addresses.length; i++) {
            addressBits[i] = this.addresses[i].bits();
        }
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

    /** The host's own addresses, not counting loopback. */
    public List<Ipv4Address> addresses() {
        return List.of(addresses);
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

    /** True for 127.0.0.0/8 and for the host's own addresses. */
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
        return addresses.length > 0 ? addresses[0] : null;
    }

    /**
     * Whether {@code src} may be the source of a packet to {@code dst}: a 127.0.0.0/8 source
     * never leaves the host (Linux's {@code __mkroute_output} answers EINVAL).
     */
    public boolean validSource(Ipv4Address src, Ipv4Address dst) {
        return !src.isLoopback() || isLocal(dst);
    }

    /** Whether a packet to {@code dst} can leave this host (always true for local destinations). */
    public boolean canReach(Ipv4Address dst) {
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
    public boolean send(Ipv4Packet p) {
        return send(p, false);
    }

    /** Sends, marking the trace event as a TCP retransmission when {@code retransmit}. */
    public boolean send(Ipv4Packet p, boolean retransmit) {
        return sendStatus(p, retransmit) != Sent.NO_ROUTE;
    }

    /** Sends as {@link #send(Ipv4Packet, boolean)} does, telling a filtered packet from a sent one. */
    public Sent sendStatus(Ipv4Packet p, boolean retransmit) {
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
            Ipv4Packet passed = filter.output(p);
            if (passed == null) {
                return Sent.FILTERED;
            }
            p = passed;
        }
        deliverOrEnqueue(p, local, out);
        return Sent.OK;
    }

    private void deliverOrEnqueue(Ipv4Packet p, boolean local, Channel out) {
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
    void receive(Ipv4Packet p) {
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

    private void forward(Ipv4Packet p) {
        if (!forward) {
            drop(p, DropReason.NOT_FORWARDING, name + " does not forward (forward: false)");
            return;
        }
        int ttl = p.ttl() - 1;
        if (ttl <= 0) {
            drop(p, DropReason.TTL, "TTL expired at " + name);
            sendIcmp(p, IcmpMessage.timeExceeded(p));
            return;
        }
        Channel out = net.route(this, p.dst());
        if (out == null) {
            drop(p, DropReason.NO_ROUTE, name + " has no route to " + p.dst());
            return;
        }
        Ipv4Packet next = p.withTtl(ttl);
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
    public void sendIcmp(Ipv4Packet cause, IcmpMessage msg) {
        if (cause.protocol() == Protocol.ICMP) {
            return;
        }
        Ipv4Address src = isLocal(cause.dst()) ? cause.dst() : sourceFor(cause.src());
        if (src == null) {
            return;
        }
        send(new Ipv4Packet(src, cause.src(), Ipv4Packet.DEFAULT_TTL, nextIpId(), msg));
    }

    /** Ends a packet here with a reason (traced as {@code drop}). */
    public void drop(Ipv4Packet p, DropReason reason, String detail) {
        net.stats().countDropped(reason);
        Tracer t = net.tracer();
        if (t.on()) {
            t.emit(new TraceEvent.PacketEvent(net.sim().now(), name, PacketAction.DROP, p, false, null,
                    reason.label(), detail));
        }
    }

    /** Ends a packet here, delivered to a socket or consumed by the stack (traced as {@code deliver}). */
    public void delivered(Ipv4Packet p, TraceEvent.Delivery how) {
        net.stats().countDelivered();
        Tracer t = net.tracer();
        if (t.on()) {
            t.emit(new TraceEvent.PacketEvent(net.sim().now(), name, PacketAction.DELIVER, p, false, how, null, null));
        }
    }

    private void trace(PacketAction a, Ipv4Packet p, boolean retransmit) {
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
