package org.stacklab.scenario;

import java.util.List;
import org.stacklab.transport.TcpConfig;

/** Reads TCP settings ({@code defaults.tcp}, a host's {@code tcp}) over a base (docs/tcp.md). */
final class TcpConfigReader {
    /** Keys a host's {@code tcp} takes; {@code defaults.tcp} takes these and {@code time_wait}. */
    static final List<String> KEYS = List.of("congestion", "sack", "timestamps", "window_scaling", "delayed_ack",
            "initial_cwnd", "min_rto", "syn_retries", "syn_linear_timeouts");

    private TcpConfigReader() {}

    static TcpConfig read(Problems problems, Fields f, TcpConfig base) {
        TcpConfig c = base;
        String cc = f.string("congestion", null);
        if (cc != null) {
            if (TcpConfig.CONGESTION.contains(cc)) {
                c = c.withCongestion(cc);
            } else {
                f.error("congestion", "'congestion' must be one of " + String.join(", ", TcpConfig.CONGESTION)
                        + ", got '" + cc + "'" + Suggest.didYouMean(cc, TcpConfig.CONGESTION, ""));
            }
        }
        c = c.withSack(f.bool("sack", c.sack()));
        c = c.withTimestamps(f.bool("timestamps", c.timestamps()));
        c = c.withWindowScaling(f.bool("window_scaling", c.windowScaling()));
        c = c.withDelayedAck(f.bool("delayed_ack", c.delayedAck()));
        c = c.withInitialCwnd((int) f.whole("initial_cwnd", 1, 1000, c.initialCwnd()));
        c = c.withSynRetries((int) f.whole("syn_retries", 1, 127, c.synRetries()));
        c = c.withSynLinearTimeouts((int) f.whole("syn_linear_timeouts", 0, 127, c.synLinearTimeouts()));
        Long minRto = f.time("min_rto");
        if (minRto != null) {
            if (minRto < 1_000_000L || minRto > 120_000_000_000L) {
                f.error("min_rto", "'min_rto' must be between 1ms and 120s (Linux's rto_min range), got " + (minRto / 1_000_000L) + "ms");
            } else {
                c = c.withMinRto(minRto);
            }
        }
        return c;
    }
}
