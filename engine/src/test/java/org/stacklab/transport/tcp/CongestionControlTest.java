package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpOptions;
import org.stacklab.wire.TcpSegment;

/** CUBIC, HyStart, limited transmit, the cwnd-limited rule, SACK recovery, Reno and NewReno. */
class CongestionControlTest {
    static final int MSS = 1460;

    @Test
    void cubicFollowsTheRfc9438CurveFromTheReducedWindowBackToWmax() {
        Cubic c = new Cubic(0, 0);
        assertEquals(70 * MSS, c.ssthresh(100L * MSS, 100L * MSS, MSS)); // Linux: 100 * 717 / 1024 = 70
        c.avoid(70, 1, 0); // the first ACK of congestion avoidance starts the epoch at t = 0
        double k = Math.cbrt((100 - 70) / 0.4); // RFC 9438 eq. 2: K = cbrt((W_max - cwnd_epoch) / C), s
        assertEquals(k * SimTime.S, c.k(), 1.0);
        assertEquals(4.217, c.k() / SimTime.S, 1e-3);
        assertEquals(70.0, c.target(0), 1e-9); // W_cubic(0) = cwnd_epoch
        assertEquals(100.0, c.target(c.k()), 1e-9); // W_cubic(K) = W_max, the plateau
        assertEquals(100 + 0.4 * 8, c.target(c.k() + 2 * SimTime.S), 1e-9); // C (t - K)^3 + W_max, 2 s past K
        assertEquals(100 - 0.4, c.target(c.k() - SimTime.S), 1e-9);
    }

    @Test
    void fastConvergenceLowersWmaxWhenALossComesBeforeTheOldMaximum() {
        Cubic c = new Cubic(0, 0);
        c.ssthresh(100L * MSS, 0, MSS);
        assertEquals(100.0, c.wMax());
        c.ssthresh(80L * MSS, 0, MSS); // 80 < 100: W_max = 80 (1 + beta) / 2 (RFC 9438 4.7)
        assertEquals(80 * (1 + Cubic.BETA) / 2, c.wMax(), 1e-9);
    }

    @Test
    void cubicGrowsAtMostHalfASegmentPerSegmentAcked() {
        Cubic c = new Cubic(0, 0);
        c.ssthresh(100L * MSS, 0, MSS);
        c.avoid(70, 1, 0);
        assertEquals(2, c.avoid(70, 1, 100 * SimTime.S)); // far past K the target is huge: cnt clamps at 2
    }

    @Test
    void hystartEndsSlowStartWhenTheRoundsRttRisesAboveTheMinimum() {
        Cubic c = new Cubic(0, 0);
        long t = 0;
        for (int i = 0; i < 9; i++) {
            t += 5 * SimTime.MS; // ACKs 5 ms apart: no ACK train
            assertFalse(c.onRtt(20 * SimTime.MS, t, 20, true, 0, 100_000));
        }
        // threshold: delay_min + clamp(delay_min / 8, 4 ms, 16 ms) = 24 ms
        t += 5 * SimTime.MS;
        assertFalse(c.onRtt(23 * SimTime.MS, t, 20, true, 0, 100_000));
        Cubic d = new Cubic(0, 0);
        d.onRtt(20 * SimTime.MS, 0, 20, true, 0, 100_000); // round 1 learns delay_min = 20 ms
        t = 0;
        for (int i = 0; i < 8; i++) {
            t += 5 * SimTime.MS; // round 2 (SND.UNA passed the round's end): eight samples of 30 ms
            assertFalse(d.onRtt(30 * SimTime.MS, t, 20, true, 1, 100_000));
        }
        assertTrue(d.onRtt(30 * SimTime.MS, t + 5 * SimTime.MS, 20, true, 1, 100_000)); // 30 > 24 ms
    }

    @Test
    void hystartEndsSlowStartWhenTheAckTrainSpansHalfTheMinimumRtt() {
        Cubic c = new Cubic(0, 0);
        boolean found = false;
        long t = 0;
        int acks = 0;
        while (!found && acks < 100) {
            t += SimTime.MS; // back-to-back ACKs 1 ms apart
            found = c.onRtt(20 * SimTime.MS, t, 20, true, 0, 1_000_000);
            acks++;
        }
        assertTrue(found);
        // (delay_min 20 ms + 1 ms) / 2 = 10.5 ms of train: the 11th ACK
        assertEquals(11, acks);
        Cubic small = new Cubic(0, 0);
        for (int i = 1; i < 30; i++) {
            assertFalse(small.onRtt(20 * SimTime.MS, i * SimTime.MS, 15, true, 0, 1_000_000)); // below 16 segments
        }
    }

    @Test
    void limitedTransmitSendsOneNewSegmentOnEachOfTheFirstTwoDuplicateAcks() {
        RawPeer w = new RawPeer();
        Conn c = Conn.established(w);
        long start = c.localNxt;
        assertEquals(10, c.appSends("d".repeat(14 * MSS)).size()); // the initial window
        w.inject(Seg.ack(c.peerNxt, start));
        assertEquals(start + 10 * MSS, w.reply().seq()); // RFC 3042: new data on the first duplicate
        w.inject(Seg.ack(c.peerNxt, start));
        assertEquals(start + 11 * MSS, w.reply().seq()); // and on the second
        w.inject(Seg.ack(c.peerNxt, start));
        assertEquals(start, w.reply().seq()); // the third: fast retransmit
    }

    @Test
    void cwndDoesNotGrowWhileTheReceiveWindowLimitsTheSender() {
        RawPeer w = new RawPeer();
        Conn c = Conn.established(w);
        w.inject(c.ack().withWindow(4 * MSS));
        long acked = c.localNxt;
        c.sock.send(Bytes.generated(200 * MSS), (e, n) -> {});
        for (int i = 0; i < 50; i++) {
            w.advance(RawPeer.RTT);
            acked += 4 * MSS;
            w.inject(Seg.ack(c.peerNxt, acked).withWindow(4 * MSS));
        }
        assertEquals(10L * MSS, c.sock.snd.cc.cwnd()); // 4 segments in flight never use a 10-segment window
        assertTrue(w.events.stream().noneMatch(e -> e instanceof TraceEvent.CwndEvent x && x.why().equals("slow-start")));
    }

    @Test
    void withSackOnlyTheLostSegmentsAreRetransmitted() {
        RawPeer w = new RawPeer();
        Conn c = Conn.synSent(w);
        c.sock.snd.congestion = "newreno";
        TcpSegment synAck = new TcpSegment(RawPeer.PEER_PORT, RawPeer.LOCAL_PORT, RawPeer.PEER_ISS, c.localNxt,
                TcpFlags.SYN | TcpFlags.ACK, Seg.WINDOW, new TcpOptions(MSS, true, false, 0, 0, -1, List.of()), Bytes.EMPTY);
        send(w, synAck);
        assertEquals(TcpState.ESTABLISHED, c.sock.state());
        assertTrue(c.sock.snd.sackOk);
        long s0 = c.localNxt;
        assertEquals(10, c.appSends("d".repeat(10 * MSS)).size());
        // segments 2 and 5 are lost; the peer SACKs what follows each hole as it arrives
        long[][] sacks = {{3, 4}, {3, 5}, {3, 5, 6, 7}, {3, 5, 6, 8}, {3, 5, 6, 9}, {3, 5, 6, 10}};
        List<Long> retransmitted = new ArrayList<>();
        long max = s0 + 10 * MSS;
        for (long[] sk : sacks) {
            w.mark();
            send(w, ackWithSack(c, s0 + 2 * MSS, s0, sk));
            for (TcpSegment r : w.replies()) {
                if (r.seq() < max && !r.data().isEmpty()) {
                    retransmitted.add((r.seq() - s0) / MSS);
                }
                max = Math.max(max, r.seq() + r.data().length());
            }
        }
        assertEquals(List.of(2L, 5L), retransmitted);
    }

    @Test
    void renoLeavesRecoveryAtThePartialAckWhereNewRenoRetransmitsTheNextHole() {
        for (String cc : List.of("reno", "newreno")) {
            RawPeer w = new RawPeer();
            Conn c = Conn.established(w, cc);
            assertEquals(cc, c.sock.snd.cc.algorithm());
            long s0 = c.localNxt;
            c.appSends("d".repeat(10 * MSS));
            for (int i = 0; i < 3; i++) {
                w.inject(Seg.ack(c.peerNxt, s0));
            }
            w.inject(Seg.ack(c.peerNxt, s0 + 3 * MSS)); // partial: segment 3 was lost too
            boolean resent = w.replies().stream().anyMatch(r -> r.seq() == s0 + 3 * MSS);
            assertEquals(cc.equals("newreno"), resent, cc);
            assertEquals(cc.equals("newreno"), c.sock.snd.cc.inRecovery(), cc);
        }
    }

    private static TcpSegment ackWithSack(Conn c, long ack, long s0, long[] segs) {
        List<TcpOptions.SackBlock> blocks = new ArrayList<>();
        for (int i = segs.length - 2; i >= 0; i -= 2) {
            blocks.add(new TcpOptions.SackBlock(s0 + segs[i] * MSS, s0 + segs[i + 1] * MSS));
        }
        return new TcpSegment(RawPeer.PEER_PORT, RawPeer.LOCAL_PORT, c.peerNxt, ack, TcpFlags.ACK, Seg.WINDOW,
                TcpOptions.NONE.withSack(blocks), Bytes.EMPTY);
    }

    private static void send(RawPeer w, TcpSegment seg) {
        w.peer.send(new IpPacket(RawPeer.PEER_IP, RawPeer.LOCAL_IP, 64, w.peer.nextIpId(), seg));
        w.advance(RawPeer.RTT);
    }
}
