package org.stacklab.transport.tcp;

import java.util.Locale;

/**
 * One congestion-control algorithm, as Linux's {@code struct tcp_congestion_ops}: what ssthresh
 * becomes after a loss, how fast cwnd grows in congestion avoidance, and what an RTT sample
 * tells slow start. {@link Congestion} runs the state machine around it (slow start, fast
 * retransmit and recovery, timeouts, the cwnd-limited test) and counts windows in bytes; the
 * algorithms count in segments, as Linux does.
 */
interface CongestionAlgorithm {
    /** {@code net.ipv4.tcp_congestion_control} names: {@code cubic} (Linux's default), {@code newreno}, {@code reno}. */
    String name();

    /** ssthresh in bytes after a loss detected with {@code cwnd} bytes of window and {@code flight} bytes in flight. */
    long ssthresh(long cwnd, long flight, int mss);

    /**
     * Congestion avoidance: {@code acked} segments were acknowledged with {@code cwnd} segments of
     * window at time {@code now}; returns how many acknowledged segments earn one more segment of
     * window (Linux's {@code cnt} for {@code tcp_cong_avoid_ai}).
     */
    long avoid(long cwnd, long acked, long now);

    /**
     * An RTT sample of {@code rtt} ns at {@code now} with {@code cwnd} segments, SND.UNA {@code
     * una} and SND.NXT {@code nxt} after the ACK; true when slow start (which {@code slowStart}
     * says the sender is in) should end here (HyStart). Default: never.
     */
    default boolean onRtt(long rtt, long now, long cwnd, boolean slowStart, long una, long nxt) {
        return false;
    }

    /** A retransmission timeout (Linux's TCP_CA_Loss state): forget what the algorithm learnt. */
    default void onTimeout(long nxt, long now) {}

    /** Whether a partial ACK keeps fast recovery going (NewReno, RFC 6582) or ends it (Reno, RFC 5681 3.2). */
    default boolean partialAcksRecover() {
        return true;
    }

    /** The algorithm a {@code congestion:} key names; null for an unknown name. */
    static CongestionAlgorithm named(String name, long nxt, long now) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cubic" -> new Cubic(nxt, now);
            // ns-3.37's TcpCubic, which has no TCP-friendly region: for docs/tcp.md's comparison only
            case "cubic-ns3" -> new Cubic(nxt, now, false);
            case "newreno" -> new Reno(true);
            case "reno" -> new Reno(false);
            default -> null;
        };
    }
}
