package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.sim.SimTime;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.Sock;
import org.stacklab.transport.TransportContext;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/** One listener, many clients (docs/port-table.md G1-G4): a star of client hosts around a server. */
class TcpListenTest {
    static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.1");

    final Simulator sim = new Simulator(3);
    final Tracer tracer = new Tracer();
    final List<TraceEvent> events = new ArrayList<>();
    final Network net;
    final HostStack server;
    final List<HostStack> clients = new ArrayList<>();

    TcpListenTest() {
        tracer.add(events::add);
        net = new Network(sim, tracer);
        Host s = net.addHost("server", List.of(SERVER), false);
        TransportContext ctx = new TransportContext(sim, tracer, 32768, 60999, 60 * SimTime.S);
        server = HostStack.install(s, ctx);
        for (int i = 1; i <= 30; i++) {
            Host c = net.addHost("client" + i, List.of(Ipv4Address.parse("10.1.0." + i)), false);
            net.link(c, s, new LinkConfig(SimTime.MS, 100_000_000L, 0, 1000));
            clients.add(HostStack.install(c, ctx));
        }
    }

    TcpSocket listen(int backlog) {
        TcpSocket l = TcpSocket.open(server, "httpd", 0);
        TwoHosts.check(l.bind(new Endpoint(Ipv4Address.ANY, 80)));
        TwoHosts.check(l.listen(backlog));
        return l;
    }

    TwoHosts.Result<Void> connect(int client) {
        TwoHosts.Result<Void> r = new TwoHosts.Result<>();
        TcpSocket c = TcpSocket.open(clients.get(client), "client" + (client + 1), 0);
        c.connect(new Endpoint(SERVER, 80), -1, (e, v) -> {
            r.completion(sim).done(e, v);
            if (e == null) {
                c.send(Bytes.of("hello from " + (client + 1)), (e2, n) -> c.close());
            }
        });
        return r;
    }

    @Test
    void thirtyClientsOnOnePortEachGetTheirOwnConnection() {
        TcpSocket l = listen(64);
        List<TcpSocket> accepted = new ArrayList<>();
        List<String> received = new ArrayList<>();
        acceptForever(l, accepted, received);
        for (int i = 0; i < 30; i++) {
            connect(i);
        }
        sim.runUntil(10 * SimTime.S);
        assertEquals(30, accepted.size());
        Set<String> tuples = new HashSet<>();
        for (TcpSocket c : accepted) {
            assertEquals(new Endpoint(SERVER, 80), c.local());
            tuples.add(c.local() + " " + c.remote());
        }
        assertEquals(30, tuples.size()); // distinct 4-tuples
        assertEquals(30, new HashSet<>(received).size());
        long listeners = server.sockets().stream().filter(s -> s.stateName().equals("LISTEN")).count();
        assertEquals(1, listeners);
    }

    private void acceptForever(TcpSocket l, List<TcpSocket> accepted, List<String> received) {
        l.accept(-1, (e, c) -> {
            accepted.add(c);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            readAll(c, got, () -> received.add(got.toString()));
            acceptForever(l, accepted, received);
        });
    }

    private void readAll(TcpSocket c, ByteArrayOutputStream into, Runnable then) {
        c.recv(65536, -1, (e, d) -> {
            if (e != null || d.isEmpty()) {
                c.close();
                then.run();
                return;
            }
            into.writeBytes(d.toArray());
            readAll(c, into, then);
        });
    }

    @Test
    void aFullBacklogDropsTheSynSilentlyAndTheClientGetsInWhenAcceptMakesRoom() {
        TcpSocket l = listen(1); // G2: holds two
        TwoHosts.Result<Void> first = connect(0);
        TwoHosts.Result<Void> second = connect(1);
        sim.runUntil(100 * SimTime.MS);
        assertEquals(2, l.recvQueue());
        TwoHosts.Result<Void> third = connect(2);
        sim.runUntil(2500 * SimTime.MS);
        assertTrue(first.done && second.done);
        assertTrue(!third.done, "the third client is still waiting");
        long backlogDrops = events.stream().filter(e -> e instanceof TraceEvent.PacketEvent p
                && p.action() == TraceEvent.PacketAction.DROP && "backlog-full".equals(p.reason())).count();
        assertEquals(3, backlogDrops); // the SYN and its retransmissions at 1 s and 2 s (tcp_syn_linear_timeouts: 1 s apart)
        assertTrue(events.stream().noneMatch(e -> e instanceof TraceEvent.PacketEvent p && p.host().equals("server")
                && p.action() == TraceEvent.PacketAction.TX
                && ((org.stacklab.wire.TcpSegment) p.packet().transport()).has(org.stacklab.wire.TcpFlags.RST)));
        l.accept(-1, (e, c) -> { });
        sim.runUntil(5 * SimTime.S);
        assertNull(third.error);
        assertEquals(3100, third.at / SimTime.MS, 5); // the retransmission 3 s after the first SYN
    }

    @Test
    void closingTheListenerResetsConnectionsNotYetAccepted() {
        TcpSocket l = listen(8);
        TwoHosts.Result<Void> first = connect(0);
        sim.runUntil(100 * SimTime.MS);
        assertNull(first.error);
        Sock child = server.sockets().stream().filter(s -> s.stateName().equals("ESTAB")
                || s.stateName().equals("CLOSE-WAIT")).findFirst().get();
        l.close();
        sim.runUntil(200 * SimTime.MS);
        assertEquals("UNCONN", child.stateName());
        TwoHosts.Result<Void> late = connect(1);
        sim.runUntil(300 * SimTime.MS);
        assertEquals(org.stacklab.transport.SocketError.ECONNREFUSED, late.error); // G4: new SYNs get RST
    }
}
