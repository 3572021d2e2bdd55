package org.stacklab.transport;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.net.Host;
import org.stacklab.trace.TraceEvent.Candidate;
import org.stacklab.trace.TraceEvent.Delivery;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.Transport;

/**
 * Words for the port table's decisions: which rule chose the socket and why each other holder
 * of the port was passed over. Only called when a trace listens.
 */
final class Explainer {
    /** At most this many passed-over candidates are listed; the rest are counted. */
    static final int MAX_CANDIDATES = 8;

    private Explainer() {}

    static Delivery explain(PortTable table, Host host, IpPacket p, Match m) {
        Sock w = m.sock();
        Transport t = p.transport();
        List<Candidate> passed = new ArrayList<>();
        int connections = 0;
        for (Sock o : table.holders(t.dstPort())) {
            if (o == w) {
                continue;
            }
            if (table.protocol() == Protocol.TCP
                    && (o.tableState() == TableState.CONNECTED || o.tableState() == TableState.TIME_WAIT)) {
                connections++;
                continue;
            }
            if (passed.size() < MAX_CANDIDATES) {
                passed.add(new Candidate(o.id(), o.process(), o.local().toString(), why(table.protocol(), o, w, m, p)));
            }
        }
        StringBuilder sb = new StringBuilder(160);
        sb.append("port table of ").append(host.name()).append(": ").append(p.dstEndpoint()).append(" \u2190 ")
                .append(p.srcEndpoint()).append(" matched ").append(noun(w)).append(' ').append(w.local());
        if (w.isConnected()) {
            sb.append(" \u2194 ").append(w.remote());
        }
        sb.append(" (").append(reason(m));
        if (w.family() == Family.INET6 && !ipv6(p.dst()) && !w.isConnected()) {
            sb.append("; IPv4 through a dual-stack AF_INET6 socket, which sees it v4-mapped, M4, M10");
        }
        if (m.groupSize() > 0) {
            sb.append("; REUSEPORT group of ").append(m.groupSize()).append(", the 4-tuple hash picked socket ")
                    .append(w.id()).append(", D4");
        }
        if (m.duplicates() > 0) {
            sb.append("; newest of ").append(m.duplicates() + 1).append(" equal sockets, C6");
        }
        sb.append(')');
        int hidden = countHidden(table, t.dstPort(), w, passed.size(), connections);
        if (connections > 0) {
            sb.append("; ").append(connections).append(" other connection").append(connections == 1 ? "" : "s")
                    .append(" on this port");
        }
        if (hidden > 0) {
            sb.append("; ").append(hidden).append(" more candidates not listed");
        }
        return new Delivery(w.id(), w.process(), m.rule().label(), w.local().toString(), List.copyOf(passed), sb.toString());
    }

    /** The drop detail when nothing matches: what was looked for and what follows. */
    static String noMatch(PortTable table, Host host, IpPacket p, String answer) {
        Transport t = p.transport();
        String what = table.protocol() == Protocol.TCP ? "no connection and no listener" : "no socket";
        String any = ipv6(p.dst()) ? "[::]:" : "0.0.0.0:";
        return "port table of " + host.name() + ": " + p.dstEndpoint() + " \u2190 " + p.srcEndpoint() + ": " + what
                + " on " + p.dstEndpoint() + " or " + any + t.dstPort() + "; answered with " + answer;
    }

    private static int countHidden(PortTable table, int port, Sock w, int listed, int connections) {
        return Math.max(0, table.holders(port).size() - 1 - listed - connections);
    }

    private static String noun(Sock w) {
        if (w.tableState() == TableState.LISTEN) {
            return "listener";
        }
        if (w.protocol() == Protocol.TCP) {
            return w.tableState() == TableState.TIME_WAIT ? "TIME-WAIT connection" : "connection";
        }
        return "socket";
    }

    private static String reason(Match m) {
        switch (m.rule()) {
            case ESTABLISHED:
                return "established connection, exact 4-tuple, I1";
            case SPECIFIC_LISTENER:
                return "listener on the destination address; no established connection, I2";
            case WILDCARD_LISTENER:
                return "wildcard listener; no established connection, no specific listener, I2";
            case UDP_CONNECTED:
                return "connected and its peer is the sender, J2";
            case UDP_SPECIFIC:
                return "bound to the destination address, J1";
            case UDP_WILDCARD:
                return "bound to 0.0.0.0; no socket on the destination address, J1";
            default:
                return m.rule().description();
        }
    }

    private static String why(Protocol proto, Sock o, Sock w, Match m, IpPacket p) {
        if (o.tableState() == TableState.BOUND && proto == Protocol.TCP) {
            return "bound but not listening (only listeners and connections take segments, I1)";
        }
        if (!o.localIp().isWildcard() && !o.localIp().equals(p.dst())) {
            return "bound to " + o.local().ip() + ", not the destination address";
        }
        String rule = proto == Protocol.TCP ? "M8" : "M9";
        if (!AddressSets.sees(o.localIp, o.v6only, p.dst())) {
            return o.v6only && !ipv6(p.dst())
                    ? "IPV6_V6ONLY: an AF_INET6 socket that takes no IPv4 (" + rule + ")"
                    : "bound to IPv4 (" + o.local().ip() + "): takes no IPv6 (" + rule + ")";
        }
        if (m.groupSize() > 0 && o.group != null && o.group == w.group) {
            return "same REUSEPORT group; the 4-tuple hash picked socket " + w.id() + " (D4)";
        }
        if (o.isConnected() && proto == Protocol.UDP && !peerIsSender(o, p)) {
            return "connected to " + o.remote() + ", not the sender (J2)";
        }
        if (o.localIp().isWildcard() && !w.localIp().isWildcard()) {
            return proto == Protocol.TCP && m.rule() == Rule.ESTABLISHED
                    ? "wildcard listener; an established connection matched first (I1)"
                    : "bound to " + o.local().ip() + "; a socket on the destination address matched first ("
                            + (proto == Protocol.TCP ? "I2" : "J1") + ")";
        }
        if (o.family() == Family.INET6 && w.family() == Family.INET && !o.isConnected()
                && o.localIp().isWildcard() == w.localIp().isWildcard()) {
            return "AF_INET6 socket: an AF_INET one on this address scores a point higher for IPv4 (" + rule + ")";
        }
        if (proto == Protocol.TCP) {
            return m.rule() == Rule.ESTABLISHED
                    ? "listener; an established connection matched first (I1)"
                    : "listener on the same address; the newest listener takes new connections (I2)";
        }
        if (w.isConnected() && !o.isConnected()) {
            return "unconnected: scores below a connected socket whose peer is the sender (J2)";
        }
        if (w.isConnected()) {
            return "also connected to the sender; the most recently connected receives (C6)";
        }
        if (m.groupSize() > 0) {
            return "not in the REUSEPORT group of the newest socket on this address, whose hash chose (C6, D4)";
        }
        return "older duplicate: among equal sockets the newest bound receives (C6)";
    }

    private static boolean ipv6(org.stacklab.wire.IpAddress a) {
        return a instanceof org.stacklab.wire.Ipv6Address;
    }

    private static boolean peerIsSender(Sock o, IpPacket p) {
        return o.remoteIp.equals(p.src())
                && (o.remote().port() == 0 || o.remote().port() == p.transport().srcPort());
    }
}
