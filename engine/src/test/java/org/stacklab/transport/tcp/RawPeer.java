package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.sim.SimTime;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.SocketError;
import org.stacklab.transport.TransportContext;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.FourTuple;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * The per-state fixture: a host with a real stack ("local", 10.0.0.1) and a bare peer
 * (10.0.0.2:5678) that injects hand-made segments and records what comes back, one link of
 * 1 ms between them. Builders return a socket already in a given state.
 */
final class RawPeer {
    static final Ipv4Address LOCAL_IP = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address PEER_IP = Ipv4Address.parse("10.0.0.2");
    static final int PEER_PORT = 5678;
    static final int LOCAL_PORT = 80;
    /** Long enough for a segment to reach the socket and its answer to come back (2 ms plus serialization). */
    static final long RTT = 3 * SimTime.MS;
    /** The peer's initial sequence number. */
    static final long PEER_ISS = 1000;

    final Simulator sim = new Simulator(7);
    final Tracer tracer = new Tracer();
    final List<TraceEvent> events = new ArrayList<>();
    final Network net;
    final Host local;
    final Host peer;
    final HostStack stack;
    final List<TcpSegment> captured = new ArrayList<>();
    private int seen;

    RawPeer() {
        tracer.add(events::add);
        net = new Network(sim, tracer);
        local = net.addHost("local", List.of(LOCAL_IP), false);
        peer = net.addHost("peer", List.of(PEER_IP), false);
        net.link(local, peer, new LinkConfig(SimTime.MS, 10_000_000_000L, 0, 1000));
        stack = HostStack.install(local, new TransportContext(sim, tracer, 32768, 60999, 60 * SimTime.S));
        peer.register(Protocol.TCP, (h, p) -> {
            captured.add((TcpSegment) p.transport());
            h.delivered(p, null);
        });
    }

    /** Sends {@code s} from the peer's {@code srcPort} to port 80 and lets a round trip pass. */
    void injectFrom(int srcPort, Seg s) {
        seen = captured.size();
        peer.send(new IpPacket(PEER_IP, LOCAL_IP, 64, peer.nextIpId(), s.toSegment(srcPort, LOCAL_PORT)));
        sim.runUntil(sim.now() + RTT);
    }

    void inject(Seg s) {
        injectFrom(PEER_PORT, s);
    }

    /** Segments the local host sent since the last inject (or {@link #mark}). */
    List<TcpSegment> replies() {
        return captured.subList(seen, captured.size());
    }

    /** The one segment sent since the last inject. */
    TcpSegment reply() {
        assertEquals(1, replies().size(), () -> "replies: " + describe(replies()));
        return replies().get(0);
    }

    void noReply() {
        assertEquals(0, replies().size(), () -> "replies: " + describe(replies()));
    }

    void mark() {
        seen = captured.size();
    }

    void advance(long ns) {
        sim.runUntil(sim.now() + ns);
    }

    TcpSocket socket() {
        return TcpSocket.open(stack, "app", 0);
    }

    /** A socket listening on 10.0.0.1:80. */
    TcpSocket listener(int backlog) {
        TcpSocket s = socket();
        ok(s.bind(new Endpoint(LOCAL_IP, LOCAL_PORT)));
        ok(s.listen(backlog));
        return s;
    }

    /** The connection the stack holds with the peer at {@code peerPort}. */
    TcpSocket connection(int peerPort) {
        return (TcpSocket) stack.table(Protocol.TCP).connection(new FourTuple(new Endpoint(LOCAL_IP, LOCAL_PORT), new Endpoint(PEER_IP, peerPort)));
    }

    long drops(String reason) {
        return events.stream().filter(e -> e instanceof TraceEvent.PacketEvent p
                && p.action() == TraceEvent.PacketAction.DROP && reason.equals(p.reason())).count();
    }

    static void ok(SocketError e) {
        assertEquals(null, e);
    }

    static String describe(List<TcpSegment> segs) {
        StringBuilder sb = new StringBuilder();
        for (TcpSegment t : segs) {
            sb.append('[').append(TcpFlags.format(t.flags())).append(" seq ").append(t.seq()).append(" ack ")
                    .append(t.ack()).append(" win ").append(t.window()).append(" len ").append(t.data().length())
                    .append("] ");
        }
        return sb.toString();
    }
}
