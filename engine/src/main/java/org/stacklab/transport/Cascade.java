package org.stacklab.transport;

import java.util.List;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;

/**
 * The demux cascade of one {@link PortTable}, as gVisor's transport demuxer and Linux's
 * {@code __inet_lookup} / {@code __udp4_lib_lookup} write it: one commented probe per rule,
 * most specific first. TCP: I1, I2 with D4. UDP: J1, J2 with C6, D4, D5. The table keeps
 * its chains oldest first; the kernel's are newest first, so the probes walk them from the end.
 */
final class Cascade {
    private final PortTable table;
    private final HostStack stack;

    Cascade(PortTable table, HostStack stack) {
        this.table = table;
        this.stack = stack;
    }

    /**
     * The TCP cascade, one probe per rule. {@code declined} (a TIME-WAIT that declined a SYN,
     * I4) is skipped.
     */
    Match tcp(IpAddress dst, int dport, IpAddress src, int sport, Sock declined) {
        // I1, probe 1: the established table, exact 4-tuple (ESTABLISHED, SYN-RECEIVED, TIME-WAIT).
        Sock conn = table.established(ConnKey.of(dst, dport, src, sport));
        if (conn != null && conn != declined) {
            return Match.of(conn, Rule.ESTABLISHED);
        }
        // I2, probe 2: a listener bound to the destination address beats the wildcard, whatever the order.
        // M8: IPv4 and v4-mapped listeners share the chain of the IPv4 address.
        Match m = pickListener(table.atAddress(dst, dport), Rule.SPECIFIC_LISTENER, dst, dport, src, sport);
        if (m != null) {
            return m;
        }
        // I2, probe 3: a listener bound to 0.0.0.0, [::] or [::ffff:0.0.0.0] (one chain, M8).
        m = pickListener(table.atAddress(Ipv4Address.ANY, dport), Rule.WILDCARD_LISTENER, dst, dport, src, sport);
        if (m != null) {
            return m;
        }
        // K1: nothing matches; the demux answers with RST.
        return null;
    }

    /**
     * I2 ({@code inet_lhash2_lookup}) walks the bucket newest first and keeps a strictly higher
     * score: a listener that cannot take the packet's family scores nothing (a V6ONLY one for IPv4,
     * an IPv4 or v4-mapped one for IPv6), an AF_INET one scores a point more than an AF_INET6 one
     * (M8). The first listener of a higher score that belongs to a REUSEPORT group hands over to the
     * 4-tuple hash (D4). Null when no listener of the chain can take the packet.
     */
    private Match pickListener(List<Sock> listeners, Rule rule, IpAddress dst, int dport, IpAddress src, int sport) {
        if (listeners == null) {
            return null;
        }
        Sock best = null;
        int hiscore = 0;
        int ties = 0;
        for (int i = listeners.size() - 1; i >= 0; i--) {
            Sock sk = listeners.get(i);
            int score = familyScore(sk, dst);
            if (score <= hiscore) {
                if (score == hiscore && best != null) {
                    ties++;
                }
                continue;
            }
            Match g = viaGroup(sk, rule, dst, dport, src, sport);
            if (g != null) {
                return g;
            }
            best = sk;
            hiscore = score;
            ties = 0;
        }
        return best == null ? null : new Match(best, rule, 0, ties);
    }

    /**
     * The family part of both lookups' scores (M8, M9; K-HASH, K-UDP4): -1 when the socket cannot
     * take a packet of {@code dst}'s family, else 2 for AF_INET and 1 for AF_INET6.
     */
    static int familyScore(Sock s, IpAddress dst) {
        if (!AddressSets.sees(s.localIp, s.v6only, dst)) {
            return -1;
        }
        return s.family == Family.INET ? 2 : 1;
    }

    Match udp(IpAddress dst, int dport, IpAddress src, int sport) {
        // J2, probe 1: a connected socket whose peer is the sender scores highest; Linux 6.13+
        // finds it first by its 4-tuple (udp4_lib_lookup4), the most recently connected first.
        List<Sock> connected = table.connectedUdp(ConnKey.of(dst, dport, src, sport));
        if (connected != null && !connected.isEmpty()) {
            return new Match(connected.get(connected.size() - 1), Rule.UDP_CONNECTED, 0, connected.size() - 1);
        }
        // J1, probe 2: sockets bound to the destination address, scored (J2).
        Match m = scoreUdp(table.atAddress(dst, dport), Rule.UDP_SPECIFIC, dst, dport, src, sport);
        if (m != null) {
            return m;
        }
        // J1, probe 3: only if none matched, sockets bound to 0.0.0.0 (and [::], one chain, M9).
        return scoreUdp(table.atAddress(Ipv4Address.ANY, dport), Rule.UDP_WILDCARD, dst, dport, src, sport);
    }

    /**
     * J2 as {@code udp4_lib_lookup2} walks one chain, newest first: a strictly higher score wins,
     * so among equals the newest stays (C6). An unconnected winner in a REUSEPORT group hands
     * over to the group's hash (D4) and the walk stops, unless a member of the group has
     * connected: then the walk goes on, and only a higher score can still win (D5).
     */
    private Match scoreUdp(List<Sock> chain, Rule rule, IpAddress dst, int dport, IpAddress src, int sport) {
        if (chain == null) {
            return null;
        }
        Match result = null;
        int badness = 0;
        int ties = 0;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Sock sk = chain.get(i);
            int score = udpScore(sk, dst, src, sport);
            if (score <= badness) {
                if (score == badness && result != null && result.groupSize() == 0) {
                    ties++;
                }
                continue;
            }
            badness = score;
            ties = 0;
            Match g = sk.isConnected() ? null : viaGroup(sk, rule, dst, dport, src, sport);
            if (g == null) {
                result = new Match(sk, sk.isConnected() ? Rule.UDP_CONNECTED : rule, 0, 0);
                continue;
            }
            result = g;
            if (!sk.group.hasConns) {
                return g;
            }
        }
        return result == null || ties == 0 ? result : new Match(result.sock(), result.rule(), 0, ties);
    }

    /** D4: if {@code first} has SO_REUSEPORT and a group, the group's member for this 4-tuple. */
    private Match viaGroup(Sock first, Rule rule, IpAddress dst, int dport, IpAddress src, int sport) {
        ReuseportGroup g = first.reusePort ? first.group : null;
        if (g == null) {
            return null;
        }
        Sock chosen = g.select(stack.reuseportIndex(src, sport, dst, dport, g.size()));
        return chosen == null ? null : new Match(chosen, rule, g.size() > 1 ? g.size() : 0, 0);
    }

    /**
     * J2's score: 2 for an AF_INET socket, 1 for an AF_INET6 one (M9); a connected one must have the
     * sender as its peer (a peer port of 0 matches any port) and gains 4 for the address and 4 for
     * the port; -1 excluded, as is a socket that cannot take the datagram's family (M9).
     */
    static int udpScore(Sock s, IpAddress dst, IpAddress src, int sport) {
        int score = familyScore(s, dst);
        if (score < 0) {
            return -1;
        }
        if (s.remoteIp != null) {
            if (!s.remoteIp.equals(src)) {
                return -1;
            }
            score += 4;
            if (s.remotePort != 0) {
                if (s.remotePort != sport) {
                    return -1;
                }
                score += 4;
            }
        }
        return score;
    }
}
