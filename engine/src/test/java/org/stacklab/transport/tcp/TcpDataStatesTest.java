package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.wire.TcpFlags.ACK;
import static org.stacklab.wire.TcpFlags.FIN;
import static org.stacklab.wire.TcpFlags.PSH;
import static org.stacklab.wire.TcpFlags.RST;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.TcpSegment;

/** RFC 9293 3.10.7.4 in ESTABLISHED: data, acknowledgments, windows, retransmission, resets. */
class TcpDataStatesTest {
    RawPeer w;
    Conn c;

    @BeforeEach
    void established() {
        w = new RawPeer();
        c = Conn.established(w);
    }

    Bytes read() {
        TwoHosts.Result<Bytes> r = new TwoHosts.Result<>();
        c.sock.recv(65536, 0, r.completion(w.sim));
        w.advance(1);
        return r.value;
    }

    SocketError readError() {
        TwoHosts.Result<Bytes> r = new TwoHosts.Result<>();
        c.sock.recv(65536, 0, r.completion(w.sim));
        return r.error;
    }

    SocketError sendError() {
        TwoHosts.Result<Long> r = new TwoHosts.Result<>();
        c.sock.send(Bytes.of("x"), r.completion(w.sim));
        return r.error;
    }

    @Nested
    class Receiving {
        @Test
        void inOrderDataIsAcknowledgedAndReadable() {
            c.peerSends("hello");
            TcpSegment r = w.reply();
            assertEquals(ACK, r.flags());
            assertEquals(c.peerNxt, r.ack());
            assertEquals("hello", read().text());
        }

        @Test
        void afterTheQuickAckStartASmallSegmentWaitsForTheDelayedAckTimer() {
            for (int i = 0; i < ReceiveSide.QUICK_ACKS; i++) {
                c.peerSends("q");
                w.reply();
            }
            c.peerSends("late");
            w.noReply();
            w.mark();
            w.advance(40 * SimTime.MS);
            assertEquals(c.peerNxt, w.reply().ack());
        }

        @Test
        void afterTheQuickAckStartEverySecondFullSegmentIsAcknowledgedAtOnce() {
            for (int i = 0; i < ReceiveSide.QUICK_ACKS; i++) {
                c.peerSends("q");
            }
            c.peerSends("a".repeat(1460));
            w.noReply();
            c.peerSends("b".repeat(1460));
            assertEquals(c.peerNxt, w.reply().ack());
        }

        @Test
        void outOfOrderDataGetsADuplicateAckAndWaitsForTheHole() {
            long start = c.peerNxt;
            w.inject(Seg.ack(start + 5, c.localNxt).withData("world"));
            assertEquals(start, w.reply().ack());
            w.inject(Seg.ack(start, c.localNxt).withData("hello"));
            assertEquals(start + 10, w.reply().ack());
            assertEquals("helloworld", read().text());
        }

        @Test
        void outOfOrderDataAndFinAcrossTheSequenceWrapAreReassembled() {
            RawPeer w2 = new RawPeer();
            Conn c2 = Conn.established(w2, 0xFFFF_FFF0L); // RCV.NXT = 2^32 - 15
            long start = c2.peerNxt;
            w2.inject(Seg.ack((start + 20) & 0xFFFFFFFFL, c2.localNxt).withData("-after-wrap").plus(FIN));
            assertEquals(start, w2.reply().ack()); // hole at the front: duplicate ACK
            assertEquals(TcpState.ESTABLISHED, c2.sock.state());
            w2.inject(Seg.ack(start, c2.localNxt).withData("twenty bytes, before"));
            assertEquals((start + 20 + 11 + 1) & 0xFFFFFFFFL, w2.reply().ack()); // data, data, FIN
            assertEquals(TcpState.CLOSE_WAIT, c2.sock.state());
            TwoHosts.Result<Bytes> r = new TwoHosts.Result<>();
            c2.sock.recv(100, 0, r.completion(w2.sim));
            assertEquals("twenty bytes, before-after-wrap", r.value.text());
        }

        @Test
        void anOldDuplicateIsAnsweredWithAnAck() {
            c.peerSends("hello");
            w.inject(Seg.ack(c.peerNxt - 5, c.localNxt).withData("hello"));
            assertEquals(c.peerNxt, w.reply().ack());
            assertEquals(1, w.drops("not-acceptable"));
            assertEquals("hello", read().text());
        }

        @Test
        void aSegmentBeyondTheWindowIsAnsweredWithAnAck() {
            w.inject(Seg.ack(c.peerNxt + 70_000, c.localNxt).withData("far"));
            assertEquals(c.peerNxt, w.reply().ack());
        }

        @Test
        void aSegmentWithoutAckIsDropped() {
            w.inject(Seg.ack(c.peerNxt, 0).withFlags(PSH).withData("noack"));
            w.noReply();
            assertEquals(SocketError.EAGAIN, readError() == null ? SocketError.EAGAIN : readError());
        }

        @Test
        void aSynGetsAChallengeAck() {
            w.inject(Seg.syn(c.peerNxt));
            assertEquals(ACK, w.reply().flags());
            assertEquals(TcpState.ESTABLISHED, c.sock.state());
        }
    }

    @Nested
    class Resets {
        @Test
        void rstAtRcvNxtGivesEconnresetOnceThenEndOfStreamAndEpipe() {
            w.inject(Seg.ack(c.peerNxt, 0).withFlags(RST));
            w.noReply();
            assertEquals(TcpState.CLOSED, c.sock.state());
            assertEquals(SocketError.ECONNRESET, readError());
            assertTrue(read().isEmpty());
            assertEquals(SocketError.EPIPE, sendError());
        }

        @Test
        void afterRstTheFirstSendGetsEconnresetTheNextEpipe() {
            w.inject(Seg.ack(c.peerNxt, 0).withFlags(RST));
            assertEquals(SocketError.ECONNRESET, sendError());
            assertEquals(SocketError.EPIPE, sendError());
        }

        @Test
        void dataReceivedBeforeTheRstIsStillReadFirst() {
            c.peerSends("last words");
            w.inject(Seg.ack(c.peerNxt, 0).withFlags(RST));
            assertEquals("last words", read().text());
            assertEquals(SocketError.ECONNRESET, readError());
        }

        @Test
        void rstInTheWindowButNotAtRcvNxtGetsAChallengeAck() {
            w.inject(Seg.ack(c.peerNxt + 100, 0).withFlags(RST));
            assertEquals(ACK, w.reply().flags());
            assertEquals(TcpState.ESTABLISHED, c.sock.state());
        }

        @Test
        void closeWithUnreadDataSendsRst() {
            c.peerSends("unread");
            w.mark();
            c.sock.close();
            w.advance(RawPeer.RTT);
            assertEquals(RST | ACK, w.reply().flags());
            assertEquals(c.localNxt, w.reply().seq());
            assertEquals(TcpState.CLOSED, c.sock.state());
        }
    }

    @Nested
    class Sending {
        @Test
        void dataIsCutIntoMssSegmentsAndTheLastIsPushed() {
            List<TcpSegment> out = c.appSends("x".repeat(3000));
            assertEquals(3, out.size());
            assertEquals(1460, out.get(0).data().length());
            assertEquals(1460, out.get(1).data().length());
            assertEquals(80, out.get(2).data().length());
            assertEquals(ACK | PSH, out.get(2).flags());
            assertEquals(c.localNxt + 1460, out.get(1).seq());
        }

        @Test
        void anAckOfUnsentDataIsAnsweredWithAnAck() {
            w.inject(Seg.ack(c.peerNxt, c.localNxt + 1000));
            assertEquals(c.localNxt, w.reply().seq());
            assertEquals(1, w.drops("not-acceptable"));
        }

        @Test
        void unacknowledgedDataIsRetransmittedAfterTheRtoWithBackoff() {
            TcpSegment first = c.appSends("hello").get(0);
            w.mark();
            // RTO = SRTT + max(4 RTTVAR, 200 ms) as Linux computes it (RTT 2 ms): 202 ms, not the 200 ms floor alone
            w.advance(200 * SimTime.MS);
            w.noReply();
            w.advance(10 * SimTime.MS);
            assertEquals(first.seq(), w.reply().seq());
            w.mark();
            w.advance(390 * SimTime.MS);
            w.noReply();
            w.advance(20 * SimTime.MS); // doubled: 400 ms
            assertEquals(first.seq(), w.reply().seq());
        }

        @Test
        void threeDuplicateAcksTriggerFastRetransmitAndNewRenoHalvesTheWindow() {
            w = new RawPeer();
            c = Conn.established(w, "newreno");
            long start = c.localNxt;
            List<TcpSegment> out = c.appSends("d".repeat(5 * 1460));
            assertEquals(5, out.size());
            w.inject(Seg.ack(c.peerNxt, start));
            w.inject(Seg.ack(c.peerNxt, start));
            w.noReply();
            w.inject(Seg.ack(c.peerNxt, start));
            assertEquals(start, w.reply().seq());
            assertEquals(1460, w.reply().data().length());
            TraceEvent.CwndEvent fr = w.events.stream().filter(e -> e instanceof TraceEvent.CwndEvent x
                    && x.why().equals("fast-retransmit")).map(e -> (TraceEvent.CwndEvent) e).findFirst().get();
            assertEquals(5 * 1460 / 2, fr.ssthresh()); // max(FlightSize / 2, 2 SMSS)
            assertEquals(5 * 1460 / 2 + 3 * 1460, fr.cwnd()); // ssthresh + 3 SMSS
        }

        @Test
        void cubicSetsSsthreshToSevenTenthsOfTheWindowAtFastRetransmit() {
            long start = c.localNxt;
            assertEquals(5, c.appSends("d".repeat(5 * 1460)).size());
            for (int i = 0; i < 3; i++) {
                w.inject(Seg.ack(c.peerNxt, start));
            }
            assertEquals(start, w.reply().seq());
            TraceEvent.CwndEvent fr = w.events.stream().filter(e -> e instanceof TraceEvent.CwndEvent x
                    && x.why().equals("fast-retransmit")).map(e -> (TraceEvent.CwndEvent) e).findFirst().get();
            // Linux cubictcp_recalc_ssthresh: cwnd (10 segments, not the flight of 5) * 717 / 1024 = 7 segments
            assertEquals(7 * 1460, fr.ssthresh());
            assertEquals(7 * 1460 + 3 * 1460, fr.cwnd()); // without SACK, RFC 6582's inflation as before
        }

        @Test
        void aWindowSmallerThanASegmentHoldsDataUntilThePersistTimerSendsWhatFits() {
            w.inject(c.ack().withWindow(1000));
            List<TcpSegment> out = c.appSends("y".repeat(3000));
            assertEquals(0, out.size());
            w.mark();
            w.advance(210 * SimTime.MS); // the persist timer runs on the RTO: SRTT + 200 ms
            assertEquals(1000, w.reply().data().length());
        }

        @Test
        void aZeroWindowIsProbedAndDataFlowsWhenItOpens() {
            w.inject(c.ack().withWindow(0));
            assertEquals(0, c.appSends("z".repeat(100)).size());
            w.mark();
            w.advance(210 * SimTime.MS); // the persist timer runs on the RTO: SRTT + 200 ms
            TcpSegment probe = w.reply();
            assertEquals(c.localNxt - 1, probe.seq());
            assertEquals(0, probe.data().length());
            w.inject(c.ack().withWindow(65535));
            assertEquals(100, w.reply().data().length());
        }

        @Test
        void segmentsFromTheSynAckMssAreNoLargerThanThePeersMss() {
            RawPeer w2 = new RawPeer();
            Conn small = Conn.synSent(w2);
            w2.inject(Seg.syn(RawPeer.PEER_ISS).withAck(small.localNxt).withMss(536));
            List<TcpSegment> out = small.appSends("m".repeat(1000));
            assertEquals(536, out.get(0).data().length());
        }
    }
}
