package org.stacklab.transport.tcp;

import org.stacklab.sim.SimTime;

/**
 * CUBIC (RFC 9438) with HyStart, as Linux's {@code net/ipv4/tcp_cubic.c} runs it: after a loss
 * the window follows W(t) = C (t - K)^3 + W_max, with C = 0.4 and K the time (s) to climb back
 * to W_max; the multiplicative decrease is beta = 0.7 (Linux's 717/1024); fast convergence
 * lowers W_max when a loss comes before W_max was reached again; the TCP-friendly estimate
 * (RFC 9438 4.3) keeps CUBIC at least as fast as Reno on short, slow paths. HyStart ends slow
 * start before the first loss when the ACK train of a round lasts half the minimum RTT or
 * the RTT of a round rises by an eighth (clamped to 4-16 ms) above the minimum.
 *
 * <p>Windows are in segments; time in simulated ns, computed in doubles (exact and reproducible
 * in Java) where Linux uses fixed point and 1/1024 s units; the throttle to one update per jiffy
 * is left out, as is the restart after idle ({@code CA_EVENT_TX_START}).
 */
final class Cubic implements CongestionAlgorithm {
    /** RFC 9438 4.5 beta_cubic; Linux's 717/1024. */
    static final double BETA = 717.0 / 1024;
    /** RFC 9438 5 (and Linux's bic_scale 41/1024 * 10): C = 0.4 segments per s^3. */
    static final double C = 0.4;
    /** Linux's hystart_low_window: HyStart only looks once cwnd has 16 segments. */
    static final long HYSTART_LOW_WINDOW = 16;
    /** Linux's HYSTART_MIN_SAMPLES: RTT samples of a round before the delay test. */
    static final int HYSTART_MIN_SAMPLES = 8;
    /** Linux's hystart_ack_delta_us: ACKs closer than this belong to one train. */
    static final long HYSTART_ACK_DELTA = 2 * SimTime.MS;
    /** Linux's HYSTART_DELAY_MIN and _MAX, the bounds of the delay increase that ends slow start. */
    static final long HYSTART_DELAY_MIN = 4 * SimTime.MS;
    static final long HYSTART_DELAY_MAX = 16 * SimTime.MS;
    /** Linux's hystart_ack_delay: 1 ms at any rate below 2 Gbit/s, as here. */
    static final long HYSTART_ACK_SLACK = SimTime.MS;

    private double wMax;
    private double originPoint;
    /** K in ns. */
    private double k;
    private long epochStart = -1;
    private long ackCnt;
    private long tcpCwnd;
    private long delayMin;
    // HyStart's round
    private boolean found;
    private long roundStart;
    private long lastAck;
    private long endSeq;
    private long currRtt;
    private int sampleCnt;

    /** Linux's tcp_friendliness (on by default). */
    private final boolean tcpFriendly;

    Cubic(long nxt, long now) {
        this(nxt, now, true);
    }

    Cubic(long nxt, long now, boolean tcpFriendly) {
        this.tcpFriendly = tcpFriendly;
        hystartReset(nxt, now);
    }

    @Override
    public String name() {
        return "cubic";
    }

    /** Linux cubictcp_recalc_ssthresh: a new epoch starts; W_max with fast convergence; cwnd times beta. */
    @Override
    public long ssthresh(long cwndBytes, long flight, int mss) {
        long cwnd = cwndBytes / mss;
        epochStart = -1;
        wMax = cwnd < wMax ? cwnd * (1 + BETA) / 2 : cwnd;
        return Math.max((long) (cwnd * BETA), 2) * mss;
    }

    /** Linux bictcp_update: the target W(t + min RTT), and the ACKs per segment of growth towards it. */
    @Override
    public long avoid(long cwnd, long acked, long now) {
        ackCnt += acked;
        if (epochStart < 0) {
            epochStart = now;
            ackCnt = acked;
            tcpCwnd = cwnd;
            if (wMax <= cwnd) {
                k = 0;
                originPoint = cwnd;
            } else {
                k = Math.cbrt((wMax - cwnd) / C) * SimTime.S; // RFC 9438 eq. 2
                originPoint = wMax;
            }
        }
        double target = target(now + delayMin - epochStart);
        long cnt = target > cwnd ? Math.max(1, (long) (cwnd / (target - cwnd))) : 100 * cwnd;
        if (wMax == 0 && cnt > 20) {
            cnt = 20; // before any loss, at least 5 % more per RTT
        }
        // RFC 9438 4.3 (Linux's tcp_friendliness): W_est grows by one per cwnd * 15/8 ACKed segments.
        long delta = Math.max(1, (cwnd * 15) >> 3);
        tcpCwnd += ackCnt / delta;
        ackCnt %= delta;
        if (tcpFriendly && tcpCwnd > cwnd) {
            cnt = Math.min(cnt, cwnd / (tcpCwnd - cwnd));
        }
        return Math.max(cnt, 2); // at most 1.5x per RTT
    }

    /** RFC 9438 eq. 1, W_cubic(t) in segments at {@code t} ns after the epoch began. */
    double target(double t) {
        double s = (t - k) / SimTime.S;
        return originPoint + C * s * s * s;
    }

    /** K of the current epoch, in ns (for tests). */
    double k() {
        return k;
    }

    double wMax() {
        return wMax;
    }

    /** Linux cubictcp_acked and hystart_update. */
    @Override
    public boolean onRtt(long rtt, long now, long cwnd, boolean slowStart, long una, long nxt) {
        if (epochStart >= 0 && now - epochStart < SimTime.S) {
            return false; // samples right after recovery are discarded
        }
        long delay = Math.max(1, rtt);
        if (delayMin == 0 || delayMin > delay) {
            delayMin = delay;
        }
        if (found || !slowStart || cwnd < HYSTART_LOW_WINDOW) {
            return false;
        }
        if (Seq.gt(una, endSeq)) {
            hystartReset(nxt, now);
        }
        if (now - lastAck <= HYSTART_ACK_DELTA) {
            lastAck = now;
            long threshold = (delayMin + HYSTART_ACK_SLACK) >> 1;
            if (now - roundStart > threshold) {
                found = true; // ACK train: the round's ACKs already span half the minimum RTT
            }
        }
        if (!found) {
            currRtt = Math.min(currRtt, delay);
            if (sampleCnt < HYSTART_MIN_SAMPLES) {
                sampleCnt++;
            } else if (currRtt > delayMin + Math.max(HYSTART_DELAY_MIN, Math.min(HYSTART_DELAY_MAX, delayMin >> 3))) {
                found = true; // delay: the round's minimum RTT rose above the connection's
            }
        }
        return found;
    }

    private void hystartReset(long nxt, long now) {
        roundStart = now;
        lastAck = now;
        endSeq = nxt;
        currRtt = Long.MAX_VALUE;
        sampleCnt = 0;
    }

    /** Linux cubictcp_state(TCP_CA_Loss): bictcp_reset and a new HyStart round. */
    @Override
    public void onTimeout(long nxt, long now) {
        wMax = 0;
        originPoint = 0;
        k = 0;
        epochStart = -1;
        ackCnt = 0;
        tcpCwnd = 0;
        delayMin = 0;
        found = false;
        hystartReset(nxt, now);
    }
}
