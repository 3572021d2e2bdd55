package org.stacklab.transport;

import java.util.List;

/**
 * A host's TCP settings ({@code defaults.tcp} and a host's {@code tcp}, docs/tcp.md); the
 * defaults are Linux 6.18's. Each switch brings back the older, simpler behaviour when off.
 *
 * @param congestion congestion control: {@code cubic}, {@code newreno} or {@code reno}
 * @param sack offer and use SACK (RFC 2018), net.ipv4.tcp_sack
 * @param timestamps offer and use timestamps (RFC 7323), net.ipv4.tcp_timestamps
 * @param windowScaling offer and use window scaling (RFC 7323), net.ipv4.tcp_window_scaling
 * @param delayedAck delay ACKs (40 ms, every second full segment); off: every segment is ACKed at once
 * @param initialCwnd initial congestion window in segments (RFC 6928: 10)
 * @param minRtoNs the RTO's floor, Linux TCP_RTO_MIN (200 ms)
 * @param synRetries net.ipv4.tcp_syn_retries: SYN retransmissions before connect() gives up
 * @param synLinearTimeouts net.ipv4.tcp_syn_linear_timeouts: first SYN backoffs that stay at 1 s
 */
public record TcpConfig(String congestion, boolean sack, boolean timestamps, boolean windowScaling,
        boolean delayedAck, int initialCwnd, long minRtoNs, int synRetries, int synLinearTimeouts) {
    public static final List<String> CONGESTION = List.of("cubic", "newreno", "reno");
    /** Linux 6.18's defaults. */
    public static final TcpConfig LINUX = new TcpConfig("cubic", true, true, true, true, 10, 200_000_000L, 6, 4);

    public TcpConfig {
        if (!CONGESTION.contains(congestion)) {
            throw new IllegalArgumentException("unknown congestion control " + congestion);
        }
    }

    public TcpConfig withCongestion(String v) {
        return new TcpConfig(v, sack, timestamps, windowScaling, delayedAck, initialCwnd, minRtoNs, synRetries, synLinearTimeouts);
    }

    public TcpConfig withSack(boolean v) {
        return new TcpConfig(congestion, v, timestamps, windowScaling, delayedAck, initialCwnd, minRtoNs, synRetries, synLinearTimeouts);
    }

    public TcpConfig withTimestamps(boolean v) {
        return new TcpConfig(congestion, sack, v, windowScaling, delayedAck, initialCwnd, minRtoNs, synRetries, synLinearTimeouts);
    }

    public TcpConfig withWindowScaling(boolean v) {
        return new TcpConfig(congestion, sack, timestamps, v, delayedAck, initialCwnd, minRtoNs, synRetries, synLinearTimeouts);
    }

    public TcpConfig withDelayedAck(boolean v) {
        return new TcpConfig(congestion, sack, timestamps, windowScaling, v, initialCwnd, minRtoNs, synRetries, synLinearTimeouts);
    }

    public TcpConfig withInitialCwnd(int v) {
        return new TcpConfig(congestion, sack, timestamps, windowScaling, delayedAck, v, minRtoNs, synRetries, synLinearTimeouts);
    }

    public TcpConfig withMinRto(long v) {
        return new TcpConfig(congestion, sack, timestamps, windowScaling, delayedAck, initialCwnd, v, synRetries, synLinearTimeouts);
    }

    public TcpConfig withSynRetries(int v) {
        return new TcpConfig(congestion, sack, timestamps, windowScaling, delayedAck, initialCwnd, minRtoNs, v, synLinearTimeouts);
    }

    public TcpConfig withSynLinearTimeouts(int v) {
        return new TcpConfig(congestion, sack, timestamps, windowScaling, delayedAck, initialCwnd, minRtoNs, synRetries, v);
    }
}
