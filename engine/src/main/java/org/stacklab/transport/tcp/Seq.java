package org.stacklab.transport.tcp;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 section 3.4): numbers are unsigned 32-bit
 * values held in a {@code long}; comparisons look at the signed 32-bit difference.
 */
final class Seq {
    static final long MASK = 0xFFFFFFFFL;

    private Seq() {}

    static long add(long s, long n) {
        return (s + n) & MASK;
    }

    /** {@code a - b} as a signed 32-bit distance. */
    static int diff(long a, long b) {
        return (int) (a - b);
    }

    static boolean lt(long a, long b) {
        return diff(a, b) < 0;
    }

    static boolean le(long a, long b) {
        return diff(a, b) <= 0;
    }

    static boolean gt(long a, long b) {
        return diff(a, b) > 0;
    }

    static boolean ge(long a, long b) {
        return diff(a, b) >= 0;
    }

    static long max(long a, long b) {
        return gt(a, b) ? a : b;
    }
}
