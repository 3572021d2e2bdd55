package org.stacklab.sim;

/**
 * The discrete-event loop: one thread, events ordered by (time, sequence).
 *
 * <p>Contract, after ns-3's scheduler and SimPy's core:
 * <ul>
 *   <li>{@link #now()} never goes backwards; scheduling into the past is an error.</li>
 *   <li>Events at the same instant run in the order they were scheduled (the sequence number
 *       breaks ties), so every run of the same inputs repeats exactly.</li>
 *   <li>Cancelling is a flag: a cancelled event is skipped when it reaches the head, and when
 *       cancelled events are more than half of the queue they are swept out in one pass, so a
 *       model that re-arms timers does not grow the queue.</li>
 * </ul>
 * The queue is a 4-ary heap whose keys live in one {@code long[]}, (time, sequence) side by
 * side, with the event objects in a parallel array: sifting compares keys in contiguous memory
 * (four children's keys share one or two cache lines) and never touches an event object, so the cost
 * of a queue operation does not depend on where the garbage collector left the events. The
 * hot path allocates one small object per scheduled event and nothing else.
 */
public final class Simulator {
    /**
     * Children per node of the heap, a power of two. Measured (docs/performance.md): four beat
     * two and eight with 6,000 and 100,000 events pending; eight was ahead only at 500 and 1M.
     */
    private static final int ARITY_SHIFT = 2;
    private static final int ARITY = 1 << ARITY_SHIFT;
    /** keys[2i] is the time and keys[2i + 1] the sequence number of heap entry i. */
    private long[] keys = new long[2 * 1024];
    private Event[] heap = new Event[1024];
    private int size;
    /** Cancelled events still in the heap; when they are most of it, they are swept out at once. */
    private int cancelledPending;
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

    /** Events waiting in the queue, cancelled ones included until they reach the head or are swept out. */
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
        long time = now + delay;
        Event e = new Event(time, action);
        insert(e, time, nextSeq++);
        return e;
    }

    /** Runs {@code action} at the absolute instant {@code time}, which must not be in the past. */
    public EventHandle scheduleAt(long time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException(
                    "cannot schedule at " + time + "ns, before now (" + now + "ns)");
        }
        Event e = new Event(time, action);
        insert(e, time, nextSeq++);
        return e;
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
            if (keys[0] > limit) {
                now = Math.max(now, limit);
                return;
            }
            Event head = pop();
            if (head.cancelled) {
                cancelledPending--;
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
            cancelledPending--;
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
            cancelledPending--;
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

    private void insert(Event e, long time, long seq) {
        if (size == heap.length) {
            heap = java.util.Arrays.copyOf(heap, size * 2);
            keys = java.util.Arrays.copyOf(keys, size * 4);
        }
        long[] k = keys;
        Event[] h = heap;
        int i = size++;
        // sift up: parents that come after (time, seq) move down
        while (i > 0) {
            int parent = (i - 1) >>> ARITY_SHIFT;
            long pt = k[2 * parent];
            if (pt < time || (pt == time && k[2 * parent + 1] < seq)) {
                break;
            }
            k[2 * i] = pt;
            k[2 * i + 1] = k[2 * parent + 1];
            h[i] = h[parent];
            i = parent;
        }
        k[2 * i] = time;
        k[2 * i + 1] = seq;
        h[i] = e;
    }

    private Event pop() {
        Event[] h = heap;
        Event top = h[0];
        int n = --size;
        Event last = h[n];
        h[n] = null;
        if (n > 0) {
            siftDown(0, keys[2 * n], keys[2 * n + 1], last);
        }
        return top;
    }

    /** Places (t, s, e) at hole {@code i} or below: the earliest child moves up while it comes first. */
    private void siftDown(int i, long t, long s, Event e) {
        long[] k = keys;
        Event[] h = heap;
        int n = size;
        while (true) {
            int c = (i << ARITY_SHIFT) + 1;
            if (c >= n) {
                break;
            }
            int end = Math.min(c + ARITY, n);
            int best = c;
            long bt = k[2 * c];
            long bs = k[2 * c + 1];
            for (int j = c + 1; j < end; j++) {
                // Branch-free: which child is earliest is a coin toss the CPU cannot predict, so
                // both halves of the test are computed and the choice is a conditional move.
                long jt = k[2 * j];
                long js = k[2 * j + 1];
                boolean earlier = (jt < bt) | ((jt == bt) & (js < bs));
                best = earlier ? j : best;
                bt = earlier ? jt : bt;
                bs = earlier ? js : bs;
            }
            if (t < bt || (t == bt && s < bs)) {
                break;
            }
            k[2 * i] = bt;
            k[2 * i + 1] = bs;
            h[i] = h[best];
            i = best;
        }
        k[2 * i] = t;
        k[2 * i + 1] = s;
        h[i] = e;
    }

    private void cancelled() {
        cancelledPending++;
        if (cancelledPending > 1024 && 2 * cancelledPending > size) {
            sweep();
        }
    }

    /** Drops every cancelled event, then restores the heap bottom-up (Floyd, linear time). */
    private void sweep() {
        long[] k = keys;
        Event[] h = heap;
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!h[i].cancelled) {
                k[2 * n] = k[2 * i];
                k[2 * n + 1] = k[2 * i + 1];
                h[n++] = h[i];
            }
        }
        java.util.Arrays.fill(h, n, size, null);
        size = n;
        cancelledPending = 0;
        for (int i = (n - 2) >> ARITY_SHIFT; i >= 0; i--) {
            siftDown(i, k[2 * i], k[2 * i + 1], h[i]);
        }
    }

    /** One queue entry; it is its own handle (and knows its simulator, to count cancellations). */
    private final class Event implements EventHandle {
        final long time;
        final Runnable action;
        boolean cancelled;
        boolean fired;

        Event(long time, Runnable action) {
            this.time = time;
            this.action = action;
        }

        @Override
        public void cancel() {
            if (!fired && !cancelled) {
                cancelled = true;
                cancelled();
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
