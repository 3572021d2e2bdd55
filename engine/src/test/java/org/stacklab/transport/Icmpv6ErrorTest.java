package org.stacklab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.udp.UdpSocket;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Protocol;

/**
 * K2, K3 over IPv6: a datagram nobody takes is answered with ICMPv6 destination unreachable, port
 * unreachable (RFC 4443 type 1, code 4), and a connected AF_INET6 sender hears it as ECONNREFUSED,
 * once, as over IPv4 (docs/port-table.md M12). Measured on Linux 6.18 in a fresh network namespace
 * (Python, AF_INET6 UDP to an unbound port of ::1, 50 ms later): connected, recv gives ECONNREFUSED
 * and the next send succeeds; connected, send gives ECONNREFUSED and the next send succeeds;
 * unconnected, a non-blocking recv gives EAGAIN.
 */
class Icmpv6ErrorTest {
    private final Simulator sim = new Simulator(1);
    private final List<TraceEvent> events = new ArrayList<>();
    private final HostStack stack;
    private final Endpoint nobody = Endpoint.parse("[2001:db8::9]:9");

    Icmpv6ErrorTest() {
        Tracer tracer = new Tracer();
        tracer.add(events::add);
        Network net = new Network(sim, tracer);
        Host h = net.addHost("h", List.of(IpAddress.parse("10.0.0.1"), IpAddress.parse("2001:db8::1")), false);
        Host peer = net.addHost("peer", List.of(IpAddress.parse("2001:db8::9")), false);
        net.link(h, peer, new LinkConfig(1_000_000, 1_000_000_000L, 0, 1000));
        TransportContext ctx = new TransportContext(sim, tracer, 32768, 60999, 60_000_000_000L);
        stack = HostStack.install(h, ctx);
        HostStack.install(peer, ctx);
    }

    private UdpSocket inet6() {
        UdpSocket u = UdpSocket.open(stack, "client", 0);
        u.setFamily(Family.INET6);
        return u;
    }

    @Test
    void connectedReceiverGetsEconnrefusedFromIcmpv6PortUnreachable() {
        UdpSocket u = inet6();
        assertNull(u.connect(nobody));
        List<SocketError> results = new ArrayList<>();
        u.recv(-1, (e, d) -> results.add(e));
        assertNull(u.send(Bytes.of("one")));
        sim.run();
        assertEquals(List.of(SocketError.ECONNREFUSED), results);
        PacketEvent icmp = events.stream()
                .filter(e -> e instanceof PacketEvent p && p.action() == PacketAction.DELIVER && p.packet().protocol() == Protocol.ICMPV6)
                .map(e -> (PacketEvent) e).findFirst().orElseThrow();
        IcmpMessage m = (IcmpMessage) icmp.packet().transport();
        assertEquals(IcmpMessage.V6_DEST_UNREACHABLE, m.type());
        assertEquals(IcmpMessage.V6_CODE_PORT_UNREACHABLE, m.code());
        assertEquals(u.id(), icmp.delivery().socket());
        assertTrue(icmp.delivery().explanation().startsWith("ICMPv6 udp port 9 unreachable"), icmp.delivery().explanation());
    }

    @Test
    void connectedSenderGetsEconnrefusedOnceOnItsNextSend() {
        UdpSocket u = inet6();
        assertNull(u.connect(nobody));
        assertNull(u.send(Bytes.of("one")));
        sim.run();
        assertEquals(SocketError.ECONNREFUSED, u.send(Bytes.of("two")));
        assertNull(u.send(Bytes.of("three")));
    }

    @Test
    void unconnectedSenderNeverHearsOfIt() {
        UdpSocket u = inet6();
        assertNull(u.sendTo(nobody, Bytes.of("one")));
        sim.run();
        List<SocketError> results = new ArrayList<>();
        u.recv(1_000_000_000L, (e, d) -> results.add(e));
        sim.run();
        assertEquals(List.of(SocketError.EAGAIN), results);
    }
}
