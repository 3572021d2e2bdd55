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
}
