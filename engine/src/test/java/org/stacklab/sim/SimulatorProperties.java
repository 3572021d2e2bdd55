package org.stacklab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SimulatorProperties {
    /** For any set of scheduled events, execution is sorted by time and stable for equal times. */
    @Property(tries = 300)
    void executionIsSortedByTimeAndStable(@ForAll @Size(max = 300) List<@LongRange(min = 0, max = 50) Long> delays) {
        Simulator sim = new Simulator(7);
        List<long[]> fired = new ArrayList<>();
        for (int i = 0; i < delays.size(); i++) {
            long[] ev = {delays.get(i), i};
            sim.schedule(delays.get(i), () -> fired.add(ev));
        }
        sim.run();
        List<long[]> expected = new ArrayList<>();
        for (int i = 0; i < delays.size(); i++) {
            expected.add(new long[] {delays.get(i), i});
        }
        expected.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        assertEquals(expected.size(), fired.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[1], fired.get(i)[1], "position " + i);
        }
    }

    /** Events scheduled while running, and cancellations, keep the order and skip only the cancelled. */
    @Property(tries = 200)
    void nestedSchedulingAndCancellationKeepOrder(@ForAll @Size(max = 100) List<@LongRange(min = 0, max = 20) Long> delays,
            @ForAll @Size(max = 100) List<Boolean> cancel) {
        Simulator sim = new Simulator(3);
        List<Long> times = new ArrayList<>();
        int expected = 0;
        for (int i = 0; i < delays.size(); i++) {
            long d = delays.get(i);
            EventHandle h = sim.schedule(d, () -> {
                times.add(sim.now());
                sim.schedule(d, () -> times.add(sim.now()));
            });
            if (i < cancel.size() && cancel.get(i)) {
                h.cancel();
            } else {
                expected += 2;
            }
        }
        sim.run();
        assertEquals(expected, times.size());
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i) < times.get(i - 1)) {
                throw new AssertionError("time went backwards at " + i + ": " + times);
            }
        }
    }

    /**
     * Against a reference model, sorted by (time, scheduling order): random delays over the whole
     * range the buckets distinguish, events scheduling more events, cancellations (enough to set
     * off sweeps), and runUntil stopping between events so that later events are scheduled before
     * one the queue has already looked at.
     */
    @Property(tries = 200)
    void matchesAReferenceOrderUnderNestingCancellingAndStops(@ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Simulator sim = new Simulator(1);
        List<long[]> pending = new ArrayList<>(); // {time, order, id}
        List<Long> fired = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        long[] order = {0};
        java.util.Map<Long, EventHandle> handles = new java.util.HashMap<>();
        java.util.Set<Long> cancelled = new java.util.HashSet<>();
        java.util.function.LongFunction<Runnable>[] make = new java.util.function.LongFunction[1];
        make[0] = id -> () -> {
            fired.add(id);
            if (r.nextInt(3) == 0) {
                long t = sim.now() + delay(r);
                long nid = 1_000_000 + order[0];
                pending.add(new long[] {t, order[0]++, nid});
                handles.put(nid, sim.scheduleAt(t, make[0].apply(nid)));
            }
        };
        int n = 50 + r.nextInt(6000);
        int cancelOneIn = 2 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            long t = sim.now() + delay(r);
            pending.add(new long[] {t, order[0]++, i});
            handles.put((long) i, sim.scheduleAt(t, make[0].apply(i)));
            if (r.nextInt(cancelOneIn) == 0 && i > 0) {
                long victim = r.nextInt(i);
                handles.get(victim).cancel();
                if (!fired.contains(victim)) {
                    cancelled.add(victim);
                }
            }
            if (r.nextInt(200) == 0) {
                sim.runUntil(sim.now() + r.nextInt(1000));
                // what ran is what the model says ran up to now
            }
        }
        sim.run();
        // The model: every event not cancelled before it ran, in (time, order); nested ones included.
        pending.sort(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
        for (long[] p : pending) {
            if (!cancelled.contains(p[2])) {
                expected.add(p[2]);
            }
        }
        assertEquals(expected, fired);
    }

    private static long delay(java.util.SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0:
                return 0;
            case 1:
                return r.nextInt(16);
            case 2:
                return r.nextInt(1_000_000);
            default:
                return r.nextLong(1L << 40);
        }
    }
}
