package org.stacklab.transport.tcp;

import org.stacklab.sim.SimTime;

/**
 * The retransmission timeout of RFC 6298: SRTT and RTTVAR from samples, exponential backoff,
 * with Linux's floor on the variance term: RTO = SRTT + max(4 RTTVAR, min_rto), min_rto being
 * TCP_RTO_MIN (200 ms) unless configured (tcp_set_rto, where rttvar is at least tcp_rto_min), so at
 * RTT 100 ms the RTO is at least 300 ms; at most 120 s ({@code TCP_RTO_MAX}).
 */
final class RttEstimator {
    static final long INITIAL_RTO = SimTime.S; // RFC 6298 (2.1)
    static final long MIN_RTO = 200 * SimTime.MS; // Linux TCP_RTO_MIN (RFC 6298 (2.4) says 1 s)
    static final long MAX_RTO = 120 * SimTime.S; // Linux TCP_RTO_MAX; RFC 6298 (2.5) allows a maximum
    /** Clock granularity G of RFC 6298 (2.3); the simulator's clock is exact, Linux ticks in ms. */
    static final long GRANULARITY = SimTime.MS;

    private final long minRto;
    private long srtt = -1;
    private long rttvar;
    private long rto = INITIAL_RTO;
    private int backoff;

    RttEstimator(long minRto) {
        this.minRto = minRto;
    }

    /** RFC 6298 (2.2) first sample, (2.3) later ones; Karn's rule is the caller's (no retransmitted samples). */
    void sample(long r) {
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = Math.min(MAX_RTO, srtt + Math.max(minRto, Math.max(GRANULARITY, 4 * rttvar)));
    }

    /** The timeout to arm now: the computed RTO doubled once per expiry since the last new ACK (5.5). */
    long current() {
        long r = rto << Math.min(backoff, 20);
        return Math.min(r, MAX_RTO);
    }

    /** RFC 6298 (5.5): back off the timer. */
    void backOff() {
        backoff++;
    }

    /** New data was acknowledged: the backoff ends (Linux clears icsk_backoff on such an ACK). */
    void resetBackoff() {
        backoff = 0;
    }

    int backoffs() {
        return backoff;
    }

    long srtt() {
        return srtt;
    }
}
