package org.stacklab.trace;

import java.util.List;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;

/**
 * Everything a run reports, as typed records: packets sent, received, forwarded, delivered and
 * dropped, socket calls and their results, TCP state changes, bindings, narration, socket-table
 * snapshots and expectation results.
 *
 * <p>Model code emits these to a {@link Tracer}; the formats in {@code trace.format} consume them.
 * Every event has a simulated {@link #time()} and the {@link #host()} it happened on (empty for
 * events about the whole run), and {@link #kind()} is its {@code event} key in trace.jsonl.
 */
public sealed interface TraceEvent {
    long time();

    String host();

    String kind();

    void accept(Visitor v);

    /** One method per event type, so that formats handle every type (Java 17 has no pattern switch). */
    interface Visitor {
        void packet(PacketEvent e);

        void call(CallEvent e);

        void state(StateEvent e);

        void bind(BindEvent e);

        void note(NoteEvent e);

        void snapshot(SnapshotEvent e);

        void expectation(ExpectationEvent e);

        void process(ProcessEvent e);

        void cwnd(CwndEvent e);

        /** A NAT translation; formats that do not show them may ignore it. */
        default void nat(NatEvent e) {}

        /** A host's conntrack table; formats that do not show them may ignore it. */
        default void conntrack(ConntrackEvent e) {}
    }

    /** What happened to a packet at a host. */
    enum PacketAction {
        TX("tx"), RX("rx"), FORWARD("forward"), DELIVER("deliver"), DROP("drop");

        private final String label;

        PacketAction(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A packet event. {@code delivery} is set for {@code deliver}, {@code reason} (and an
     * optional {@code detail}) for {@code drop}; {@code retransmit} marks TCP retransmissions.
     */
    record PacketEvent(long time, String host, PacketAction action, IpPacket packet, boolean retransmit,
            Delivery delivery, String reason, String detail) implements TraceEvent {
        public String kind() {
            return action.label();
        }

        public void accept(Visitor v) {
            v.packet(this);
        }
    }

    /**
     * Why the port table handed a packet to a socket: the rule that matched, the winner, and the
     * candidates it passed over. {@code candidates} and {@code explanation} are empty when no
     * trace needed them.
     */
    record Delivery(int socket, String process, String rule, String local, List<Candidate> candidates,
            String explanation) {}

    /** A socket the lookup considered and passed over, with why. */
    record Candidate(int socket, String process, String local, String why) {}

    /**
     * A socket call a process made and its outcome: {@code errno} null means success. Kind
     * {@code call} on success, {@code error} on failure (expected or not).
     *
     * @param step the step's kind ({@code bind}, {@code recv}, ...)
     * @param line the step's line in the scenario file (0 for built-in apps)
     * @param expected whether a failure was the one the step expected
     * @param socket the name of the socket the step works on (as the script names it), or null
     */
    /** {@code ready}: for a poll, the ready sockets' names and events in the order polled; null for other calls. */
    record CallEvent(long time, String host, String process, String step, int line, String args, String errno,
            boolean expected, String result, String socket, java.util.Map<String, java.util.List<String>> ready)
            implements TraceEvent {
        public CallEvent(long time, String host, String process, String step, int line, String args, String errno,
                boolean expected, String result) {
            this(time, host, process, step, line, args, errno, expected, result, null, null);
        }

        public CallEvent(long time, String host, String process, String step, int line, String args, String errno,
                boolean expected, String result, String socket) {
            this(time, host, process, step, line, args, errno, expected, result, socket, null);
        }

        public String kind() {
            return errno == null ? "call" : "error";
        }

        public void accept(Visitor v) {
            v.call(this);
        }
    }

    /** A TCP socket changed state (RFC 9293 names: LISTEN, SYN-SENT, ...). */
    record StateEvent(long time, String host, int socket, String process, String from, String to)
            implements TraceEvent {
        public String kind() {
            return "state";
        }

        public void accept(Visitor v) {
            v.state(this);
        }
    }

    /** A socket took a local address and port ({@code auto}: an ephemeral port chosen by the stack). */
    record BindEvent(long time, String host, int socket, String process, Protocol proto, Endpoint local,
            boolean auto) implements TraceEvent {
        public String kind() {
            return "bind";
        }

        public void accept(Visitor v) {
            v.bind(this);
        }
    }

    /** Narration from the scenario ({@code note:} on a step or on the timeline). */
    record NoteEvent(long time, String host, String process, String text) implements TraceEvent {
        public String kind() {
            return "note";
        }

        public void accept(Visitor v) {
            v.note(this);
        }
    }

    /** A host's socket table at one instant, like {@code ss -tuanp}. */
    record SnapshotEvent(long time, String host, List<SocketRow> rows) implements TraceEvent {
        public String kind() {
            return "sockets";
        }

        public void accept(Visitor v) {
            v.snapshot(this);
        }
    }

    /** One row of a socket table. */
    record SocketRow(int socket, String proto, String state, String local, String peer, String process,
            int recvQ, int sendQ) {}

    /** An expectation checked at the end of the run. */
    record ExpectationEvent(long time, String host, String description, boolean held, String detail, int line)
            implements TraceEvent {
        public String kind() {
            return "expect";
        }

        public void accept(Visitor v) {
            v.expectation(this);
        }
    }

    /** A process started, finished its steps, or stopped on an unexpected error. */
    record ProcessEvent(long time, String host, String process, String what, String detail) implements TraceEvent {
        public String kind() {
            return "process";
        }

        public void accept(Visitor v) {
            v.process(this);
        }
    }

    /** TCP congestion window change. */
    record CwndEvent(long time, String host, int socket, long cwnd, long ssthresh, String why) implements TraceEvent {
        public String kind() {
            return "cwnd";
        }

        public void accept(Visitor v) {
            v.cwnd(this);
        }
    }

    /**
     * A NAT rewrote a packet at {@code host}: {@code type} is {@code snat}, {@code dnat} (the first
     * packet's rule, or a later packet of the flow) or their reverse on replies ({@code un-snat},
     * {@code un-dnat}); {@code from} and {@code to} are the endpoint it rewrote, before and after;
     * {@code before} and {@code after} the whole packet, as {@code proto src > dst}, and
     * {@code beforePacket} and {@code afterPacket} the packets themselves (captures follow a
     * packet through its translation by them).
     */
    record NatEvent(long time, String host, String type, Endpoint from, Endpoint to, String before, String after,
            String flow, IpPacket beforePacket, IpPacket afterPacket) implements TraceEvent {
        public String kind() {
            return "nat";
        }

        public void accept(Visitor v) {
            v.nat(this);
        }
    }

    /** A host's connection-tracking table at one instant, like {@code conntrack -L}. */
    record ConntrackEvent(long time, String host, List<ConntrackRow> rows) implements TraceEvent {
        public String kind() {
            return "conntrack";
        }

        public void accept(Visitor v) {
            v.conntrack(this);
        }
    }

    /**
     * One conntrack entry: the original tuple (as its first packet arrived), the reply tuple (as
     * replies arrive, after NAT), the TCP state (empty for UDP), seconds left, and the flags
     * {@code [UNREPLIED]} or {@code [ASSURED]} (or empty).
     */
    record ConntrackRow(String proto, String state, long timeout, Endpoint origSrc, Endpoint origDst,
            Endpoint replySrc, Endpoint replyDst, String flags) {
        /** The line {@code conntrack -L} prints for this entry. */
        public String line() {
            StringBuilder sb = new StringBuilder();
            sb.append(proto).append(' ').append(timeout).append(' ');
            if (!state.isEmpty()) {
                sb.append(state).append(' ');
            }
            sb.append("src=").append(origSrc.ip()).append(" dst=").append(origDst.ip())
                    .append(" sport=").append(origSrc.port()).append(" dport=").append(origDst.port()).append(' ');
            if (flags.equals("[UNREPLIED]")) {
                sb.append(flags).append(' ');
            }
            sb.append("src=").append(replySrc.ip()).append(" dst=").append(replyDst.ip())
                    .append(" sport=").append(replySrc.port()).append(" dport=").append(replyDst.port());
            if (flags.equals("[ASSURED]")) {
                sb.append(' ').append(flags);
            }
            return sb.toString();
        }
    }
}
