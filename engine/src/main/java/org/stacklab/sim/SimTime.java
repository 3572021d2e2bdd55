package org.stacklab.sim;

/**
 * Simulated time: a {@code long} count of nanoseconds since the scenario began.
 *
 * <p>Never a {@code double} and never the system clock: every run of the same scenario sees the
 * same instants, so reports are byte-identical.
 */
public final class SimTime {
    public static final long NS = 1L;
    public static final long US = 1_000L;
    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;
    /**
     * The end of simulated time: the last second pcap's 32-bit seconds can hold (about 136 years).
     * Scheduling saturates here, so no sum of delays wraps the clock or a capture file.
     */
    public static final long END = 0xFFFF_FFFFL * S;

    private SimTime() {}

    /** Seconds with nine decimals, as tcpdump prints them: {@code 0.010000000}. */
    public static String format(long ns) {
        StringBuilder sb = new StringBuilder(16);
        appendTo(sb, ns);
        return sb.toString();
    }

    public static void appendTo(StringBuilder sb, long ns) {
        long s = ns / S;
        long frac = ns % S;
        sb.append(s).append('.');
        String f = Long.toString(frac);
        for (int i = f.length(); i < 9; i++) {
            sb.append('0');
        }
        sb.append(f);
    }

    /** The shortest exact human form: {@code 1s}, {@code 10ms}, {@code 1500us}, {@code 7ns}. */
    public static String human(long ns) {
        if (ns != 0 && ns % S == 0) {
            return ns / S + "s";
        }
        if (ns != 0 && ns % MS == 0) {
            return ns / MS + "ms";
        }
        if (ns != 0 && ns % US == 0) {
            return ns / US + "us";
        }
        return ns + "ns";
    }
}
