package org.stacklab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The queue on its own, without the loop: what goes in comes out in (time, insertion) order. */
class EventQueueTest {
    @Test
    void cancelledEventsStillComeOutAndAreFlagged() {
        EventQueue q = new EventQueue();
        EventQueue.Event a = q.add(5, () -> { });
        q.add(3, () -> { });
        a.cancel();
        assertEquals(2, q.size());
        assertEquals(3, q.poll().time);
        EventQueue.Event out = q.poll();
        assertTrue(out.cancelled);
        assertEquals(5, out.time);
        assertTrue(q.isEmpty());
    }

    @Test
    void cancellingMostOfAQueueSweepsThemOut() {
        EventQueue q = new EventQueue();
        List<EventQueue.Event> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            all.add(q.add(i, () -> { }));
        }
        for (int i = 0; i < 2000; i++) {
            all.get(i).cancel();
        }
        // The 1501st cancellation makes them more than half of 3000: those 1501 go; the 499
        // cancelled after it wait, flagged, since they are not yet more than half of 1499.
        assertEquals(1499, q.size());
        EventQueue.Event head = q.poll();
        assertEquals(1501, head.time);
        assertTrue(head.cancelled);
    }

    /** Pops never decrease in time and keep insertion order among equal times, across refills. */
    @Property(tries = 200)
    void pollsComeOutSortedAndStable(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        EventQueue q = new EventQueue();
        List<long[]> model = new ArrayList<>(); // {time, order}
        List<long[]> out = new ArrayList<>();
        long floor = 0;
        long order = 0;
        int n = 1 + r.nextInt(2000);
        for (int i = 0; i < n; i++) {
            long t = floor + (r.nextBoolean() ? r.nextInt(8) : r.nextLong(1L << 40));
            long[] entry = {t, order++};
            model.add(entry);
            q.add(t, () -> out.add(entry));
            if (r.nextInt(4) == 0) {
                EventQueue.Event e = q.poll();
                floor = e.time;
                e.action.run();
            }
        }
        while (!q.isEmpty()) {
            q.poll().action.run();
        }
        model.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        assertEquals(model.size(), out.size());
        for (int i = 1; i < out.size(); i++) {
            long[] p = out.get(i - 1);
            long[] c = out.get(i);
            assertTrue(p[0] < c[0] || (p[0] == c[0] && p[1] < c[1]), "position " + i);
        }
    }
}
