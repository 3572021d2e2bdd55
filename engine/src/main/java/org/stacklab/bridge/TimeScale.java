package org.stacklab.bridge;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How simulated times become real ones. Durations (sleeps, timeouts) are divided by
 * {@code factor} but never made shorter than {@code floorNs} (or than themselves, if shorter):
 * a 1 ms interval stays 1 ms, a 1 s wait becomes 100 ms. Process start times keep their order
 * with at least {@code gapNs} between two different instants, so a server that starts first has
 * settled before its client starts.
 */
public record TimeScale(long factor, long floorNs, long gapNs) {
    public static final TimeScale DEFAULT = new TimeScale(10, 10_000_000L, 20_000_000L);
    /** Real time, unscaled (still with the gap between start times). */
    public static final TimeScale REAL_TIME = new TimeScale(1, 0, 20_000_000L);

    public TimeScale {
        if (factor < 1 || floorNs < 0 || gapNs < 0) {
            throw new IllegalArgumentException("time scale factor must be at least 1");
        }
    }

    /** A sleep or timeout in real nanoseconds; negative (none) stays negative. */
    public long duration(long simNs) {
        if (simNs <= 0) {
            return simNs;
        }
        return Math.max(simNs / factor, Math.min(simNs, floorNs));
    }

    /**
     * Real offsets for simulated instants (process starts, the end of the run): scaled like
     * durations, then pushed apart so that two different instants are at least {@code gapNs} apart
     * and their order is kept.
     */
    public Map<Long, Long> instants(Iterable<Long> simInstants) {
        TreeSet<Long> sorted = new TreeSet<>();
        for (Long t : simInstants) {
            sorted.add(t);
        }
        Map<Long, Long> out = new TreeMap<>();
        long prev = -1;
        for (long t : sorted) {
            long real = duration(t);
            if (prev >= 0) {
                real = Math.max(real, prev + gapNs);
            }
            out.put(t, real);
            prev = real;
        }
        return out;
    }
}
