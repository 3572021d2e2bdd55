package org.stacklab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    @Test
    void eventsRunInTimeOrderAndTiesInSchedulingOrder() {
        Simulator sim = new Simulator(1);
        List<String> seen = new ArrayList<>();
        sim.schedule(20, () -> seen.add("c@20"));
        sim.schedule(10, () -> seen.add("a@10"));
        sim.schedule(10, () -> seen.add("b@10"));
        sim.run();
        assertEquals(List.of("a@10", "b@10", "c@20"), seen);
        assertEquals(20, sim.now());
        assertEquals(3, sim.executed());
    }

    @Test
    void cancelledEventDoesNotRun() {
        Simulator sim = new Simulator(1);
        List<String> seen = new ArrayList<>();
        EventHandle h = sim.schedule(5, () -> seen.add("x"));
        sim.schedule(6, () -> seen.add("y"));
        h.cancel();
        assertTrue(h.isCancelled());
        sim.run();
        assertEquals(List.of("y"), seen);
        assertEquals(1, sim.executed());
    }

    @Test
    void cancellingAFiredEventChangesNothing() {
        Simulator sim = new Simulator(1);
        EventHandle h = sim.schedule(5, () -> {});
        sim.run();
        h.cancel();
        assertFalse(h.isCancelled());
    }

    @Test
    void runUntilStopsAtTheLimitAndLeavesLaterEvents() {
        Simulator sim = new Simulator(1);
        List<Long> seen = new ArrayList<>();
        for (long t : new long[] {5, 10, 15}) {
            sim.schedule(t, () -> seen.add(sim.now()));
        }
        sim.runUntil(10);
        assertEquals(List.of(5L, 10L), seen);
        assertEquals(10, sim.now());
        assertEquals(15, sim.nextEventTime());
    }

    @Test
    void runUntilMovesTheClockToTheLimitWhenLaterEventsWait() {
        Simulator sim = new Simulator(1);
        sim.schedule(100, () -> {});
        sim.runUntil(40);
        assertEquals(40, sim.now());
    }

    @Test
    void schedulingIntoThePastIsRefused() {
        Simulator sim = new Simulator(1);
        sim.schedule(10, () -> {});
        sim.run();
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(5, () -> {}));
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, () -> {}));
    }

    @Test
    void eventsScheduledByEventsRun() {
        Simulator sim = new Simulator(1);
        int[] count = {0};
        Runnable[] chain = new Runnable[1];
        chain[0] = () -> {
            if (++count[0] < 1000) {
                sim.schedule(3, chain[0]);
            }
        };
        sim.schedule(0, chain[0]);
        sim.run();
        assertEquals(1000, count[0]);
        assertEquals(2997, sim.now());
    }

    @Test
    void stopEndsTheRunAfterTheCurrentEvent() {
        Simulator sim = new Simulator(1);
        List<Integer> seen = new ArrayList<>();
        sim.schedule(1, () -> {
            seen.add(1);
            sim.stop();
        });
        sim.schedule(2, () -> seen.add(2));
        sim.run();
        assertEquals(List.of(1), seen);
        sim.run();
        assertEquals(List.of(1, 2), seen);
    }

    @Test
    void sameSeedGivesSameRandomStream() {
        SimRandom a = new SimRandom(42);
        SimRandom b = new SimRandom(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertTrue(new SimRandom(1).nextLong() != new SimRandom(2).nextLong());
    }

    @Test
    void splitmixMatchesTheReferenceSequence() {
        // splitmix64 with state 42, as in the W3 workload definition of the speed anchor.
        SimRandom r = new SimRandom(42);
        long first = r.nextLong();
        long s = 42 + 0x9E3779B97F4A7C15L;
        long z = s;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        assertEquals(z ^ (z >>> 31), first);
    }

    @Test
    void simTimeFormatsLikeTcpdump() {
        assertEquals("0.010000000", SimTime.format(10 * SimTime.MS));
        assertEquals("12.000000007", SimTime.format(12 * SimTime.S + 7));
        assertEquals("10ms", SimTime.human(10 * SimTime.MS));
        assertEquals("1500us", SimTime.human(1500 * SimTime.US));
    }

    @Test
    void rearmedTimersDoNotGrowTheQueueAndOrderHolds() {
        Simulator sim = new Simulator(1);
        List<Long> fired = new ArrayList<>();
        EventHandle[] timer = new EventHandle[1];
        for (int i = 0; i < 100_000; i++) {
            long at = 1_000_000 + i;
            if (timer[0] != null) {
                timer[0].cancel();
            }
            timer[0] = sim.scheduleAt(at, () -> fired.add(sim.now()));
            if (i % 1000 == 0) {
                sim.scheduleAt(i, () -> fired.add(sim.now()));
            }
        }
        assertTrue(sim.pending() < 5_000, "pending " + sim.pending());
        sim.run();
        assertEquals(101, fired.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i * 1000L, fired.get(i));
        }
        assertEquals(1_000_000 + 99_999L, fired.get(100));
        assertEquals(101, sim.executed());
    }

    @Test
    void schedulingBeforeAPeekedEventAfterRunUntilKeepsTheOrder() {
        Simulator sim = new Simulator(1);
        List<String> seen = new ArrayList<>();
        sim.scheduleAt(10, () -> seen.add("a@10"));
        sim.scheduleAt(1_000_000, () -> seen.add("z@1000000"));
        sim.runUntil(5); // looks at the next event (10) and stops before it
        assertEquals(5, sim.now());
        sim.scheduleAt(7, () -> seen.add("b@7"));
        sim.scheduleAt(10, () -> seen.add("c@10"));
        sim.scheduleAt(6, () -> seen.add("d@6"));
        sim.run();
        assertEquals(List.of("d@6", "b@7", "a@10", "c@10", "z@1000000"), seen);
    }
}
