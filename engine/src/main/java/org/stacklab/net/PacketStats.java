package org.stacklab.net;

/**
 * The run's packet accounting: every packet a host originates ends exactly once, delivered or
 * dropped with a reason, or is still in flight when the run stops.
 */
public final class PacketStats {
    private long sent;
    private long delivered;
    private long forwarded;
    private long inFlight;
    private final long[] dropped = new long[DropReason.values().length];

    void countSent() {
        sent++;
        inFlight++;
    }

    /** A packet reached its end at a socket (or the stack consumed it, e.g. an ICMP error). */
    public void countDelivered() {
        delivered++;
        inFlight--;
    }

    void countDropped(DropReason r) {
        dropped[r.ordinal()]++;
        inFlight--;
    }

    void countForwarded() {
        forwarded++;
    }

    public long sent() {
        return sent;
    }

    public long deliveredCount() {
        return delivered;
    }

    public long forwardedCount() {
        return forwarded;
    }

    /** Packets sent that have neither been delivered nor dropped yet. */
    public long inFlight() {
        return inFlight;
    }

    public long dropped(DropReason r) {
        return dropped[r.ordinal()];
    }

    public long droppedTotal() {
        long t = 0;
        for (long d : dropped) {
            t += d;
        }
        return t;
    }
}
