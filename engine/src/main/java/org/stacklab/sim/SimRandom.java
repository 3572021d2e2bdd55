package org.stacklab.sim;

/**
 * The run's one source of randomness: splitmix64, seeded by the scenario's seed.
 *
 * <p>Initial sequence numbers, ephemeral port choice, link loss and REUSEPORT hashing all draw
 * from here (or from a stream {@link #fork forked} from here), in event order, so a run repeats
 * exactly.
 */
public final class SimRandom {
    private long state;

    public SimRandom(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform integer in {@code [0, bound)}; {@code bound} must be positive. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** A uniform double in {@code [0, 1)}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** An independent stream whose draws do not disturb this one's sequence after the fork. */
    public SimRandom fork() {
        return new SimRandom(nextLong());
    }

    /** A keyed 64-bit mix, for hashes that must be stable for one run's seed (REUSEPORT). */
    public static long mix(long key, long value) {
        long z = key ^ (value * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
