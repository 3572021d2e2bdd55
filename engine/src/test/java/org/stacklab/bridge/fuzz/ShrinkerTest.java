package org.stacklab.bridge.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.stacklab.bridge.Differential;
import org.stacklab.bridge.Differential.Kind;

/** The shrinker on injected "differences" (no world runs), and the generator's seeding. */
class ShrinkerTest {
    @Test
    void aDifferenceNeedingOneStepShrinksToThatStep() {
        List<Differential.Op> ops = new ArrayList<>(Generator.sequence(5, 0));
        Differential.Op listen = new Differential.Op(2, Kind.LISTEN, 1, 2, 3, true, false);
        ops.add(ops.size() / 2, listen);
        Predicate<List<Differential.Op>> differs = c -> c.contains(listen);
        Shrinker.Shrunk<Differential.Op> s = Shrinker.shrink(ops, Differential.Op::proc, differs, 1000);
        assertEquals(List.of(listen), s.steps());
    }

    @Test
    void aDifferenceNeedingTwoStepsKeepsBothInOrderAndNothingElse() {
        List<Integer> start = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            start.add(i);
        }
        Predicate<List<Integer>> differs = c -> c.indexOf(31) > c.indexOf(7) && c.indexOf(7) >= 0;
        Shrinker.Shrunk<Integer> s = Shrinker.shrink(start, i -> i % 3, differs, 1000);
        assertEquals(List.of(7, 31), s.steps());
    }

    @Test
    void processesAreDroppedWholeFirst() {
        List<Differential.Op> ops = Generator.sequence(9, 4);
        assertTrue(ops.stream().anyMatch(o -> o.proc() == 0), "needs a call of process a1: " + ops);
        int[] calls = {0};
        Shrinker.Shrunk<Differential.Op> s = Shrinker.shrink(ops, Differential.Op::proc, c -> {
            calls[0]++;
            return c.stream().anyMatch(o -> o.proc() == 0);
        }, 1000);
        assertEquals(1, s.steps().size());
        assertEquals(0, s.steps().get(0).proc());
        assertEquals(calls[0], s.tried());
    }

    @Test
    void theBudgetBoundsTheRuns() {
        List<Integer> start = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            start.add(i);
        }
        int[] calls = {0};
        Shrinker.Shrunk<Integer> s = Shrinker.shrink(start, i -> 0, c -> {
            calls[0]++;
            return c.contains(5) && c.contains(60);
        }, 7);
        assertEquals(7, calls[0]);
        assertEquals(7, s.tried());
        assertTrue(s.steps().contains(5) && s.steps().contains(60));
        assertTrue(s.steps().size() < 64);
    }

    @Test
    void aSeedAndTryAlwaysDrawTheSameSequence() {
        assertEquals(Generator.sequence(42, 3), Generator.sequence(42, 3));
        assertNotEquals(Generator.sequence(42, 3), Generator.sequence(42, 4));
        assertNotEquals(Generator.sequence(42, 3), Generator.sequence(43, 3));
        for (int n = 0; n < 50; n++) {
            int size = Generator.sequence(1, n).size();
            assertTrue(size >= Generator.MIN_CALLS && size <= Generator.MAX_CALLS, "size " + size);
        }
    }
}
