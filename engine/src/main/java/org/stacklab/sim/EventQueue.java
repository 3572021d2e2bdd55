package org.stacklab.sim;

import java.util.Arrays;

/**
 * The pending events of a {@link Simulator}, taken out in (time, scheduling) order.
 *
 * <p>A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan), which fits a simulator exactly: times never
 * go below the last one taken out. An event waits in the bucket of the highest bit in which its
 * time differs from that last time; bucket 0 holds the events at that very time, in scheduling
 * order, and is where events leave from. When bucket 0 is empty, the lowest non-empty bucket is
 * spread over the lower ones around its earliest time. Buckets are first-in first-out and
 * spreading keeps their order, so events at one instant leave in the order they were scheduled,
 * which is the (time, sequence) order without a sequence number. An event moves at most once per
 * bit of its delay (a few times in practice), each move a sequential append; nothing compares
 * events except the scan for a bucket's earliest time. Measured against binary and 4-ary heaps in
 * docs/performance.md. Adding allocates one small object (the event) and nothing else.
 *
 * <p>Cancelling is a flag: a cancelled event stays queued and is still returned by {@link #poll()}
 * (the loop skips it); when cancelled events are more than half of the queue they are swept out in
 * one pass, so a model that re-arms timers does not grow the queue.
 */
final class EventQueue {
    private static final int BUCKETS = 65;
    /** Below this many cancelled events a sweep is not worth its pass. */
    private static final int SWEEP_MIN = 1024;
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
    /** Cancelled events still in the queue. */
    private int cancelledPending;

    EventQueue() {
        for (int b = 0; b < BUCKETS; b++) {
            times[b] = new long[b == 0 ? 64 : 8];
            events[b] = new Event[b == 0 ? 64 : 8];
        }
    }

    /** Events waiting, cancelled ones included until they are taken out or swept. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Queues {@code action} at {@code time}, which must not be before the last time taken out. */
    Event add(long time, Runnable action) {
        Event e = new Event(time, action);
        if (size == 0) {
            last = time; // an empty queue may move its reference forward to any time: bucket 0
        } else if (time < last) {
            rebuildFrom(time); // only after runUntil stopped short of a refilled bucket 0
        }
        append(bucketOf(time, last), time, e);
        size++;
        return e;
    }

    /** The earliest pending time, cancelled events included; the queue must not be empty. */
    long peekTime() {
        fillHead();
        return last;
    }

    /** The earliest pending event, cancelled or not; the queue must not be empty. */
    Event peek() {
        fillHead();
        return events[0][head0];
    }

    /** Takes out the earliest pending event, cancelled or not; the queue must not be empty. */
    Event poll() {
        fillHead();
        Event[] out = events[0];
        Event e = out[head0];
        out[head0++] = null;
        if (head0 == counts[0]) {
            head0 = 0;
            counts[0] = 0;
        }
        size--;
        if (e.cancelled) {
            cancelledPending--;
        }
        return e;
    }

    private static int bucketOf(long time, long last) {
        return time == last ? 0 : 64 - Long.numberOfLeadingZeros(time ^ last);
    }

    private void append(int b, long time, Event e) {
        int n = counts[b];
        if (n == times[b].length) {
            times[b] = Arrays.copyOf(times[b], n * 2);
            events[b] = Arrays.copyOf(events[b], n * 2);
        }
        times[b][n] = time;
        events[b][n] = e;
        counts[b] = n + 1;
        if (b > 0) {
            occupied |= 1L << (b - 1);
        }
    }

    private void fillHead() {
        if (head0 == counts[0]) {
            refill();
        }
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
            Arrays.sort(order, (x, y) -> Long.compare(bt[x], bt[y])); // stable
            for (Integer i : order) {
                t[n] = bt[i];
                ev[n++] = events[b][i];
            }
            Arrays.fill(events[b], null);
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
        if (cancelledPending > SWEEP_MIN && 2 * cancelledPending > size) {
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
            Arrays.fill(ev, n, counts[b], null);
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

    /** One queue entry; it is its own handle (and knows its queue, to count cancellations). */
    final class Event implements EventHandle {
        final long time;
        final Runnable action;
        boolean cancelled;
        /** Set by the loop when the event runs: a fired event can no longer be cancelled. */
        boolean fired;

        private Event(long time, Runnable action) {
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
