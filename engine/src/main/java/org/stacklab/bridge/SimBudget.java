package org.stacklab.bridge;

import org.stacklab.scenario.ScenarioRun;
import org.stacklab.scenario.World;
import org.stacklab.sim.Simulator;

/**
 * Bounds the bridge's simulated half as {@code --deadline} bounds the real one: at most
 * {@code maxEvents} events and the deadline's wall time. A scenario that never ends (a
 * {@code repeat: forever}, an echo with no interval) stops with a message instead of filling
 * memory with its recording; then nothing is compared and the real half is not run.
 */
final class SimBudget {
    private static final long CHECK_EVERY = 10_000;

    private SimBudget() {}

    /** Runs {@code w} to its end; null, or the message saying which budget stopped it. */
    static String run(World w, long maxEvents, long wallNs) {
        Simulator sim = w.sim();
        long t0 = System.nanoTime();
        String[] why = new String[1];
        sim.onProgress(CHECK_EVERY, () -> {
            if (why[0] != null) {
                return;
            }
            if (sim.executed() >= maxEvents) {
                why[0] = "the simulated half stopped after " + sim.executed() + " events (the bridge's limit is " + maxEvents
                        + ", --max-events): a scenario the bridge compares must end (give it an until, or fewer repeats)";
            } else if (System.nanoTime() - t0 >= wallNs) {
                why[0] = "the simulated half stopped after " + (System.nanoTime() - t0) / 1_000_000_000L + " s of wall time"
                        + " (--deadline) at " + sim.now() + " ns simulated: a scenario the bridge compares must end";
            }
            if (why[0] != null) {
                sim.stop();
            }
        });
        ScenarioRun.run(w, -1);
        return why[0];
    }
}
