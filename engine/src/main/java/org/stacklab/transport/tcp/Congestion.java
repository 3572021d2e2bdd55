package org.stacklab.transport.tcp;

/**
 * The congestion window and its state machine, around a pluggable {@link CongestionAlgorithm}
 * (CUBIC by default, NewReno, Reno): slow start counted in segments acknowledged (Linux's
 * {@code tcp_slow_start}, RFC 3465 without its limit), growth only while cwnd is what limits
 * the sender (RFC 7661, Linux's {@code tcp_is_cwnd_limited}), fast retransmit and fast recovery
 * with partial acknowledgments (RFC 6582 section 3.2) or, when the peer SACKs, RFC 6675's
 * loss recovery ({@link Scoreboard}), limited transmit (RFC 3042). Windows are counted in
 * bytes; every change of cwnd or ssthresh is traced with the reason.
 */
final class Congestion {
    /** RFC 6928, Linux's TCP_INIT_CWND: ten segments. */
    static final int INITIAL_SEGMENTS = 10;
    /** RFC 5681 section 3.2: the third duplicate ACK triggers fast retransmit. */
    static final int DUPACK_THRESHOLD = 3;

    /** What the sender must do after an acknowledgment. */
    enum Action { NONE, RETRANSMIT }

    private final TcpSocket owner;
    private final int mss;
    private final CongestionAlgorithm alg;
    private long cwnd;
    private long ssthresh = Long.MAX_VALUE; // RFC 5681 3.1: arbitrarily high at first
    private int dupAcks;
    private boolean inRecovery;
    /** Recovery driven by the SACK scoreboard (RFC 6675) rather than window inflation (RFC 6582). */
    private boolean sackRecovery;
    private boolean partialSeen;
    /** RFC 6582 "recover" (RFC 6675 RecoveryPoint): SND.MAX when recovery (or the last timeout) began. */
    private long recover;
    /** Acknowledged bytes not yet counted as a whole segment. */
    private long ackedCarry;
    /** Linux snd_cwnd_cnt: segments acknowledged in congestion avoidance since cwnd last grew. */
    private long cwndCnt;
    // RFC 7661 / Linux tcp_cwnd_validate
    private boolean cwndLimited;
    private int maxFlight;
    private long usageSeq;

    Congestion(TcpSocket owner, int mss, long iss) {
        this(owner, mss, iss, new Reno(true), INITIAL_SEGMENTS);
    }

    Congestion(TcpSocket owner, int mss, long iss, CongestionAlgorithm alg, int initialSegments) {
        this.owner = owner;
        this.mss = mss;
        this.alg = alg;
        this.cwnd = (long) Math.max(1, initialSegments) * mss;
        this.recover = iss;
        this.usageSeq = iss;
        TcpTrace.cwnd(owner, cwnd, ssthresh, "initial");
    }

    long cwnd() {
        return cwnd;
    }

    long ssthresh() {
        return ssthresh;
    }

    boolean inRecovery() {
        return inRecovery;
    }

    boolean sackRecovery() {
        return inRecovery && sackRecovery;
    }

    String algorithm() {
        return alg.name();
    }

    CongestionAlgorithm alg() {
        return alg;
    }

    int dupAcks() {
        return dupAcks;
    }

    /**
     * RFC 3042: on the first and second duplicate ACK, outside recovery, the sender may send
     * one new segment each beyond cwnd (FlightSize up to cwnd + 2 SMSS).
     */
    long limitedTransmit() {
        return inRecovery ? 0 : (long) Math.min(dupAcks, DUPACK_THRESHOLD - 1) * mss;
    }

    /**
     * After the sender sent what it could (Linux tcp_cwnd_validate): {@code limited} when cwnd
     * was what stopped it. The verdict and the largest flight hold for a window of data.
     */
    void sent(boolean limited, int flight, long una, long nxt) {
        if (!Seq.lt(una, usageSeq) || limited || flight > maxFlight) {
            cwndLimited = limited;
            maxFlight = flight;
            usageSeq = nxt;
        }
    }

    /** Linux tcp_is_cwnd_limited: cwnd was the limit, or slow start keeps cwnd at most twice the largest flight. */
    boolean cwndLimited() {
        return cwndLimited || (cwnd < ssthresh && cwnd < 2L * maxFlight);
    }

    /** An RTT sample: HyStart may end slow start here (ssthresh = cwnd). */
    void rttSample(long rtt, long now, long una, long nxt) {
        boolean slowStart = cwnd < ssthresh && !inRecovery;
        if (alg.onRtt(rtt, now, cwnd / mss, slowStart, una, nxt) && slowStart) {
            ssthresh = cwnd;
            TcpTrace.cwnd(owner, cwnd, ssthresh, "hystart");
        }
    }

    /** An ACK advanced SND.UNA by {@code acked} bytes to {@code ack}; {@code flight} is what is still out. */
    Action onNewAck(int acked, long ack, int flight, long now) {
        dupAcks = 0;
        if (inRecovery) {
            if (Seq.ge(ack, recover)) {
                return fullAck(flight);
            }
            if (sackRecovery) {
                return Action.NONE; // RFC 6675: the pipe, not cwnd, changes; the sender fills holes
            }
            return alg.partialAcksRecover() ? partialAck(acked) : fullAck(flight);
        }
        ackedCarry += acked;
        long segs = ackedCarry / mss;
        ackedCarry %= mss;
        if (segs == 0 || !cwndLimited()) {
            return Action.NONE; // RFC 7661: a window the sender does not use does not grow
        }
        if (cwnd < ssthresh) {
            // Linux tcp_slow_start: one segment per segment acknowledged, up to ssthresh.
            long grown = Math.min(cwnd + segs * mss, ssthresh);
            segs -= (grown - cwnd) / mss;
            cwnd = grown;
            TcpTrace.cwnd(owner, cwnd, ssthresh, "slow-start");
            if (segs <= 0 || cwnd < ssthresh) {
                return Action.NONE;
            }
        }
        avoid(segs, now);
        return Action.NONE;
    }

    /** Linux tcp_cong_avoid_ai with the algorithm's count: one segment per {@code w} acknowledged. */
    private void avoid(long segs, long now) {
        long w = alg.avoid(cwnd / mss, segs, now);
        long before = cwnd;
        if (cwndCnt >= w) {
            cwndCnt = 0;
            cwnd += mss;
        }
        cwndCnt += segs;
        if (cwndCnt >= w) {
            long delta = cwndCnt / w;
            cwndCnt -= delta * w;
            cwnd += delta * mss;
        }
        if (cwnd != before) {
            TcpTrace.cwnd(owner, cwnd, ssthresh, "congestion-avoidance");
        }
    }

    /** A full ACK ends recovery: RFC 6582 3.2 step 3, cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS); with SACK, ssthresh. */
    private Action fullAck(int flight) {
        inRecovery = false;
        cwnd = sackRecovery || !alg.partialAcksRecover() ? ssthresh : Math.min(ssthresh, Math.max(flight, mss) + mss);
        cwndCnt = 0;
        TcpTrace.cwnd(owner, cwnd, ssthresh, "recovery-end");
        return Action.NONE;
    }

    /** RFC 6582 3.2 step 3: a partial ACK retransmits the next hole and deflates cwnd by what it acked. */
    private Action partialAck(int acked) {
        cwnd = Math.max(mss, cwnd - acked + (acked >= mss ? mss : 0));
        TcpTrace.cwnd(owner, cwnd, ssthresh, "partial-ack");
        return Action.RETRANSMIT;
    }

    /** Whether this partial ACK is the first of the recovery (RFC 6582 3.2: only it restarts the timer). */
    boolean firstPartialAck() {
        boolean first = !partialSeen;
        partialSeen = true;
        return first;
    }

    /**
     * A duplicate ACK (RFC 5681 section 2). Returns RETRANSMIT on the third, when the ACK covers
     * {@code recover} (RFC 6582 3.2 step 1: not a leftover of the previous window). With SACK
     * ({@code lost}: the scoreboard says the first segment is lost, RFC 6675 IsLost) recovery
     * may begin before the third.
     */
    Action onDupAck(long ack, long sndMax, int flight, boolean sack, boolean lost) {
        dupAcks++;
        if (inRecovery) {
            if (!sackRecovery) {
                cwnd += mss; // RFC 6582 3.2 step 4 (RFC 5681 3.2 step 4): inflate for each segment that left
                TcpTrace.cwnd(owner, cwnd, ssthresh, "fast-recovery");
            }
            return Action.NONE;
        }
        if ((dupAcks < DUPACK_THRESHOLD && !lost) || !Seq.ge(ack, recover)) {
            return Action.NONE;
        }
        ssthresh = alg.ssthresh(cwnd, flight, mss);
        recover = sndMax;
        inRecovery = true;
        sackRecovery = sack;
        partialSeen = false;
        cwndCnt = 0;
        if (sack) {
            cwnd = ssthresh; // RFC 6675 section 5 step 4.2: cwnd = ssthresh; the pipe decides what is sent
        } else {
            // RFC 6582 3.2 step 2 / RFC 5681 3.2 steps 2-3: retransmit, inflate by three segments.
            cwnd = ssthresh + DUPACK_THRESHOLD * mss;
        }
        TcpTrace.cwnd(owner, cwnd, ssthresh, "fast-retransmit");
        return Action.RETRANSMIT;
    }

    /**
     * A retransmission timeout: cwnd falls to one segment (the loss window, RFC 5681 3.1); ssthresh
     * drops (eq. 4, or CUBIC's beta) only on the first timeout of a series, as 3.1 requires; RFC
     * 6582 section 4: {@code recover} moves to SND.MAX so later duplicate ACKs do not recover again.
     */
    void onTimeout(int flight, long sndMax, boolean firstOfSeries, long now) {
        if (firstOfSeries) {
            ssthresh = alg.ssthresh(inRecovery ? Math.min(cwnd, ssthresh) : cwnd, flight, mss);
        }
        alg.onTimeout(sndMax, now);
        cwnd = mss;
        dupAcks = 0;
        inRecovery = false;
        ackedCarry = 0;
        cwndCnt = 0;
        recover = sndMax;
        TcpTrace.cwnd(owner, cwnd, ssthresh, "timeout");
    }
}
