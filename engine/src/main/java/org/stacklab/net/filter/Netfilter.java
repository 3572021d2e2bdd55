package org.stacklab.net.filter;

import org.stacklab.net.DropReason;
import org.stacklab.net.Host;
import org.stacklab.net.PacketFilter;
import org.stacklab.net.filter.FilterRule.Chain;
import org.stacklab.net.filter.FilterRule.CtState;
import org.stacklab.sim.SimRandom;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.Transport;

/**
 * Netfilter on one host, in the kernel's order (NF12, W-HOOKS): prerouting tracks the packet and
 * applies DNAT (and the reverse of SNAT to replies); then the input or forward chain; then
 * postrouting applies SNAT (and the reverse of DNAT); a new flow is confirmed last, which is where
 * a flow left without a free port is dropped (NF7). Locally sent packets take the output chain.
 */
public final class Netfilter implements PacketFilter {
    private final Host host;
    private final FilterConfig cfg;
    private final Conntrack ct = new Conntrack();
    private final Firewall firewall;
    private final SimRandom rnd;
    private final Tracer tracer;
    /** What prerouting found for the packet now between prerouting and input/forward. */
    private Ctx cur;

    /** What conntrack says about one packet; {@code flow} null: untracked. */
    private static final class Ctx {
        Flow flow;
        boolean reply;
        CtState state;
        boolean fresh;
        boolean fromSelf;
        boolean icmpError;
    }

    private Netfilter(Host host, FilterConfig cfg) {
        this.host = host;
        this.cfg = cfg;
        this.firewall = new Firewall(host, cfg);
        this.rnd = host.network().sim().random().fork();
        this.tracer = host.network().tracer();
    }

    /** Installs netfilter with {@code cfg} on {@code h}. */
    public static Netfilter install(Host h, FilterConfig cfg) {
        Netfilter nf = new Netfilter(h, cfg);
        h.install(nf);
        return nf;
    }

    public Conntrack conntrack() {
        return ct;
    }

    /** The conntrack table now, as a trace event. */
    public TraceEvent.ConntrackEvent table() {
        return new TraceEvent.ConntrackEvent(now(), host.name(), ct.rows(now()));
    }

    private long now() {
        return host.network().sim().now();
    }

    @Override
    public IpPacket prerouting(IpPacket p) {
        if (p.isIpv6()) {
            return p; // NAT and the firewall are IPv4 only (docs/nat-and-firewall.md)
        }
        if (host.isLocal(p.src())) {
            Ctx c = track(p, false); // tracked when it left (output); not a second time
            c.fromSelf = true;
            cur = c;
            return p;
        }
        Ctx c = track(p, true);
        if (c.fresh) {
            dnat(c.flow);
        }
        cur = c;
        return c.flow == null ? p : manipDestination(p, c);
    }

    @Override
    public IpPacket input(IpPacket p) {
        if (p.isIpv6()) {
            return p; // NAT and the firewall are IPv4 only (docs/nat-and-firewall.md)
        }
        Ctx c = take();
        if (!firewall.pass(Chain.INPUT, p, c.state)) {
            return null;
        }
        if (c.fromSelf || c.flow == null) {
            return p;
        }
        return finish(manipSource(p, c), c);
    }

    @Override
    public IpPacket forward(IpPacket p) {
        if (p.isIpv6()) {
            return p; // NAT and the firewall are IPv4 only (docs/nat-and-firewall.md)
        }
        Ctx c = take();
        if (!firewall.pass(Chain.FORWARD, p, c.state)) {
            return null;
        }
        if (c.flow == null) {
            return p;
        }
        if (c.fresh && !snat(c.flow)) {
            return noPort(p, c.flow);
        }
        return finish(manipSource(p, c), c);
    }

    @Override
    public IpPacket output(IpPacket p) {
        if (p.isIpv6()) {
            return p; // NAT and the firewall are IPv4 only (docs/nat-and-firewall.md)
        }
        Ctx c = track(p, true);
        if (!firewall.pass(Chain.OUTPUT, p, c.state)) {
            return null;
        }
        if (c.flow == null) {
            return p;
        }
        return finish(manipSource(manipDestination(p, c), c), c);
    }

    private Ctx take() {
        Ctx c = cur;
        cur = null;
        return c != null ? c : new Ctx();
    }

    /** Confirms a new flow: a clash (no free port was found) drops the packet (NF7). */
    private IpPacket finish(IpPacket p, Ctx c) {
        if (c.fresh && !ct.confirm(c.flow, now())) {
            return noPort(p, c.flow);
        }
        return p;
    }

    private IpPacket noPort(IpPacket p, Flow f) {
        host.drop(p, DropReason.NAT_NO_PORT, "no free port for " + f.orig + ": every port the NAT may give is"
                + " taken towards " + f.reply.source() + " (conntrack insert failed, NF7)");
        return null;
    }

    private Ctx track(IpPacket p, boolean update) {
        Ctx c = new Ctx();
        Transport t = p.transport();
        if (t instanceof IcmpMessage m) {
            if (m.quoted() != null && isError(m)) {
                Tuple inner = Tuple.of(m.quoted()).invert();
                Flow f = ct.lookup(inner, now());
                if (f != null) {
                    c.flow = f;
                    c.reply = inner.equals(f.reply);
                    c.state = CtState.RELATED; // K-CTICMP: an error about a tracked flow
                    c.icmpError = true;
                }
            }
            return c;
        }
        Tuple tu = Tuple.of(p);
        Flow f = ct.lookup(tu, now());
        if (f == null) {
            if (!update || (t instanceof TcpSegment s && s.has(TcpFlags.RST))) {
                return c; // a RST that matches nothing starts no flow (tcp_new: invalid)
            }
            f = ct.create(tu);
            c.fresh = true;
        } else {
            c.reply = tu.equals(f.reply) && !tu.equals(f.orig);
        }
        c.flow = f;
        c.state = f.seenReply || c.reply ? CtState.ESTABLISHED : CtState.NEW;
        if (update) {
            Conntrack.update(f, c.reply, t, now());
        }
        return c;
    }

    private static boolean isError(IcmpMessage m) {
        return m.type() == IcmpMessage.DEST_UNREACHABLE || m.type() == IcmpMessage.TIME_EXCEEDED;
    }

    /** The first DNAT rule for the flow's destination sets its reply source (NF8). */
    private void dnat(Flow f) {
        for (NatRule r : cfg.nat()) {
            if (r instanceof NatRule.Dnat d && d.proto() == f.proto() && d.at().equals(f.orig.dst())
                    && d.port() == f.orig.dport()) {
                f.reply = f.reply.withSource(d.to());
                f.dnat = !d.to().equals(f.orig.destination());
                return;
            }
        }
    }

    /**
     * The first SNAT or masquerade rule for the flow sets its reply destination (NF1-NF7), false when no port is free; its
     * destination is the one after DNAT, so a hairpin flow inside the LAN is not masqueraded (NF11).
     */
    private boolean snat(Flow f) {
        for (NatRule r : cfg.nat()) {
            if (r instanceof NatRule.Snat s && s.matches(f.orig.src(), f.reply.src())) {
                Endpoint e = SourcePorts.choose(ct, f, s, rnd, now());
                if (e == null) {
                    // get_unique_tuple leaves a clashing tuple: the confirm fails and the packet is dropped.
                    return false;
                }
                f.reply = f.reply.withDestination(e);
                f.snat = !e.equals(f.orig.source());
                return true;
            }
        }
        return true;
    }

    /** Prerouting/output: a reply's destination back to the SNATed source, a new flow's to its DNAT target. */
    private IpPacket manipDestination(IpPacket p, Ctx c) {
        if (!(c.reply ? c.flow.snat : c.flow.dnat)) {
            return p;
        }
        Tuple target = c.flow.target(c.reply);
        IpPacket q;
        Endpoint from;
        if (c.icmpError) {
            IpPacket inner = ((IcmpMessage) p.transport()).quoted();
            from = inner.srcEndpoint();
            q = Rewrite.icmpDestination(p, target.dst(), target.destination());
        } else {
            from = p.dstEndpoint();
            q = Rewrite.destination(p, target.destination());
        }
        return traced(c.reply ? "un-snat" : "dnat", from, target.destination(), p, q, c.flow);
    }

    /** Postrouting/input: a new flow's source to its SNAT mapping, a reply's source back to the DNATed address. */
    private IpPacket manipSource(IpPacket p, Ctx c) {
        if (!(c.reply ? c.flow.dnat : c.flow.snat)) {
            return p;
        }
        Tuple target = c.flow.target(c.reply);
        IpPacket q;
        Endpoint from;
        if (c.icmpError) {
            IpPacket inner = ((IcmpMessage) p.transport()).quoted();
            from = inner.dstEndpoint();
            q = Rewrite.icmpSource(p, target.src(), target.source());
        } else {
            from = p.srcEndpoint();
            q = Rewrite.source(p, target.source());
        }
        return traced(c.reply ? "un-dnat" : "snat", from, target.source(), p, q, c.flow);
    }

    private IpPacket traced(String type, Endpoint from, Endpoint to, IpPacket before, IpPacket after, Flow f) {
        if (before.equals(after)) {
            return before;
        }
        if (tracer.on()) {
            tracer.emit(new TraceEvent.NatEvent(now(), host.name(), type, from, to, Rewrite.text(before),
                    Rewrite.text(after), f.orig.toString(), before, after));
        }
        return after;
    }
}
