package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.stacklab.net.LinkConfig;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.TcpFlags;

/** Two real stacks talking: transfers under loss, and the Linux behaviours of issue 5's "done when". */
class TcpEndToEndTest {
    static final Endpoint SERVER_80 = new Endpoint(TwoHosts.SERVER_IP, 80);

    @Test
    void twoHundredKibCrossAFivePercentLossPathWholeAndInOrder() {
        TwoHosts n = new TwoHosts(42, 0.05, true);
        Bytes data = TwoHosts.data(200 * 1024);
        ByteArrayOutputStream got = Transfers.bulk(n, data);
        assertArrayEquals(data.toArray(), got.toByteArray());
        assertTrue(n.net.stats().dropped(org.stacklab.net.DropReason.LOSS) > 0);
        assertTrue(n.events.stream().anyMatch(e -> e instanceof TraceEvent.PacketEvent p && p.retransmit()));
        assertEquals(0, n.net.stats().inFlight()); // every packet ended delivered or dropped
    }

    @Test
    void aRefusedConnectionGetsEconnrefusedAfterOneRoundTrip() {
        TwoHosts n = new TwoHosts(1, 0, true);
        TwoHosts.Result<Void> r = n.result();
        n.clientSocket().connect(new Endpoint(TwoHosts.SERVER_IP, 81), -1, r.completion(n.sim));
        n.runFor(SimTime.S);
        assertEquals(SocketError.ECONNREFUSED, r.error);
        assertTrue(r.at < 3 * SimTime.MS);
    }

    @Test
    void noRouteGivesEhostunreach() {
        TwoHosts n = new TwoHosts(1, 0, false);
        TwoHosts.Result<Void> r = n.result();
        n.clientSocket().connect(new Endpoint(Ipv4Address.parse("10.9.9.9"), 80), -1, r.completion(n.sim));
        assertEquals(SocketError.EHOSTUNREACH, r.error);
    }

    @Test
    void aConnectTimeoutEndsTheAttemptWithEtimedout() {
        TwoHosts n = new TwoHosts(1, new LinkConfig(SimTime.MS, 1_000_000_000L, 1.0, 100), false);
        TwoHosts.Result<Void> r = n.result();
        TcpSocket c = n.clientSocket();
        c.connect(SERVER_80, 2500 * SimTime.MS, r.completion(n.sim));
        n.runFor(10 * SimTime.S);
        assertEquals(SocketError.ETIMEDOUT, r.error);
        assertEquals(2500 * SimTime.MS, r.at);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(0, c.local().port()); // the autobound port was released
    }

    @Test
    void closingWithUnreadDataResetsThePeerWhichSeesEconnresetThenEpipe() {
        TwoHosts n = new TwoHosts(1, 0, true);
        TcpSocket l = n.listen(80, 8);
        l.accept(-1, (e, child) -> n.sim.schedule(10 * SimTime.MS, child::close)); // never reads
        TcpSocket c = n.clientSocket();
        c.connect(SERVER_80, -1, (e, v) -> c.send(Bytes.of("hello?"), (e2, k) -> { }));
        n.runFor(100 * SimTime.MS);
        assertEquals(TcpState.CLOSED, c.state());
        TwoHosts.Result<Bytes> r = n.result();
        c.recv(100, -1, r.completion(n.sim));
        assertEquals(SocketError.ECONNRESET, r.error);
        TwoHosts.Result<Long> s = n.result();
        c.send(Bytes.of("again"), s.completion(n.sim));
        assertEquals(SocketError.EPIPE, s.error);
    }

    @Test
    void dataToASocketTheServerClosedIsAnsweredWithRstAndTheNextSendGetsEpipe() {
        TwoHosts n = new TwoHosts(1, 0, true);
        TcpSocket l = n.listen(80, 8);
        l.accept(-1, (e, child) -> child.close()); // FIN at once
        TcpSocket c = n.clientSocket();
        TwoHosts.Result<Long> first = n.result();
        c.connect(SERVER_80, -1, (e, v) -> n.sim.schedule(20 * SimTime.MS,
                () -> c.send(Bytes.of("are you there?"), first.completion(n.sim))));
        n.runFor(100 * SimTime.MS);
        assertNull(first.error); // the data left; the closed server answered it with RST
        assertEquals(TcpState.CLOSED, c.state());
        assertTrue(n.events.stream().anyMatch(e -> e instanceof TraceEvent.PacketEvent p
                && p.host().equals("server") && p.action() == TraceEvent.PacketAction.TX
                && ((org.stacklab.wire.TcpSegment) p.packet().transport()).has(TcpFlags.RST)));
        // The client was in CLOSE-WAIT (the server's FIN came first): Linux's tcp_reset gives EPIPE there.
        TwoHosts.Result<Long> second = n.result();
        c.send(Bytes.of("hello?"), second.completion(n.sim));
        assertEquals(SocketError.EPIPE, second.error);
        TwoHosts.Result<Bytes> r = n.result();
        c.recv(100, -1, r.completion(n.sim));
        assertTrue(r.value.isEmpty()); // the FIN had arrived: end of stream
    }

    @Test
    void dataToAConnectionTheServerNoLongerHasGetsRstAndEconnreset() {
        TwoHosts n = new TwoHosts(1, 0, true);
        TcpSocket l = n.listen(80, 8);
        TcpSocket[] child = new TcpSocket[1];
        l.accept(-1, (e, s) -> child[0] = s);
        TcpSocket c = n.clientSocket();
        c.connect(SERVER_80, -1, (e, v) -> { });
        n.runFor(100 * SimTime.MS);
        n.serverStack.forget(child[0]); // the server lost the connection (a reboot, say): K1 answers
        TwoHosts.Result<Long> first = n.result();
        c.send(Bytes.of("still there?"), first.completion(n.sim));
        n.runFor(100 * SimTime.MS);
        assertNull(first.error);
        assertEquals(TcpState.CLOSED, c.state());
        TwoHosts.Result<Bytes> r = n.result();
        c.recv(100, -1, r.completion(n.sim));
        assertEquals(SocketError.ECONNRESET, r.error);
        TwoHosts.Result<Long> second = n.result();
        c.send(Bytes.of("hello?"), second.completion(n.sim));
        assertEquals(SocketError.EPIPE, second.error);
    }

    @Test
    void timeWaitOnTheServerHoldsPort80UntilItExpires() {
        TwoHosts n = new TwoHosts(1, 0, true);
        TcpSocket l = n.listen(80, 8);
        l.accept(-1, (e, child) -> child.close()); // the server closes first: its side gets TIME-WAIT (L2)
        TcpSocket c = n.clientSocket();
        c.connect(SERVER_80, -1, (e, v) -> n.drain(c, new ByteArrayOutputStream(), c::close));
        n.runFor(SimTime.S);
        l.close();
        assertEquals(1, n.serverStack.sockets().stream().filter(s -> s.stateName().equals("TIME-WAIT")).count());
        TcpSocket again = n.serverSocket();
        assertEquals(SocketError.EADDRINUSE, again.bind(new Endpoint(Ipv4Address.ANY, 80))); // C4: no SO_REUSEADDR
        n.runFor(TwoHosts.TIME_WAIT);
        assertNull(again.bind(new Endpoint(Ipv4Address.ANY, 80)));
    }

    @Test
    void aSimultaneousCloseLeavesBothSidesInTimeWait() {
        TwoHosts n = new TwoHosts(1, 0, true);
        TcpSocket l = n.listen(80, 8);
        TcpSocket[] server = new TcpSocket[1];
        l.accept(-1, (e, child) -> server[0] = child);
        TcpSocket c = n.clientSocket();
        c.connect(SERVER_80, -1, (e, v) -> { });
        n.runFor(SimTime.S);
        c.close();
        server[0].close();
        n.runFor(SimTime.S);
        assertEquals(TcpState.TIME_WAIT, c.state());
        assertEquals(TcpState.TIME_WAIT, server[0].state());
        assertTrue(n.events.stream().anyMatch(e -> e instanceof TraceEvent.StateEvent s && s.to().equals("CLOSING")));
    }

    @Test
    void aSimultaneousOpenEstablishesBothSockets() {
        TwoHosts n = new TwoHosts(1, 0, true);
        TcpSocket a = n.serverSocket();
        TcpSocket b = n.clientSocket();
        TwoHosts.check(a.bind(new Endpoint(TwoHosts.SERVER_IP, 5000)));
        TwoHosts.check(b.bind(new Endpoint(TwoHosts.CLIENT_IP, 6000)));
        TwoHosts.Result<Void> ra = n.result();
        TwoHosts.Result<Void> rb = n.result();
        a.connect(new Endpoint(TwoHosts.CLIENT_IP, 6000), -1, ra.completion(n.sim));
        b.connect(new Endpoint(TwoHosts.SERVER_IP, 5000), -1, rb.completion(n.sim));
        n.runFor(SimTime.S);
        assertTrue(ra.done && rb.done);
        assertNull(ra.error);
        assertNull(rb.error);
        assertEquals(TcpState.ESTABLISHED, a.state());
        assertEquals(TcpState.ESTABLISHED, b.state());
    }

    @Test
    void aSynMeetingATimeWaitWithoutListenerIsRefusedWithinMilliseconds() {
        TwoHosts n = new TwoHosts(1, 0, true);
        TcpSocket l = n.listen(80, 8);
        l.accept(-1, (e, child) -> child.close());
        TcpSocket c = n.clientSocket();
        TwoHosts.check(c.bind(new Endpoint(TwoHosts.CLIENT_IP, 40000)));
        c.connect(SERVER_80, -1, (e, v) -> n.drain(c, new ByteArrayOutputStream(), c::close));
        n.runFor(SimTime.S);
        l.close(); // the server's TIME-WAIT stays, no listener (I4)
        TcpSocket again = n.clientSocket();
        TwoHosts.check(again.bind(new Endpoint(TwoHosts.CLIENT_IP, 40000)));
        TwoHosts.Result<Void> r = n.result();
        long start = n.sim.now();
        again.connect(SERVER_80, -1, r.completion(n.sim));
        n.runFor(SimTime.S);
        assertEquals(SocketError.ECONNREFUSED, r.error);
        assertTrue(r.at - start < 20 * SimTime.MS, "refused after " + (r.at - start) + " ns");
    }
}
