package org.stacklab.cli.bench;

import org.stacklab.sim.Simulator;

/**
 * W3 {@code event-core}: the engine's event loop alone, exactly as the ns-3 anchor's workload definition
 * defines it. One global splitmix64 stream (state 42) drawn in execution order; a delay is
 * {@code 1 + (next() mod 1,000,000)} ns. <em>chain</em>: one event, each executed event schedules
 * the next. <em>hold</em>: K events pre-scheduled, each executed event schedules one more. Every
 * schedule goes through {@link Simulator#schedule}, which allocates a fresh event, as ns-3 does.
 * The sum of executed timestamps (mod 2^64) and the N-th event's time do not depend on
 * tie-breaking, so they must match the anchor's table.
 */
final class EventCore implements Runnable {
    /** The N of the anchor's workload table (docs/performance.md): the one N whose checksums are known. */
    static final long N_DEFAULT = 10_000_000L;

    record Result(String mode, int pending, long executed, long checksum, long lastNs, double prefillS,
            double loopS) {
        double eventsPerS() {
            return executed / loopS;
        }
    }

    private final Simulator sim = new Simulator(0);
    private final long n;
    private long state = 42;
    private long done;
    private long sum;
    private long last;

    private EventCore(long n) {
        this.n = n;
    }

    private long delay() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return 1 + Long.remainderUnsigned(z, 1_000_000L);
    }

    /** One executed event: count it, add its time, schedule the next (a fresh event each time). */
    @Override
    public void run() {
        long now = sim.now();
        done++;
        sum += now;
        last = now;
        if (done >= n) {
            sim.stop();
            return;
        }
        sim.schedule(delay(), this);
    }

    /** Runs one configuration: {@code pending} = 1 is the chain, more is hold with K = pending. */
    static Result run(String mode, int pending, long n) {
        EventCore c = new EventCore(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < pending; i++) {
            c.sim.schedule(c.delay(), c);
        }
        long t1 = System.nanoTime();
        c.sim.run();
        long t2 = System.nanoTime();
        return new Result(mode, pending, c.done, c.sum, c.last, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    /** The anchor's checksum and N-th event time for a mode at N = 10M, or null. */
    static long[] expected(String mode) {
        return switch (mode) {
            case "chain" -> new long[] {6561099639371882400L, 5001066915041L};
            case "hold-100k" -> new long[] {251743184034995L, 50175867L};
            case "hold-1M" -> new long[] {26647376738993L, 5167297L};
            default -> null;
        };
    }
}
