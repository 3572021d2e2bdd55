package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The mistakes found so far in one file; the loader keeps going after each one. */
final class Problems {
    private record Problem(Pos pos, String message) {}

    private final List<Problem> found = new ArrayList<>();

    /** Records a mistake at {@code pos} (1:1 when the position is unknown). */
    void at(Pos pos, String message) {
        found.add(new Problem(pos == null ? Pos.UNKNOWN : pos, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    /** Every mistake as a {@link ScenarioError} of {@code file}, in file order, without repeats. */
    List<ScenarioError> errors(String file) {
        TreeSet<ScenarioError> sorted = new TreeSet<>();
        for (Problem p : found) {
            int line = Math.max(1, p.pos().line());
            int column = Math.max(1, p.pos().column());
            String message = p.message() == null || p.message().isBlank() ? "invalid scenario" : p.message();
            sorted.add(new ScenarioError(file, line, column, message));
        }
        return List.copyOf(sorted);
    }
}
