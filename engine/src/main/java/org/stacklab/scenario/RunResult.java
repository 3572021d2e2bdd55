package org.stacklab.scenario;

import java.util.List;

/**
 * What a run ended with: every expectation's result (the scenario's own, plus implicit ones:
 * processes that failed, steps left waiting), and the run's totals.
 */
public record RunResult(World world, List<Check> checks, long endNs, long events) {
    /** One checked claim; {@code line} is where the scenario states it (0 when implicit). */
    public record Check(String description, boolean held, String detail, int line) {}

    public boolean allHeld() {
        for (Check c : checks) {
            if (!c.held()) {
                return false;
            }
        }
        return true;
    }
}
