package org.stacklab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.transport.udp.UdpSocket;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;

/** K2, K3: a datagram nobody takes comes back as ICMP; only a connected sender hears of it, once. */
class IcmpErrorTest {
    private final Bench bench = new Bench();
    private final Endpoint nobody = new Endpoint(Bench.PEER, 9);

    @Test
    void connectedSenderGetsEconnrefusedOnceOnItsNextSend() { // [UD12, UD14, C06]
        UdpSocket u = UdpSocket.open(bench.stack, "client", 0);
        assertNull(u.connect(nobody));
        assertNull(u.send(Bytes.of("one")));
        bench.sim.run();
        assertEquals(SocketError.ECONNREFUSED, u.send(Bytes.of("two")));
        assertNull(u.send(Bytes.of("three")));
    }

    @Test
    void connectedReceiverGetsEconnrefusedFromRecv() { // [UD15]
        UdpSocket u = UdpSocket.open(bench.stack, "client", 0);
        assertNull(u.connect(nobody));
        List<SocketError> results = new ArrayList<>();
        u.recv(-1, (e, d) -> results.add(e));
        assertNull(u.send(Bytes.of("one")));
        bench.sim.run();
        assertEquals(List.of(SocketError.ECONNREFUSED), results);
    }

    @Test
    void unconnectedSenderNeverHearsOfIt() { // [UD13]
        UdpSocket u = UdpSocket.open(bench.stack, "client", 0);
        assertNull(u.sendTo(nobody, Bytes.of("one")));
        bench.sim.run();
        assertNull(u.sendTo(nobody, Bytes.of("two")));
        List<SocketError> results = new ArrayList<>();
        u.recv(1_000_000_000L, (e, d) -> results.add(e));
        bench.sim.run();
        assertEquals(List.of(SocketError.EAGAIN), results);
    }

    @Test
    void theTraceNamesTheSocketTheErrorIsFor() {
        UdpSocket u = UdpSocket.open(bench.stack, "client", 0);
        assertNull(u.connect(nobody));
        assertNull(u.send(Bytes.of("one")));
        bench.sim.run();
        PacketEvent icmp = bench.events.stream()
                .filter(e -> e instanceof PacketEvent p && p.action() == PacketAction.DELIVER && p.packet().protocol() == Protocol.ICMP)
                .map(e -> (PacketEvent) e).findFirst().orElseThrow();
        assertEquals(Rule.ICMP_ERROR.label(), icmp.delivery().rule());
        assertEquals(u.id(), icmp.delivery().socket());
        assertTrue(icmp.delivery().explanation().endsWith("(connected: the error is reported, K3)"), icmp.delivery().explanation());
    }
}
