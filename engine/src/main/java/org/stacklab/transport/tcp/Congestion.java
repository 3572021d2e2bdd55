package org.stacklab.transport.tcp;

/**
 * NewReno congestion control: slow start and congestion avoidance (RFC 5681 section 3.1), fast
 * retransmit and fast recovery with partial acknowledgments (RFC 6582 section 3.2). Windows are
 * counted in bytes; every change of cwnd is traced with the reason.
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
    private long cwnd;
    private long ssthresh = Long.MAX_VALUE; // RFC 5681 3.1: arbitrarily high at first
    private int dupAcks;
    private boolean inRecovery;
    private boolean partialSeen;
    /** RFC 6582 "recover": SND.MAX when recovery (or the last timeout) began. */
    private long recover;
    /** Bytes acknowledged in congestion avoidance since cwnd last grew (RFC 5681 3.1, byte counting). */
    private long ackedInAvoidance;

    Congestion(TcpSocket owner, int mss, long iss) {
        this.owner = owner;
        this.mss = mss;
        this.cwnd = INITIAL_SEGMENTS * mss;
        this.recover = iss;
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

    /** An ACK advanced SND.UNA by {@code acked} bytes to {@code ack}; {@code flight} is what is still out. */
    Action onNewAck(int acked, long ack, int flight) {
        dupAcks = 0;
        if (inRecovery) {
            return Seq.ge(ack, recover) ? fullAck(flight) : partialAck(acked);
        }
        if (cwnd < ssthresh) {
            // RFC 5681 3.1 (eq. 2): slow start grows by at most one SMSS per ACK.
            cwnd += Math.min(acked, mss);
            TcpTrace.cwnd(owner, cwnd, ssthresh, "slow-start");
        } else {
            // RFC 5681 3.1 (eq. 3), with byte counting: one SMSS per cwnd of data acknowledged.
            ackedInAvoidance += acked;
            if (ackedInAvoidance >= cwnd) {
                ackedInAvoidance -= cwnd;
                cwnd += mss;
                TcpTrace.cwnd(owner, cwnd, ssthresh, "congestion-avoidance");
            }
        }
        return Action.NONE;
    }

    /** RFC 6582 3.2 step 3: a full ACK ends recovery; cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS). */
    private Action fullAck(int flight) {
        inRecovery = false;
        cwnd = Math.min(ssthresh, Math.max(flight, mss) + mss);
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
     * {@code recover} (RFC 6582 3.2 step 1: not a leftover of the previous window).
     */
    Action onDupAck(long ack, long sndMax, int flight) {
        dupAcks++;
        if (inRecovery) {
            cwnd += mss; // RFC 6582 3.2 step 4 (RFC 5681 3.2 step 4): inflate for each segment that left
            TcpTrace.cwnd(owner, cwnd, ssthresh, "fast-recovery");
            return Action.NONE;
        }
        if (dupAcks != DUPACK_THRESHOLD || !Seq.ge(ack, recover)) {
            return Action.NONE;
        }
        // RFC 6582 3.2 step 2 / RFC 5681 3.2 steps 2-3: halve, retransmit, inflate by three segments.
        ssthresh = Math.max(flight / 2, 2 * mss);
        cwnd = ssthresh + DUPACK_THRESHOLD * mss;
        recover = sndMax;
        inRecovery = true;
        partialSeen = false;
        TcpTrace.cwnd(owner, cwnd, ssthresh, "fast-retransmit");
        return Action.RETRANSMIT;
    }

    /**
     * A retransmission timeout: cwnd falls to one segment (the loss window, RFC 5681 3.1); ssthresh
     * halves the flight (eq. 4) only on the first timeout of a series, as 3.1 requires; RFC 6582
     * section 4: {@code recover} moves to SND.MAX so later duplicate ACKs do not recover again.
     */
    void onTimeout(int flight, long sndMax, boolean firstOfSeries) {
        if (firstOfSeries) {
            ssthresh = Math.max(flight / 2, 2 * mss);
        }
        cwnd = mss;
        dupAcks = 0;
        inRecovery = false;
        ackedInAvoidance = 0;
        recover = sndMax;
        TcpTrace.cwnd(owner, cwnd, ssthresh, "timeout");
    }
}
