package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * The rows of the sequence diagram, collected from the trace: one arrow per packet sent
 * ({@code tx}) or forwarded, from the host that sent it to the host that received it, plus
 * notes and tags (TCP state changes, failed calls) in the order they happened.
 *
 * <p>An arrow starts at a {@code tx} or {@code forward} event and is matched to its {@code rx}
 * by the identity of the packet object: a link hands the very instance it was given to the
 * receiver, and a router forwards a new instance. Only the first {@link #MAX_ARROWS} arrows (and
 * {@link #MAX_ROWS} rows in all) are kept; the rest is counted.
 */
final class SequenceDiagram {
    static final int MAX_ARROWS = 300;
    static final int MAX_ROWS = 500;
    private static final long SEQ_MASK = 0xFFFFFFFFL;

    /** How an arrow ended. */
    enum Outcome {
        IN_FLIGHT, RECEIVED, DELIVERED, FORWARDED, DROPPED, LOST, DROPPED_AT_SENDER
    }

    /** What a tag on a lifeline tells. */
    enum TagKind {
        STATE, EXPECTED, ERROR, FAILURE
    }

    /** One packet on one hop. */
    static final class Arrow {
        final String from;
        final long sent;
        final IpPacket packet;
        final boolean forwarded;
        final boolean retransmit;
        final String label;
        final String detail;
        String to;
        long ended = -1;
        Outcome outcome = Outcome.IN_FLIGHT;
        String reason;
        String why;

        Arrow(PacketEvent e, String label, String detail) {
            this.from = e.host();
            this.sent = e.time();
            this.packet = e.packet();
            this.forwarded = e.action() == PacketAction.FORWARD;
            this.retransmit = e.retransmit();
            this.label = label;
            this.detail = detail;
        }
    }

    /** Narration at a moment; {@code host} is empty for timeline notes. */
    record Note(long time, String host, String process, String text) {}

    /** A short mark on a host's lifeline. */
    record Tag(String host, String text, TagKind kind, String title) {}

    /** Tags that happened at one instant between two arrows, at most one per host. */
    static final class TagRow {
        final long time;
        final List<Tag> tags = new ArrayList<>();

        TagRow(long time) {
            this.time = time;
        }

        boolean has(String host) {
            for (Tag t : tags) {
                if (t.host().equals(host)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Object> rows = new ArrayList<>();
    private final IdentityHashMap<IpPacket, Arrow> open = new IdentityHashMap<>();
    /** Initial sequence number per direction ("src:port>dst:port"), for relative seq/ack; lookups only. */
    private final Map<String, Long> isn = new HashMap<>();
    private Arrow lastReceived;
    private int arrowsShown;
    private long arrowsTotal;
    private long notesLeftOut;
    private long tagsLeftOut;
    private long closedAt = -1;

    void packet(PacketEvent e) {
        switch (e.action()) {
            case TX, FORWARD -> start(e);
            case RX -> received(e);
            case DELIVER -> ended(e, Outcome.DELIVERED);
            case DROP -> ended(e, null);
            default -> throw new IllegalStateException(e.action().name());
        }
    }

    private void start(PacketEvent e) {
        arrowsTotal++;
        if (e.action() == PacketAction.FORWARD && lastReceived != null && lastReceived.to.equals(e.host())
                && lastReceived.outcome == Outcome.RECEIVED) {
            // the router's rx of the same packet came just before: that hop ended in forwarding
            lastReceived.outcome = Outcome.FORWARDED;
            open.remove(lastReceived.packet);
        }
        if (!room(e.time())) {
            return;
        }
        Arrow a = new Arrow(e, PacketLabel.of(e.packet()), detail(e));
        rows.add(a);
        arrowsShown++;
        open.put(e.packet(), a);
    }

    private void received(PacketEvent e) {
        Arrow a = open.get(e.packet());
        if (a == null || a.to != null) {
            return;
        }
        a.to = e.host();
        a.ended = e.time();
        a.outcome = Outcome.RECEIVED;
        lastReceived = a;
    }

    private void ended(PacketEvent e, Outcome delivered) {
        Arrow a = open.remove(e.packet());
        if (a == null) {
            return;
        }
        if (delivered != null) {
            if (a.to != null) {
                // the per-socket diagram names the receiving socket's lane only at the delivery
                a.to = e.host();
            }
            a.outcome = delivered;
            a.why = "delivered to socket " + e.delivery().socket() + " (" + e.delivery().process() + "), rule "
                    + e.delivery().rule();
            return;
        }
        a.reason = e.reason();
        a.why = e.detail();
        if (a.to != null) {
            a.outcome = Outcome.DROPPED;
        } else if (e.host().equals(a.from)) {
            a.outcome = Outcome.DROPPED_AT_SENDER;
            a.ended = e.time();
        } else {
            a.outcome = Outcome.LOST;
            a.to = e.host();
            a.ended = e.time();
        }
    }

    void note(long time, String host, String process, String text) {
        if (room(time)) {
            rows.add(new Note(time, host, process, text));
        } else {
            notesLeftOut++;
        }
    }

    void tag(long time, Tag tag) {
        Object last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        if (closedAt < 0 && last instanceof TagRow t && t.time == time && !t.has(tag.host())) {
            t.tags.add(tag);
            return;
        }
        if (!room(time)) {
            tagsLeftOut++;
            return;
        }
        TagRow row = new TagRow(time);
        row.tags.add(tag);
        rows.add(row);
    }

    /** Whether one more row fits; the first refusal closes the diagram for good, at {@code time}. */
    private boolean room(long time) {
        if (closedAt < 0 && (arrowsShown >= MAX_ARROWS || rows.size() >= MAX_ROWS)) {
            closedAt = time;
        }
        return closedAt < 0;
    }

    /** seq/ack relative to each side's initial sequence number, as Wireshark shows them; ttl of forwarded copies. */
    private String detail(PacketEvent e) {
        StringBuilder sb = new StringBuilder(48);
        if (e.packet().transport() instanceof TcpSegment s) {
            String here = e.packet().srcEndpoint() + ">" + e.packet().dstEndpoint();
            String back = e.packet().dstEndpoint() + ">" + e.packet().srcEndpoint();
            if (s.has(TcpFlags.SYN)) {
                isn.putIfAbsent(here, s.seq());
            }
            Long mine = isn.get(here);
            Long theirs = isn.get(back);
            sb.append("seq=").append(mine == null ? s.seq() : (s.seq() - mine) & SEQ_MASK);
            if (s.has(TcpFlags.ACK)) {
                sb.append(" ack=").append(theirs == null ? s.ack() : (s.ack() - theirs) & SEQ_MASK);
            }
            sb.append(" win=").append(s.window());
            if (s.mss() > 0) {
                sb.append(" mss=").append(s.mss());
            }
        } else {
            sb.append(PacketLabel.quoted(e.packet()));
        }
        if (e.action() == PacketAction.FORWARD) {
            sb.append(sb.length() > 0 ? " " : "").append("ttl=").append(e.packet().ttl());
        }
        return sb.toString();
    }

    List<Object> rows() {
        return rows;
    }

    int arrowsShown() {
        return arrowsShown;
    }

    long arrowsTotal() {
        return arrowsTotal;
    }

    long notesLeftOut() {
        return notesLeftOut;
    }

    long tagsLeftOut() {
        return tagsLeftOut;
    }

    /** When the diagram stopped taking rows, or -1 when it holds the whole run. */
    long closedAt() {
        return closedAt;
    }

    /**
     * Hosts in the order they first appear in the diagram, each with whether it first appeared as
     * a sender (it started a conversation) rather than a receiver.
     */
    Map<String, Boolean> firstRoles() {
        Map<String, Boolean> roles = new LinkedHashMap<>();
        for (Object r : rows) {
            if (r instanceof Arrow a) {
                roles.putIfAbsent(a.from, true);
                if (a.to != null) {
                    roles.putIfAbsent(a.to, false);
                }
            }
        }
        return roles;
    }
}
