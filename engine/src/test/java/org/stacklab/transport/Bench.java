package org.stacklab.transport;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.FourTuple;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv6Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.UdpDatagram;

/**
 * A tiny real network for port-table tests: host {@code h} (10.0.0.1, 10.0.0.2, 2001:db8::1, and
 * 127.0.0.0/8 and ::1 on lo) linked to host {@code peer} (10.0.0.9, 2001:db8::9), each with its
 * transport stack installed.
 * Sockets are {@link TestSock}s on {@code h}; packets go through the real IP layer and demux.
 */
final class Bench {
    static final Ipv4Address H1 = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address H2 = Ipv4Address.parse("10.0.0.2");
    static final Ipv4Address PEER = Ipv4Address.parse("10.0.0.9");
    static final Ipv6Address H6 = Ipv6Address.parse("2001:db8::1");
    static final Ipv6Address PEER6 = Ipv6Address.parse("2001:db8::9");

    final Simulator sim;
    final List<TraceEvent> events = new ArrayList<>();
    final Network net;
    final Host host;
    final Host peer;
    final TransportContext ctx;
    final HostStack stack;
    final HostStack peerStack;

    /** Seed 1, the default range 32768-60999, traced. */
    Bench() {
        this(1, 32768, 60999, true);
    }

    Bench(long seed, int low, int high, boolean traced) {
        sim = new Simulator(seed);
        Tracer tracer = Tracer.off();
        if (traced) {
            tracer.add(events::add);
        }
        net = new Network(sim, tracer);
        host = net.addHost("h", List.of(H1, H2, H6), false);
        peer = net.addHost("peer", List.of(PEER, PEER6), false);
        net.link(host, peer, new LinkConfig(1_000_000, 1_000_000_000L, 0, 1000));
        ctx = new TransportContext(sim, tracer, low, high, 60_000_000_000L);
        stack = HostStack.install(host, ctx);
        peerStack = HostStack.install(peer, ctx);
    }

    TestSock open(Protocol p, String name, String user) {
        return new TestSock(stack, p, name, ctx.uidOf(user));
    }

    PortTable table(Sock s) {
        return stack.table(s.protocol());
    }

    SocketError bind(Sock s, Endpoint local) {
        return table(s).bind(s, local);
    }

    SocketError listen(Sock s) {
        return table(s).listen(s);
    }

    /** connect(): the source is the bound address, or the route's (H2), as the sockets compute it. */
    SocketError connect(Sock s, Endpoint to) {
        SocketError family = s.familyError(to); // M7, M13
        if (family != null) {
            return family;
        }
        Endpoint wire = to.withIp(AddressSets.wire(to.ip())); // M10: a v4-mapped peer is IPv4 on the wire
        org.stacklab.wire.IpAddress src = s.isBound() && !s.localIp().isWildcard() ? s.localIp() : host.sourceFor(wire.ip());
        return s.protocol() == Protocol.TCP ? table(s).connectTcp(s, wire, src) : table(s).connectUdp(s, wire, src);
    }

    void close(Sock s) {
        stack.forget(s);
    }

    /** An accepted connection on {@code listener}: a SYN from {@code from} to {@code to} (A3, I3). */
    TestSock accept(String name, Sock listener, Endpoint from, Endpoint to) {
        TestSock child = open(Protocol.TCP, name, "root");
        table(listener).addChild(child, listener, new FourTuple(to, from));
        return child;
    }

    /** What became of one packet at the host it was addressed to. */
    record Arrival(PacketEvent event, Sock receiver) {
        boolean delivered() {
            return event.action() == PacketAction.DELIVER;
        }

        String rule() {
            return event.delivery() == null ? null : event.delivery().rule();
        }
    }

    /** A TCP segment with {@code flags} from {@code from} to {@code to}, sent and followed to its end. */
    Arrival tcp(int flags, Endpoint from, Endpoint to) {
        return send(new TcpSegment(from.port(), to.port(), 1000, flags == TcpFlags.SYN ? 0 : 1, flags, 65535, 0, Bytes.EMPTY), from, to);
    }

    Arrival udp(Endpoint from, Endpoint to) {
        return send(new UdpDatagram(from.port(), to.port(), Bytes.of("x")), from, to);
    }

    private Arrival send(org.stacklab.wire.Transport t, Endpoint from, Endpoint to) {
        IpPacket p = new IpPacket(from.ip(), to.ip(), IpPacket.DEFAULT_TTL, 1, t);
        Host sender = host.isLocal(from.ip()) ? host : peer;
        Host receiver = sender.isLocal(to.ip()) ? sender : sender == host ? peer : host;
        int start = events.size();
        if (!sender.send(p)) {
            throw new IllegalStateException("no route for " + p);
        }
        sim.run();
        for (int i = start; i < events.size(); i++) {
            if (events.get(i) instanceof PacketEvent e && e.packet() == p && e.host().equals(receiver.name())
                    && (e.action() == PacketAction.DELIVER || e.action() == PacketAction.DROP)) {
                return new Arrival(e, e.delivery() == null ? null : socket(receiver, e.delivery().socket()));
            }
        }
        throw new IllegalStateException("packet not accounted for: " + p);
    }

    private static Sock socket(Host h, int id) {
        for (Sock s : HostStack.of(h).sockets()) {
            if (s.id() == id) {
                return s;
            }
        }
        return null;
    }
}
