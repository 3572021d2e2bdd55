package org.stacklab.sim;

/**
 * The discrete-event loop: one thread, events ordered by (time, sequence).
 *
 * <p>Contract, after ns-3's scheduler and SimPy's core:
 * <ul>
 *   <li>{@link #now()} never goes backwards; scheduling into the past is an error.</li>
 *   <li>Events at the same instant run in the order they were scheduled (the sequence number
 *       breaks ties), so every run of the same inputs repeats exactly.</li>
 *   <li>Cancelling is a flag: a cancelled event is skipped when it reaches the head.</li>
 * </ul>
 * The queue is a binary heap of event objects; the hot path allocates one small object per
 * scheduled event and nothing else.
 */
public final class Simulator {
    private Event[] heap = new Event[1024];
    private int size;
    private long nextSeq;
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

    /** Events waiting in the queue, cancelled ones included until they reach the head. */
    public int pending() {
        return size;
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
        return insert(new Event(now + delay, nextSeq++, action));
    }

    /** Runs {@code action} at the absolute instant {@code time}, which must not be in the past. */
    public EventHandle scheduleAt(long time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException(
                    "cannot schedule at " + time + "ns, before now (" + now + "ns)");
        }
        return insert(new Event(time, nextSeq++, action));
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
        while (size > 0 && !stopRequested) {
            Event head = heap[0];
            if (head.time > limit) {
                now = Math.max(now, limit);
                return;
            }
            pop();
            if (head.cancelled) {
                continue;
            }
            fire(head);
        }
    }

    /** Runs the next event that is not cancelled; returns false when the queue is empty. */
    public boolean step() {
        while (size > 0) {
            Event head = pop();
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
        while (size > 0 && heap[0].cancelled) {
            pop();
        }
        return size > 0 ? heap[0].time : -1;
    }

    private void fire(Event e) {
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

    private Event insert(Event e) {
        if (size == heap.length) {
            heap = java.util.Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        // sift up
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!e.before(p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = e;
        return e;
    }

    private Event pop() {
        Event[] h = heap;
        Event top = h[0];
        int n = --size;
        Event last = h[n];
        h[n] = null;
        if (n > 0) {
            int i = 0;
            int half = n >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                Event c = h[child];
                int right = child + 1;
                if (right < n && h[right].before(c)) {
                    child = right;
                    c = h[child];
                }
                if (!c.before(last)) {
                    break;
                }
                h[i] = c;
                i = child;
            }
            h[i] = last;
        }
        return top;
    }

    /** One queue entry; it is its own handle. */
    private static final class Event implements EventHandle {
        final long time;
        final long seq;
        final Runnable action;
        boolean cancelled;
        boolean fired;

        Event(long time, long seq, Runnable action) {
            this.time = time;
            this.seq = seq;
            this.action = action;
        }

        boolean before(Event o) {
            return time < o.time || (time == o.time && seq < o.seq);
        }

        @Override
        public void cancel() {
            if (!fired) {
                cancelled = true;
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public long time() {
            return time;
        }
    }
}
