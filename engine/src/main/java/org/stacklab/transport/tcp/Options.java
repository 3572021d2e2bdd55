package org.stacklab.transport.tcp;

import java.util.List;
import org.stacklab.sim.SimTime;
import org.stacklab.transport.TcpConfig;
import org.stacklab.wire.TcpOptions;
import org.stacklab.wire.TcpSegment;

/**
 * What one connection offered and agreed in its handshake (RFC 7323, RFC 2018, RFC 9293 3.7.1),
 * and the options its segments carry: the SYN's {@code mss, sackOK, TS, nop, wscale}, then
 * {@code nop, nop, TS} on every segment when both sides use timestamps.
 *
 * <p>The timestamp clock ticks once per millisecond, as Linux's (tcp_time_stamp_ms). Its value is
 * the simulated time in ms plus 1, the same for every connection of a run: Linux adds a random
 * per-connection offset (net.ipv4.tcp_timestamps = 1), which would only make traces harder to
 * read and compare; without it the values are still those of a 1 ms clock. The "+1" keeps a SYN
 * at time 0 from sending TSval 0 (an echo of 0 means "no echo" to RTT measurement).
 */
final class Options {
    /** Our window scale: Linux's shift for its default tcp_rmem[2] of 6 MB. */
    static final int WSCALE = 7;
    /** Bytes the timestamps option takes in every segment, with its two NOPs (TCPOLEN_TSTAMP_ALIGNED). */
    static final int TS_LENGTH = 12;
    /** The largest window without scaling (RFC 7323 section 2). */
    static final int MAX_UNSCALED = 65_535;

    private final TcpConfig cfg;
    /** The MSS we announce (TcpSocket.mssFor: 1460 over IPv4, 1440 over IPv6). */
    final int advMss;
    boolean timestamps;
    boolean sack;
    /** Shift applied to the windows we advertise / to the windows the peer advertises; 0 without scaling. */
    int rcvWscale;
    int sndWscale;
    /** TS.Recent (RFC 7323 section 4.3): the TSval to echo. */
    long tsRecent;
    private boolean scalingAgreed;
    /** TSval when the retransmission timer last fired: older echoes give no RTT sample. */
    private long rtoAt = -1;

    Options(TcpConfig cfg, int advMss) {
        this.cfg = cfg;
        this.advMss = advMss;
    }

    TcpConfig config() {
        return cfg;
    }

    static long tsNow(long nowNs) {
        return (nowNs / SimTime.MS + 1) & Seq.MASK;
    }

    /** The options of our SYN (active open): everything this host has switched on. */
    TcpOptions forSyn(long nowNs) {
        return new TcpOptions(advMss, cfg.sack(), cfg.timestamps(), cfg.timestamps() ? tsNow(nowNs) : 0, 0,
                cfg.windowScaling() ? WSCALE : -1, List.of());
    }

    /** The options of our SYN-ACK: what the peer's SYN offered and this host allows. */
    TcpOptions forSynAck(long nowNs) {
        return new TcpOptions(advMss, sack, timestamps, timestamps ? tsNow(nowNs) : 0, timestamps ? tsRecent : 0,
                scalingAgreed ? WSCALE : -1, List.of());
    }

    /** The options of any other segment: timestamps when agreed. */
    TcpOptions forSegment(long nowNs) {
        return timestamps ? new TcpOptions(0, false, true, tsNow(nowNs), tsRecent, -1, List.of()) : TcpOptions.NONE;
    }

    /**
     * The peer's SYN (or SYN-ACK) arrived: each option is used when both sides offered it (RFC
     * 7323 sections 2.2 and 3.2, RFC 2018 section 2).
     */
    void agree(TcpSegment syn) {
        TcpOptions o = syn.options();
        timestamps = cfg.timestamps() && o.timestamps();
        sack = cfg.sack() && o.sackPermitted();
        scalingAgreed = cfg.windowScaling() && o.hasWindowScale();
        rcvWscale = scalingAgreed ? WSCALE : 0;
        sndWscale = scalingAgreed ? Math.min(14, o.windowScale()) : 0; // RFC 7323 2.3: at most 14
        if (timestamps) {
            tsRecent = o.tsVal();
        }
    }

    /** Bytes of options every data segment carries: the send MSS is the peer's minus these. */
    int perSegmentLength() {
        return timestamps ? TS_LENGTH : 0;
    }

    /** RFC 7323 4.3 (simplified): remember TSval of a segment that starts at or before the last ACK we sent. */
    void seen(TcpSegment seg, long lastAckSent) {
        if (timestamps && seg.options().timestamps() && Seq.le(seg.seq(), lastAckSent)) {
            tsRecent = seg.options().tsVal();
        }
    }

    /** The retransmission timer fired: from now on only echoes of later segments are samples. */
    void timedOut(long nowNs) {
        rtoAt = tsNow(nowNs);
    }

    /**
     * An RTT sample from the echoed timestamp (RFC 7323 section 4.1), in ns, or -1. An echo older
     * than the last timeout is no sample: after a lost ACK the receiver echoes the segment before
     * the hole (RFC 7323 4.3), and its age is the timeout, not the path (Karn's rule for echoes).
     */
    long rttFromEcho(TcpSegment seg, long nowNs) {
        if (!timestamps || !seg.options().timestamps() || seg.options().tsEcr() == 0) {
            return -1;
        }
        if (rtoAt >= 0 && Seq.lt(seg.options().tsEcr(), rtoAt)) {
            return -1;
        }
        long ms = (tsNow(nowNs) - seg.options().tsEcr()) & Seq.MASK;
        return ms > Integer.MAX_VALUE ? -1 : ms * SimTime.MS;
    }
}
