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
 * The queue is a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan), which fits a simulator
 * exactly: times never go below the last one taken out. An event waits in the bucket of the
 * highest bit in which its time differs from that last time; bucket 0 holds the events at that
 * very time, in scheduling order, and is where events leave from. When bucket 0 is empty, the
 * lowest non-empty bucket is spread over the lower ones around its earliest time. Buckets are
 * first-in first-out and spreading keeps their order, so events at one instant leave in the order
 * they were scheduled, which is the (time, sequence) order without a sequence number. An event
 * moves at most once per bit of its delay (a few times in practice), each move a sequential
 * append; nothing compares events except the scan for a bucket's earliest time. Measured against
 * binary and 4-ary heaps in docs/performance.md. The hot path allocates one small object per
 * scheduled event and nothing else.
 */
public final class Simulator {
    private static final int BUCKETS = 65;
    /** Per bucket: the events' times and the events, in the order they entered the bucket. */
    private final long[][] times = new long[BUCKETS][];
    private final Event[][] events = new Event[BUCKETS][];
    private final int[] counts = new int[BUCKETS];
    /** Bucket 0 is read from {@code head0} on; the others are emptied all at once. */
    private int head0;
    /** Bit b - 1 is set when bucket b (1..64) holds events. */
    private long occupied;
    /** The time every bucket is relative to: the earliest pending time at the last refill. */
    private long last;
    private int size;
    /** Cancelled events still in the queue; when they are most of it, they are swept out at once. */
    private int cancelledPending;
    private long now;
    private long executed;
    private boolean stopRequested;
    private final SimRandom random;
    private long progressEvery = Long.MAX_VALUE;
    private long nextProgress = Long.MAX_VALUE;
    private Runnable progress;

    public Simulator(long seed) {
        this.random = new SimRandom(seed);
        for (int b = 0; b < BUCKETS; b++) {
            times[b] = new long[b == 0 ? 64 : 8];
            events[b] = new Event[b == 0 ? 64 : 8];
        }
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
        // saturates: a clock at the end of time stays there instead of wrapping into the past
        long time = delay > SimTime.END - now ? Math.max(now, SimTime.END) : now + delay;
        Event e = new Event(time, action);
        insert(e, time);
        return e;
    }

    /** Runs {@code action} at the absolute instant {@code time}, which must not be in the past. */
    public EventHandle scheduleAt(long time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException(
                    "cannot schedule at " + time + "ns, before now (" + now + "ns)");
        }
        time = Math.min(time, Math.max(now, SimTime.END));
        Event e = new Event(time, action);
        insert(e, time);
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
            if (peekTime() > limit) {
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
        while (size > 0 && peek().cancelled) {
            pop();
            cancelledPending--;
        }
        return size > 0 ? peekTime() : -1;
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

    private static int bucketOf(long time, long last) {
        return time == last ? 0 : 64 - Long.numberOfLeadingZeros(time ^ last);
    }

    private void insert(Event e, long time) {
        if (size == 0) {
            last = time; // an empty queue may move its reference forward to any time: bucket 0
        } else if (time < last) {
            rebuildFrom(time); // only after runUntil stopped short of a refilled bucket 0
        }
        int b = bucketOf(time, last);
        append(b, time, e);
        size++;
    }

    private void append(int b, long time, Event e) {
        int n = counts[b];
        if (n == times[b].length) {
            times[b] = java.util.Arrays.copyOf(times[b], n * 2);
            events[b] = java.util.Arrays.copyOf(events[b], n * 2);
        }
        times[b][n] = time;
        events[b][n] = e;
        counts[b] = n + 1;
        if (b > 0) {
            occupied |= 1L << (b - 1);
        }
    }

    /** The earliest pending time; the queue must not be empty. */
    private long peekTime() {
        if (head0 == counts[0]) {
            refill();
        }
        return last;
    }

    private Event peek() {
        if (head0 == counts[0]) {
            refill();
        }
        return events[0][head0];
    }

    private Event pop() {
        if (head0 == counts[0]) {
            refill();
        }
        Event[] out = events[0];
        Event e = out[head0];
        out[head0++] = null;
        if (head0 == counts[0]) {
            head0 = 0;
            counts[0] = 0;
        }
        size--;
        return e;
    }

    /** Bucket 0 is empty: spread the lowest non-empty bucket around its earliest time. */
    private void refill() {
        head0 = 0;
        counts[0] = 0;
        int b = Long.numberOfTrailingZeros(occupied) + 1;
        long[] t = times[b];
        Event[] ev = events[b];
        int n = counts[b];
        long min = t[0];
        for (int i = 1; i < n; i++) {
            min = Math.min(min, t[i]);
        }
        last = min;
        counts[b] = 0;
        occupied &= ~(1L << (b - 1));
        for (int i = 0; i < n; i++) {
            append(bucketOf(t[i], min), t[i], ev[i]); // every one lands below b, in order
            ev[i] = null;
        }
    }

    /**
     * Makes {@code time}, earlier than the buckets' reference, the new reference: every pending
     * event, in (time, scheduling) order, goes into the buckets again. Lower buckets hold earlier
     * times and each bucket keeps scheduling order among equal times, so a stable sort by time
     * within each bucket, buckets in turn, gives that order.
     */
    private void rebuildFrom(long time) {
        long[] t = new long[size];
        Event[] ev = new Event[size];
        int n = 0;
        for (int b = 0; b < BUCKETS; b++) {
            int from = b == 0 ? head0 : 0;
            Integer[] order = new Integer[counts[b] - from];
            for (int i = 0; i < order.length; i++) {
                order[i] = from + i;
            }
            long[] bt = times[b];
            java.util.Arrays.sort(order, (x, y) -> Long.compare(bt[x], bt[y])); // stable
            for (Integer i : order) {
                t[n] = bt[i];
                ev[n++] = events[b][i];
            }
            java.util.Arrays.fill(events[b], null);
            counts[b] = 0;
        }
        head0 = 0;
        occupied = 0;
        last = time;
        for (int i = 0; i < n; i++) {
            append(bucketOf(t[i], last), t[i], ev[i]);
        }
    }

    private void cancelled() {
        cancelledPending++;
        if (cancelledPending > 1024 && 2 * cancelledPending > size) {
            sweep();
        }
    }

    /** Drops every cancelled event in one pass; the order of the others is kept. */
    private void sweep() {
        int total = 0;
        for (int b = 0; b < BUCKETS; b++) {
            int from = b == 0 ? head0 : 0;
            int n = 0;
            long[] t = times[b];
            Event[] ev = events[b];
            for (int i = from; i < counts[b]; i++) {
                if (!ev[i].cancelled) {
                    t[n] = t[i];
                    ev[n++] = ev[i];
                }
            }
            java.util.Arrays.fill(ev, n, counts[b], null);
            counts[b] = n;
            total += n;
            if (b > 0 && n == 0) {
                occupied &= ~(1L << (b - 1));
            }
        }
        head0 = 0;
        size = total;
        cancelledPending = 0;
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
