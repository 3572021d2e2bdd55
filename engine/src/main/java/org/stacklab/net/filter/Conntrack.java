package org.stacklab.net.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.trace.TraceEvent.ConntrackRow;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * A host's connection-tracking table: confirmed flows by both their tuples. Entries expire
 * lazily, when a lookup or the table meets them past their timeout, so tracking schedules no
 * event of its own (a run still ends when nothing else is left to do).
 */
public final class Conntrack {
    private final Map<Tuple, Flow> byTuple = new HashMap<>();
    /** Confirmed flows in the order they were confirmed: the table's rows are in this order. */
    private final List<Flow> flows = new ArrayList<>();
    private long nextId = 1;

    /** The flow one of whose tuples is {@code t}, or null; an expired flow is removed first. */
    Flow lookup(Tuple t, long now) {
        Flow f = byTuple.get(t);
        if (f != null && f.expires <= now) {
            remove(f);
            return null;
        }
        return f;
    }

    /** Whether {@code t} is taken: some live flow has it as a tuple (nf_conntrack_tuple_taken, NF2). */
    boolean taken(Tuple t, long now) {
        return lookup(t, now) != null;
    }

    Flow create(Tuple orig) {
        return new Flow(nextId++, orig);
    }

    /** Inserts a new flow; false when one of its tuples clashed (the packet is then dropped, NF7). */
    boolean confirm(Flow f, long now) {
        if (taken(f.orig, now) || taken(f.reply, now)) {
            return false;
        }
        f.confirmed = true;
        byTuple.put(f.orig, f);
        byTuple.put(f.reply, f);
        flows.add(f);
        return true;
    }

    private void remove(Flow f) {
        byTuple.remove(f.orig);
        byTuple.remove(f.reply);
        flows.remove(f);
    }

    /** Live flows, oldest first. */
    List<Flow> flows(long now) {
        List<Flow> out = new ArrayList<>();
        for (Flow f : new ArrayList<>(flows)) {
            if (f.expires <= now) {
                remove(f);
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** Another flow with the same original source (find_appropriate_src, NF5). */
    List<Flow> sameSource(Tuple orig, long now) {
        List<Flow> out = new ArrayList<>();
        for (Flow f : flows(now)) {
            if (f.snat && f.orig.proto() == orig.proto() && f.orig.src().equals(orig.src())
                    && f.orig.sport() == orig.sport()) {
                out.add(f);
            }
        }
        return out;
    }

    /** The table as conntrack -L prints it. */
    public List<ConntrackRow> rows(long now) {
        List<ConntrackRow> out = new ArrayList<>();
        for (Flow f : flows(now)) {
            String state = f.tcp == null ? "" : f.tcp.name();
            String flags = f.assured ? "[ASSURED]" : f.seenReply ? "" : "[UNREPLIED]";
            long left = (f.expires - now + org.stacklab.sim.SimTime.S - 1) / org.stacklab.sim.SimTime.S;
            out.add(new ConntrackRow(f.proto().label(), state, left, f.orig.source(), f.orig.destination(),
                    f.reply.source(), f.reply.destination(), flags));
        }
        return out;
    }

    /**
     * Updates a flow's state for a packet seen in direction {@code replyDir} (nf_conntrack_in),
     * and its timeout.
     */
    static void update(Flow f, boolean replyDir, org.stacklab.wire.Transport t, long now) {
        if (f.firstSeen < 0) {
            f.firstSeen = now;
        }
        if (replyDir && !f.seenReply) {
            f.seenReply = true;
        }
        if (t instanceof TcpSegment seg) {
            f.tcp = nextTcp(f, seg, replyDir);
            if (f.tcp == Flow.TcpCt.ESTABLISHED) {
                f.assured = true;
            }
        } else if (f.seenReply && now - f.firstSeen > Flow.UDP_STREAM_AFTER) {
            f.assured = true; // replied, and still going 2 s on: a stream, assured
        }
        f.expires = now + f.timeoutNs();
    }

    /** A simplified nf_conntrack_tcp state machine (docs/nat-and-firewall.md, conntrack). */
    private static Flow.TcpCt nextTcp(Flow f, TcpSegment seg, boolean replyDir) {
        Flow.TcpCt s = f.tcp;
        if (seg.has(TcpFlags.RST)) {
            return Flow.TcpCt.CLOSE;
        }
        if (s == null) {
            return seg.has(TcpFlags.SYN) ? Flow.TcpCt.SYN_SENT : Flow.TcpCt.ESTABLISHED; // loose pick-up
        }
        if (seg.has(TcpFlags.FIN)) {
            if (replyDir) {
                f.finReply = true;
            } else {
                f.finOrig = true;
            }
            if (f.finOrig && f.finReply) {
                return Flow.TcpCt.LAST_ACK;
            }
            return s == Flow.TcpCt.ESTABLISHED || s == Flow.TcpCt.SYN_RECV ? (replyDir ? Flow.TcpCt.CLOSE_WAIT : Flow.TcpCt.FIN_WAIT) : s;
        }
        switch (s) {
            case SYN_SENT:
                return replyDir && seg.has(TcpFlags.SYN) && seg.has(TcpFlags.ACK) ? Flow.TcpCt.SYN_RECV : s;
            case SYN_RECV:
                return !replyDir && seg.has(TcpFlags.ACK) ? Flow.TcpCt.ESTABLISHED : s;
            case LAST_ACK:
                return seg.has(TcpFlags.ACK) ? Flow.TcpCt.TIME_WAIT : s;
            default:
                return s;
        }
    }
}
