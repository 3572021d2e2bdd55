package org.stacklab.cli;

import org.stacklab.sim.Simulator;

/**
 * How much a run may do: a number of events and a number of report bytes. A run that reaches
 * either stops there (a scenario that repeats forever ends), keeps what it wrote, and exits 1.
 * Counting events and bytes, never the wall clock, keeps a stopped run's reports deterministic.
 */
final class RunBudget {
    static final long DEFAULT_EVENTS = 200_000_000L;
    static final long DEFAULT_TRACE_BYTES = 1L << 30;
    /** How often (in events) the budget and the progress line are looked at. */
    private static final long CHECK_EVERY = 4096;

    private final long maxEvents;
    private final long maxTraceBytes;
    private final CountingStream.Total written = new CountingStream.Total();
    private String exceeded;

    RunBudget(long maxEvents, long maxTraceBytes) {
        this.maxEvents = maxEvents;
        this.maxTraceBytes = maxTraceBytes;
    }

    CountingStream.Total written() {
        return written;
    }

    /** Watches {@code sim}: stops it at the budget, and ticks {@code progress} on the way. */
    void watch(Simulator sim, Progress progress) {
        long every = Math.min(CHECK_EVERY, maxEvents);
        sim.onProgress(every, () -> {
            if (sim.executed() >= maxEvents) {
                exceeded = maxEvents + " events (--max-events)";
                sim.stop();
            } else if (written.bytes >= maxTraceBytes) {
                exceeded = maxTraceBytes + " bytes of reports (--max-trace-bytes)";
                sim.stop();
            }
            progress.tick();
        });
    }

    /** What the run reached, e.g. {@code 200000000 events (--max-events)}, or null. */
    String exceeded() {
        return exceeded;
    }
}
