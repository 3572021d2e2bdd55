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
    void sequenceNumbersWrapAroundInTheMiddleOfALossyTransfer() {
        TwoHosts n = new TwoHosts(51174, 0.05, false); // a seed whose client ISS lies 65071 below 2^32
        Bytes data = TwoHosts.data(200 * 1024);
        TcpSocket l = n.listen(80, 8);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        l.accept(-1, (e, child) -> n.drain(child, got, child::close));
        TcpSocket c = n.clientSocket();
        c.connect(SERVER_80, -1, (e, v) -> c.send(data, (e2, k) -> c.close()));
        long left = (1L << 32) - c.snd.iss;
        assertTrue(left > 0 && left < data.length(), "the seed no longer puts the ISS near the wrap: " + left);
        n.sim.runUntil(Transfers.LIMIT);
        assertArrayEquals(data.toArray(), got.toByteArray());
    }

    @Test
    void aConnectionOverLoopbackWorks() {
        TwoHosts n = new TwoHosts(1, 0, false);
        TcpSocket l = n.listen(80, 8);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        TcpSocket[] child = new TcpSocket[1];
        l.accept(-1, (e, s) -> {
            child[0] = s;
            n.drain(s, got, s::close);
        });
        TcpSocket c = n.serverSocket();
        c.connect(new Endpoint(Ipv4Address.LOOPBACK, 80), -1, (e, v) -> c.send(Bytes.of("over lo"), (e2, k) -> c.close()));
        n.runFor(SimTime.S);
        assertEquals("over lo", got.toString());
        assertEquals(new Endpoint(Ipv4Address.LOOPBACK, 80), child[0].local());
        assertEquals(Ipv4Address.LOOPBACK, child[0].remote().ip());
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
    void acceptAndRecvGiveEagainWhenTheirTimeoutPasses() {
        TwoHosts n = new TwoHosts(1, 0, false);
        TcpSocket l = n.listen(80, 8);
        TwoHosts.Result<TcpSocket> a = n.result();
        l.accept(50 * SimTime.MS, a.completion(n.sim));
        n.runFor(SimTime.S);
        assertEquals(SocketError.EAGAIN, a.error);
        assertEquals(50 * SimTime.MS, a.at);
        TcpSocket c = n.clientSocket();
        c.connect(SERVER_80, -1, (e, v) -> { });
        n.runFor(SimTime.S);
        TwoHosts.Result<Bytes> r = n.result();
        long start = n.sim.now();
        c.recv(100, 30 * SimTime.MS, r.completion(n.sim));
        n.runFor(SimTime.S);
        assertEquals(SocketError.EAGAIN, r.error);
        assertEquals(30 * SimTime.MS, r.at - start);
    }

    @Test
    void callsOnAnUnconnectedSocketFailAsOnLinux() {
        TwoHosts n = new TwoHosts(1, 0, false);
        TcpSocket s = n.clientSocket();
        TwoHosts.Result<Bytes> r = n.result();
        s.recv(10, -1, r.completion(n.sim));
        assertEquals(SocketError.ENOTCONN, r.error);
        TwoHosts.Result<Long> w = n.result();
        s.send(Bytes.of("x"), w.completion(n.sim));
        assertEquals(SocketError.EPIPE, w.error); // tcp_sendmsg -> sk_stream_wait_connect
        assertEquals(SocketError.ENOTCONN, s.shutdown("write"));
        TwoHosts.Result<TcpSocket> a = n.result();
        s.accept(-1, a.completion(n.sim));
        assertEquals(SocketError.EINVAL, a.error);
        TcpSocket l = n.listen(80, 8);
        TwoHosts.Result<Void> c = n.result();
        l.connect(SERVER_80, -1, c.completion(n.sim));
        assertEquals(SocketError.EISCONN, c.error);
        s.close();
        TwoHosts.Result<Bytes> closed = n.result();
        s.recv(10, -1, closed.completion(n.sim));
        assertEquals(SocketError.EBADF, closed.error);
    }

    @Test
    void noRouteGivesEnetunreach() {
        // R3 (docs/port-table.md), measured on Linux 6.18: connect with no route is ENETUNREACH.
        TwoHosts n = new TwoHosts(1, 0, false);
        TwoHosts.Result<Void> r = n.result();
        n.clientSocket().connect(new Endpoint(Ipv4Address.parse("10.9.9.9"), 80), -1, r.completion(n.sim));
        assertEquals(SocketError.ENETUNREACH, r.error);
    }

    @Test
    void aConnectTimeoutIsEinprogressAndTheHandshakeGoesOn() {
        // R1 (docs/port-table.md), measured on Linux 6.18: SO_SNDTIMEO on connect gives EINPROGRESS,
        // the SYN goes on from the same port, a second connect waits its own timeout then EALREADY.
        TwoHosts n = new TwoHosts(1, new LinkConfig(SimTime.MS, 1_000_000_000L, 1.0, 100), false);
        TwoHosts.Result<Void> r = n.result();
        TcpSocket c = n.clientSocket();
        c.connect(SERVER_80, 2500 * SimTime.MS, r.completion(n.sim));
        n.runFor(10 * SimTime.S);
        assertEquals(SocketError.EINPROGRESS, r.error);
        assertEquals(2500 * SimTime.MS, r.at);
        assertEquals(TcpState.SYN_SENT, c.state());
        int port = c.local().port();
        TwoHosts.Result<Void> again = n.result();
        c.connect(SERVER_80, 100 * SimTime.MS, again.completion(n.sim));
        n.runFor(SimTime.S);
        assertEquals(SocketError.EALREADY, again.error);
        assertEquals(port, c.local().port());
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
        TwoHosts.Result<Void> again = n.result();
        c.connect(SERVER_80, -1, again.completion(n.sim));
        assertEquals(SocketError.EISCONN, again.error); // a socket that was connected stays so for connect()
        assertEquals(SocketError.EINVAL, c.listen(4));
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
