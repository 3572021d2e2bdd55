package org.stacklab.transport.tcp;

/**
 * Reno and NewReno (Linux's {@code tcp_reno_cong_avoid}, RFC 5681 3.1): one segment more per
 * window of acknowledged segments, ssthresh half the flight (RFC 5681 eq. 4). They differ only
 * in recovery: NewReno (RFC 6582) stays in fast recovery on a partial ACK and retransmits the
 * next hole; Reno leaves it at the first new ACK.
 */
final class Reno implements CongestionAlgorithm {
    private final boolean newReno;

    Reno(boolean newReno) {
        this.newReno = newReno;
    }

    @Override
    public String name() {
        return newReno ? "newreno" : "reno";
    }

    @Override
    public long ssthresh(long cwnd, long flight, int mss) {
        return Math.max(flight / 2, 2L * mss);
    }

    @Override
    public long avoid(long cwnd, long acked, long now) {
        return cwnd;
    }

    @Override
    public boolean partialAcksRecover() {
        return newReno;
    }
}
