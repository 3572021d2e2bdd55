package org.stacklab.sim;

/**
 * The discrete-event loop: one thread, events ordered by (time, sequence).
 *
 * <p>Contract, after ns-3's scheduler and SimPy's core:
 * <ul>
 *   <li>{@link #now()} never goes backwards; scheduling into the past is an error.</li>
 *   <li>Events at the same instant run in the order they were scheduled, so every run of the
 *       same inputs repeats exactly.</li>
 *   <li>Cancelling is a flag: a cancelled event is skipped when it reaches the head, and when
 *       cancelled events are more than half of the queue they are swept out in one pass, so a
 *       model that re-arms timers does not grow the queue.</li>
 * </ul>
 * The loop never sees how the queue works: {@link EventQueue} keeps the pending events (a radix
 * heap) and hands them out in that order.
 */
public final class Simulator {
    private final EventQueue queue = new EventQueue();
    private long now;
    private long executed;
    private boolean stopRequested;
    private final SimRandom random;
    private long progressEvery = Long.MAX_VALUE;
    private long nextProgress = Long.MAX_VALUE;
    private Runnable progress;

    public Simulator(long seed) {
        this.random = new SimRandom(seed);
    }

    /** The current simulated time in nanoseconds. */
    public long now() {
        return now;
    }

    /** The run's seeded random source. */
    public SimRandom random() {
        return random;
    }

    /** Events run so far (cancelled ones are not counted). */
    public long executed() {
        return executed;
    }

    /** Events waiting in the queue, cancelled ones included until they reach the head or are swept out. */
    public int pending() {
        return queue.size();
    }

    /**
     * Calls {@code hook} every {@code everyEvents} executed events (for a progress line); the
     * hook must not schedule events.
     */
    public void onProgress(long everyEvents, Runnable hook) {
        this.progressEvery = everyEvents;
        this.nextProgress = executed + everyEvents;
        this.progress = hook;
    }

    /** Runs {@code action} {@code delay} nanoseconds from now. */
    public EventHandle schedule(long delay, Runnable action) {
        if (delay < 0) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        // saturates: a clock at the end of time stays there instead of wrapping into the past
        long time = delay > SimTime.END - now ? Math.max(now, SimTime.END) : now + delay;
        return queue.add(time, action);
    }

    /** Runs {@code action} at the absolute instant {@code time}, which must not be in the past. */
    public EventHandle scheduleAt(long time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException(
                    "cannot schedule at " + time + "ns, before now (" + now + "ns)");
        }
        return queue.add(Math.min(time, Math.max(now, SimTime.END)), action);
    }

    /** Runs until no event is left or {@link #stop()} is called. */
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs every event with time {@code <= limit}, then sets the clock to {@code limit} (if the
     * queue still holds later events) so that "the run stops at T" means exactly T.
     */
    public void runUntil(long limit) {
        stopRequested = false;
        while (!queue.isEmpty() && !stopRequested) {
            if (queue.peekTime() > limit) {
                now = Math.max(now, limit);
                return;
            }
            EventQueue.Event head = queue.poll();
            if (!head.cancelled) {
                fire(head);
            }
        }
    }

    /** Runs the next event that is not cancelled; returns false when the queue is empty. */
    public boolean step() {
        while (!queue.isEmpty()) {
            EventQueue.Event head = queue.poll();
            if (!head.cancelled) {
                fire(head);
                return true;
            }
        }
        return false;
    }

    /** Makes the current {@link #run} / {@link #runUntil} return after the running event. */
    public void stop() {
        stopRequested = true;
    }

    /** The time of the earliest pending event that is not cancelled, or -1 if none. */
    public long nextEventTime() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
        return queue.isEmpty() ? -1 : queue.peekTime();
    }

    private void fire(EventQueue.Event e) {
        if (e.time < now) {
            throw new IllegalStateException("time went backwards: " + e.time + " < " + now);
        }
        now = e.time;
        executed++;
        e.fired = true;
        e.action.run();
        if (executed == nextProgress) {
            nextProgress += progressEvery;
            progress.run();
        }
    }
}
