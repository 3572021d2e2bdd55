package org.stacklab.bridge.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Shrinks a sequence that shows a difference: first drops whole processes (every step of one),
 * then runs of steps, halving the run's length down to single steps, and starts over while
 * anything was dropped, keeping each smaller sequence for which {@code differs} still holds. At
 * most {@code budget} candidates are tried (each is a run in both worlds). The result is
 * 1-minimal when the budget lasts: dropping any one step makes it agree.
 */
public final class Shrinker {
    private Shrinker() {}

    /** What shrinking found: the smallest sequence that still differs and how many candidates it ran. */
    public record Shrunk<T>(List<T> steps, int tried) {}

    public static <T> Shrunk<T> shrink(List<T> start, Function<T, Object> process, Predicate<List<T>> differs, int budget) {
        List<T> best = List.copyOf(start);
        int tried = 0;
        boolean dropped = true;
        while (dropped && tried < budget) {
            dropped = false;
            Set<Object> procs = new LinkedHashSet<>();
            for (T t : best) {
                procs.add(process.apply(t));
            }
            for (Object p : procs) {
                if (procs.size() < 2 || tried >= budget) {
                    break;
                }
                List<T> c = new ArrayList<>();
                for (T t : best) {
                    if (!process.apply(t).equals(p)) {
                        c.add(t);
                    }
                }
                tried++;
                if (differs.test(c)) {
                    best = List.copyOf(c);
                    dropped = true;
                }
            }
            for (int run = Math.max(1, best.size() / 2); run >= 1 && tried < budget; run /= 2) {
                for (int from = best.size() - run; from >= 0 && tried < budget; from -= run) {
                    List<T> c = new ArrayList<>(best.subList(0, from));
                    c.addAll(best.subList(from + run, best.size()));
                    if (c.isEmpty()) {
                        continue;
                    }
                    tried++;
                    if (differs.test(c)) {
                        best = List.copyOf(c);
                        dropped = true;
                    }
                }
            }
        }
        return new Shrunk<>(best, tried);
    }
}
