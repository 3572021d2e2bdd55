package org.stacklab.net;

import org.stacklab.sim.Simulator;
import org.stacklab.wire.IpPacket;

/**
 * One direction of a link: a drop-tail queue feeding a serializer, then propagation.
 *
 * <p>No event is spent on the queue itself: since packets leave in order, the instant each
 * waiting packet starts serializing is known when it is queued, and a ring of those instants
 * tells how many are still waiting. One event per packet: its arrival at the far end. Packets
 * arrive in the order they were sent (each one's transmission ends after the one before it, and
 * all share the latency), so the packets on the wire wait in a ring and every arrival event
 * takes the oldest: every arrival event shares one action, and nothing is allocated per packet
 * but the event.
 */
public final class Channel {
    private final Network net;
    private final Host from;
    private final Host to;
    private final LinkConfig config;
    private final int index;
    private long busyUntil;
    private long[] starts = new long[16];
    private int head;
    private int count;
    private long onWire;
    /** Packets on the wire (queued or propagating), oldest at {@code wireHead}; lost ones flagged. */
    private IpPacket[] wire = new IpPacket[8];
    private boolean[] wireLost = new boolean[8];
    private int wireHead;
    private final Runnable arrival = this::arriveOldest;

    Channel(Network net, Host from, Host to, LinkConfig config, int index) {
        this.net = net;
        this.from = from;
        this.to = to;
        this.config = config;
        this.index = index;
    }

    public Host from() {
        return from;
    }

    public Host to() {
        return to;
    }

    public LinkConfig config() {
        return config;
    }

    int index() {
        return index;
    }

    /** Packets queued or on the wire right now (for accounting checks). */
    public long inTransit() {
        return onWire;
    }

    /** Packets waiting to start serialization at {@code now}. */
    public int queued(long now) {
        while (count > 0 && starts[head] <= now) {
            head = (head + 1) & (starts.length - 1);
            count--;
        }
        return count;
    }

    /** Queues {@code p} for transmission; drops it with {@code queue-full} when the queue is full. */
    void enqueue(IpPacket p) {
        Simulator sim = net.sim();
        long now = sim.now();
        if (queued(now) >= config.queue() && busyUntil > now) {
            from.drop(p, DropReason.QUEUE_FULL, "queue of link " + from.name() + "->" + to.name() + " holds " + config.queue() + " packets");
            return;
        }
        long start = Math.max(now, busyUntil);
        long bits = p.totalLength() * 8L;
        long txEnd = start + (bits * 1_000_000_000L + config.bandwidthBps() - 1) / config.bandwidthBps();
        busyUntil = txEnd;
        if (start > now) {
            push(start);
        }
        boolean lost = config.loss() > 0 && sim.random().nextDouble() < config.loss();
        putOnWire(p, lost);
        sim.scheduleAt(txEnd + config.latencyNs(), arrival);
    }

    /** The arrival of the oldest packet on the wire at the far end. */
    private void arriveOldest() {
        int mask = wire.length - 1;
        IpPacket p = wire[wireHead];
        boolean lost = wireLost[wireHead];
        wire[wireHead] = null;
        wireHead = (wireHead + 1) & mask;
        onWire--;
        if (lost) {
            to.drop(p, DropReason.LOSS, "lost on link " + from.name() + "->" + to.name());
            return;
        }
        to.receive(p);
    }

    private void putOnWire(IpPacket p, boolean lost) {
        int n = (int) onWire;
        if (n == wire.length) {
            IpPacket[] bigger = new IpPacket[n * 2];
            boolean[] biggerLost = new boolean[n * 2];
            for (int i = 0; i < n; i++) {
                bigger[i] = wire[(wireHead + i) & (n - 1)];
                biggerLost[i] = wireLost[(wireHead + i) & (n - 1)];
            }
            wire = bigger;
            wireLost = biggerLost;
            wireHead = 0;
        }
        int at = (wireHead + n) & (wire.length - 1);
        wire[at] = p;
        wireLost[at] = lost;
        onWire++;
    }

    private void push(long start) {
        if (count == starts.length) {
            long[] bigger = new long[starts.length * 2];
            for (int i = 0; i < count; i++) {
                bigger[i] = starts[(head + i) & (starts.length - 1)];
            }
            starts = bigger;
            head = 0;
        }
        starts[(head + count) & (starts.length - 1)] = start;
        count++;
    }
}
