package org.stacklab.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the units a scenario file writes: times, bandwidths, loss rates and port ranges.
 *
 * <p>Every parser is exact (a time is a whole number of nanoseconds, never a rounded double) and
 * throws {@link IllegalArgumentException} with a message fit to show the user.
 */
public final class Units {
    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]{1,30}(?:\\.[0-9]{1,30})?)\\s*(\\S*)");
    private static final Pattern PORT_RANGE = Pattern.compile("([0-9]{1,9})\\s*-\\s*([0-9]{1,9})");
    private static final Map<String, Long> TIME_UNITS =
            Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L);
    private static final Map<String, Long> BANDWIDTH_UNITS = Map.of(
            "bps", 1L, "Kbps", 1_000L, "kbps", 1_000L, "Mbps", 1_000_000L, "mbps", 1_000_000L,
            "Gbps", 1_000_000_000L, "gbps", 1_000_000_000L);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Units() {}

    /** Parses a time such as {@code 10ms}, {@code 1.5ms} or {@code 30s} into nanoseconds; "0" alone is 0. */
    /** The longest time a scenario may state (10^6 s): far from overflowing a long of nanoseconds when added up. */
    public static final long MAX_TIME_NS = 1_000_000L * 1_000_000_000L;

    public static long parseTime(String text) {
        String t = strip(text);
        if (t.equals("0")) {
            return 0;
        }
        String bad = "bad time '" + t + "': ";
        if (t.startsWith("-")) {
            throw new IllegalArgumentException(bad + "a time cannot be negative");
        }
        Matcher m = NUMBER_UNIT.matcher(t);
        Long scale = m.matches() ? TIME_UNITS.get(m.group(2)) : null;
        if (scale == null) {
            throw new IllegalArgumentException(bad + "expected a number with a unit ns, us, ms or s");
        }
        long ns = exact(m.group(1), scale, bad, "not a whole number of nanoseconds");
        if (ns > MAX_TIME_NS) {
            throw new IllegalArgumentException(bad + "at most " + MAX_TIME_NS / 1_000_000_000L
                    + "s (about 11 days): sums of such times cannot overflow the clock, nor pcap's 32-bit seconds");
        }
        return ns;
    }

    /** Parses a bandwidth such as {@code 100Mbps} into bits per second (above 0). */
    public static long parseBandwidth(String text) {
        String t = strip(text);
        String bad = "bad bandwidth '" + t + "': ";
        if (t.startsWith("-")) {
            throw new IllegalArgumentException(bad + "a bandwidth cannot be negative");
        }
        Matcher m = NUMBER_UNIT.matcher(t);
        Long scale = m.matches() ? BANDWIDTH_UNITS.get(m.group(2)) : null;
        if (scale == null) {
            throw new IllegalArgumentException(bad + "expected a number with a unit bps, Kbps, Mbps or Gbps");
        }
        long bps = exact(m.group(1), scale, bad, "not a whole number of bits per second");
        if (bps == 0) {
            throw new IllegalArgumentException(bad + "a bandwidth must be above 0");
        }
        return bps;
    }

    /** Parses a loss rate: a percentage ({@code 1%}, {@code 0.5%}) or a fraction ({@code 0.01}). */
    public static double parseLoss(String text) {
        String t = strip(text);
        String bad = "bad loss '" + t + "': ";
        boolean percent = t.endsWith("%");
        BigDecimal value;
        try {
            value = new BigDecimal(percent ? t.substring(0, t.length() - 1).strip() : t);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(bad + "expected a percentage like 1% or a fraction like 0.01");
        }
        if (percent) {
            if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException(bad + "must be between 0% and 100%");
            }
            return value.doubleValue() / 100.0;
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(bad + "outside 0-100%: a fraction must be between 0 and 1"
                    + " (write '" + t + "%' for a percentage)");
        }
        return value.doubleValue();
    }

    /** Parses a loss rate given as a YAML number: a fraction between 0 and 1. */
    public static double parseLoss(Number fraction) {
        if (fraction == null) {
            throw new IllegalArgumentException("bad loss: no value");
        }
        return parseLoss(fraction.toString());
    }

    /** Parses {@code LOW-HIGH} (both 1..65535, LOW <= HIGH) into {@code {low, high}}. */
    public static int[] parsePortRange(String text) {
        String t = strip(text);
        String bad = "bad port range '" + t + "': ";
        Matcher m = PORT_RANGE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(bad + "expected LOW-HIGH like 32768-60999");
        }
        int low = Integer.parseInt(m.group(1));
        int high = Integer.parseInt(m.group(2));
        if (low < 1 || high < 1 || low > 65535 || high > 65535) {
            throw new IllegalArgumentException(bad + "ports must be between 1 and 65535");
        }
        if (low > high) {
            throw new IllegalArgumentException(bad + low + " is above " + high);
        }
        return new int[] {low, high};
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    /** {@code number * scale} when it is a whole number that fits a long. */
    private static long exact(String number, long scale, String bad, String notWhole) {
        BigDecimal v = new BigDecimal(number).multiply(BigDecimal.valueOf(scale));
        BigInteger whole;
        try {
            whole = v.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(bad + notWhole);
        }
        if (whole.bitLength() > 63) {
            throw new IllegalArgumentException(bad + "too large");
        }
        return whole.longValue();
    }
}
