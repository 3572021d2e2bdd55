package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.wire.TcpFlags.ACK;
import static org.stacklab.wire.TcpFlags.FIN;
import static org.stacklab.wire.TcpFlags.RST;
import static org.stacklab.wire.TcpFlags.SYN;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.SimTime;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.TcpSegment;

/** RFC 9293 3.10.7.4 in the closing states: FIN-WAIT-1/2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT. */
class TcpClosingStatesTest {
    RawPeer w;

    @BeforeEach
    void wire() {
        w = new RawPeer();
    }

    Bytes read(TcpSocket s) {
        TwoHosts.Result<Bytes> r = new TwoHosts.Result<>();
        s.recv(65536, 0, r.completion(w.sim));
        w.advance(1);
        assertNull(r.error);
        return r.value;
    }

    @Nested
    class InFinWait1 {
        Conn c;

        @BeforeEach
        void close() {
            c = Conn.finWait1(w);
        }

        @Test
        void theAckOfOurFinMovesToFinWait2() {
            w.inject(c.ack());
            w.noReply();
            assertEquals(TcpState.FIN_WAIT_2, c.sock.state());
        }

        @Test
        void aFinThatAlsoAcksOurFinMovesToTimeWait() {
            c.peerFin();
            assertEquals(ACK, w.reply().flags());
            assertEquals(c.peerNxt, w.reply().ack());
            assertEquals(TcpState.TIME_WAIT, c.sock.state());
        }

        @Test
        void dataForTheClosedSocketIsAnsweredWithRst() {
            w.inject(c.ack().withData("too late"));
            TcpSegment r = w.reply();
            assertEquals(RST, r.flags());
            assertEquals(c.localNxt, r.seq());
            assertEquals(TcpState.CLOSED, c.sock.state());
            assertEquals(1, w.drops("socket-closed"));
        }

        @Test
        void anUnacknowledgedFinIsRetransmitted() {
            w.mark();
            w.advance(210 * SimTime.MS);
            assertEquals(FIN | ACK, w.reply().flags());
            assertEquals(c.localNxt - 1, w.reply().seq());
        }
    }

    @Nested
    class ZeroWindowClose {
        @Test
        void theFinWaitsForAClosedWindowProbesItAndFollowsTheUpdate() {
            Conn c = Conn.established(w);
            w.inject(c.ack().withWindow(0));
            w.mark();
            c.sock.close();
            w.advance(RawPeer.RTT);
            w.noReply();
            assertEquals(TcpState.FIN_WAIT_1, c.sock.state());
            w.advance(210 * SimTime.MS); // the RTO: SRTT + 200 ms
            assertEquals(c.localNxt - 1, w.reply().seq()); // the zero-window probe
            w.inject(c.ack().withWindow(65535));
            assertEquals(FIN | ACK, w.reply().flags());
        }
    }

    @Nested
    class InFinWait2 {
        Conn c;

        @BeforeEach
        void close() {
            c = Conn.finWait2(w);
        }

        @Test
        void theFinMovesToTimeWaitAndIsAcknowledged() {
            c.peerFin();
            assertEquals(c.peerNxt, w.reply().ack());
            assertEquals(TcpState.TIME_WAIT, c.sock.state());
        }

        @Test
        void anOrphanGivesUpAfterTcpFinTimeout() {
            w.advance(59 * SimTime.S);
            assertEquals(TcpState.FIN_WAIT_2, c.sock.state());
            w.advance(2 * SimTime.S);
            assertEquals(TcpState.CLOSED, c.sock.state());
        }
    }

    @Nested
    class HalfClosed {
        @Test
        void afterShutdownWriteDataStillArrivesAndReadsToTheEnd() {
            Conn c = Conn.established(w);
            w.mark();
            assertNull(c.sock.shutdown("write"));
            w.advance(RawPeer.RTT);
            assertEquals(FIN | ACK, w.reply().flags());
            c.localNxt++;
            w.inject(c.ack());
            assertEquals(TcpState.FIN_WAIT_2, c.sock.state());
            c.peerSends("reply");
            assertEquals("reply", read(c.sock).text());
            c.peerFin();
            assertEquals(TcpState.TIME_WAIT, c.sock.state());
            assertTrue(read(c.sock).isEmpty());
            TwoHosts.Result<Long> sent = new TwoHosts.Result<>();
            c.sock.send(Bytes.of("x"), sent.completion(w.sim));
            assertEquals(SocketError.EPIPE, sent.error);
        }
    }

    @Nested
    class InCloseWait {
        Conn c;

        @BeforeEach
        void peerClosed() {
            c = Conn.closeWait(w);
        }

        @Test
        void recvSeesTheEndOfStreamAndSendStillWorks() {
            assertTrue(read(c.sock).isEmpty());
            assertEquals("more", c.appSends("more").get(0).data().text());
        }

        @Test
        void closeSendsOurFinAndMovesToLastAck() {
            c.closeAndExpectFin();
            assertEquals(TcpState.LAST_ACK, c.sock.state());
        }

        @Test
        void anRstGivesEpipeAsLinuxDoesInCloseWait() {
            w.inject(Seg.ack(c.peerNxt, 0).withFlags(RST));
            TwoHosts.Result<Long> sent = new TwoHosts.Result<>();
            c.sock.send(Bytes.of("x"), sent.completion(w.sim));
            assertEquals(SocketError.EPIPE, sent.error);
        }
    }

    @Nested
    class InClosing {
        @Test
        void theAckOfOurFinMovesToTimeWait() {
            Conn c = Conn.closing(w);
            assertEquals(c.peerNxt, w.reply().ack()); // the crossing FIN was acknowledged
            w.inject(c.ack());
            assertEquals(TcpState.TIME_WAIT, c.sock.state());
        }
    }

    @Nested
    class InLastAck {
        @Test
        void theAckOfOurFinClosesAndFreesTheConnection() {
            Conn c = Conn.lastAck(w);
            w.inject(c.ack());
            w.noReply();
            assertEquals(TcpState.CLOSED, c.sock.state());
            assertNull(w.connection(RawPeer.PEER_PORT));
        }
    }

    @Nested
    class InTimeWait {
        Conn c;

        @BeforeEach
        void bothClosed() {
            c = Conn.timeWait(w);
        }

        @Test
        void aRetransmittedFinIsAcknowledgedAgain() {
            w.inject(Seg.ack(c.peerNxt - 1, c.localNxt).plus(FIN));
            assertEquals(c.peerNxt, w.reply().ack());
            assertEquals(TcpState.TIME_WAIT, c.sock.state());
        }

        @Test
        void itHoldsThePortThenExpiresAfterTimeWait() {
            TcpSocket other = w.socket();
            assertEquals(SocketError.EADDRINUSE, other.bind(new Endpoint(RawPeer.LOCAL_IP, 80))); // C4, L2
            w.advance(60 * SimTime.S);
            assertEquals(TcpState.CLOSED, c.sock.state());
            assertNull(other.bind(new Endpoint(RawPeer.LOCAL_IP, 80)));
        }

        @Test
        void aSynWithNoListenerIsAnsweredWithAnAck() {
            w.inject(Seg.syn(c.peerNxt + 100_000));
            TcpSegment r = w.reply();
            assertEquals(ACK, r.flags());
            assertEquals(c.peerNxt, r.ack());
            assertEquals(TcpState.TIME_WAIT, c.sock.state());
        }

        @Test
        void anRstEndsIt() {
            w.inject(Seg.ack(c.peerNxt, 0).withFlags(RST));
            assertEquals(TcpState.CLOSED, c.sock.state());
        }
    }

    @Nested
    class ServerTimeWait {
        @Test
        void anAcceptableSynEndsTheTimeWaitAndReachesTheListener() {
            Conn c = Conn.passiveEstablished(w);
            c.closeAndExpectFin();
            w.inject(c.ack());
            c.peerFin();
            assertEquals(TcpState.TIME_WAIT, c.sock.state());
            w.inject(Seg.syn(c.peerNxt + 100_000)); // I4: newer sequence number, listener present
            assertEquals(SYN | ACK, w.reply().flags());
            assertEquals(TcpState.CLOSED, c.sock.state());
            assertEquals(TcpState.SYN_RECEIVED, w.connection(RawPeer.PEER_PORT).state());
        }
    }

    @Nested
    class Closed {
        @Test
        void aSegmentForAPortWithoutSocketGetsRst() {
            w.inject(Seg.ack(5, 99).withData("anyone?"));
            assertEquals(RST, w.reply().flags());
            assertEquals(99, w.reply().seq());
        }
    }
}
