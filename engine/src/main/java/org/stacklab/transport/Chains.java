package org.stacklab.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;

/**
 * Two of a {@link PortTable}'s views (docs/port-table.md A2): the chains by (address, port) (TCP:
 * listeners; UDP: every bound socket) and the UDP sockets by 4-tuple (Linux's hash4). Lists keep
 * the order sockets entered them, oldest first; the kernel's chains are newest first, so lookups
 * walk them from the end. {@code [::]} shares the chain of {@code 0.0.0.0} (AddressSets.slot).
 */
final class Chains {
    private final Map<AddressSets.Slot, List<Sock>> byAddress = new HashMap<>();
    private final Map<ConnKey, List<Sock>> udpConnected = new HashMap<>();

    /** The chain of {@code ip:port}, oldest first, or null. */
    List<Sock> at(IpAddress ip, int port) {
        return byAddress.get(AddressSets.slot(ip, port));
    }

    /** {@code s} enters the chain of its address, joining a REUSEPORT group there (D3). */
    void enter(Sock s) {
        List<Sock> chain = bucket(byAddress, AddressSets.slot(s.localIp, s.localPort));
        joinGroup(s, chain);
        enter(chain, s);
    }

    /** B5 ({@code udp_lib_rehash}): {@code s}, re-keyed to a new address, enters its chain as the newest. */
    void reenter(Sock s) {
        bucket(byAddress, AddressSets.slot(s.localIp, s.localPort)).add(s);
    }

    /** {@code s} leaves the chain of its address. */
    void leave(Sock s) {
        AddressSets.Slot k = AddressSets.slot(s.localIp, s.localPort);
        List<Sock> a = byAddress.get(k);
        if (a != null) {
            a.remove(s);
            if (a.isEmpty()) {
                byAddress.remove(k);
            }
        }
    }

    /** Whether a socket on {@code dst:port}'s chain or the wildcard one can take a packet to {@code dst} (M8). */
    boolean anySees(IpAddress dst, int port) {
        return anySees(at(dst, port), dst) || anySees(at(Ipv4Address.ANY, port), dst);
    }

    private static boolean anySees(List<Sock> chain, IpAddress dst) {
        if (chain != null) {
            for (Sock s : chain) {
                if (AddressSets.sees(s.localIp, s.v6only, dst)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The UDP sockets connected on this 4-tuple, least recently connected first, or null. */
    List<Sock> connected(ConnKey k) {
        return udpConnected.get(k);
    }

    void connect(Sock s, ConnKey k) {
        bucket(udpConnected, k).add(s);
    }

    void disconnect(Sock s, ConnKey k) {
        List<Sock> l = udpConnected.get(k);
        if (l != null) {
            l.remove(s);
            if (l.isEmpty()) {
                udpConnected.remove(k);
            }
        }
    }

    /**
     * D3: a socket with SO_REUSEPORT joins the group of the newest socket of the same user with
     * SO_REUSEPORT on exactly its address and port, of its family and IPV6_V6ONLY (M5;
     * {@code inet_reuseport_add_sock} and {@code udp_reuseport_add_sock} compare
     * {@code ipv6_only_sock}), or starts one.
     * {@code sameAddress} is the UDP chain or the TCP listen bucket of that address, without {@code s}.
     */
    private static void joinGroup(Sock s, List<Sock> sameAddress) {
        if (!s.reusePort) {
            return;
        }
        for (int i = sameAddress.size() - 1; i >= 0; i--) {
            Sock o = sameAddress.get(i);
            if (o.reusePort && o.uid() == s.uid() && o.family == s.family && o.v6only == s.v6only
                    && o.localIp.equals(s.localIp)) {
                ReuseportGroup.join(s, o);
                return;
            }
        }
        ReuseportGroup.join(s, null);
    }

    /**
     * A socket enters a chain as the kernel's newest (the end of our oldest-first list), except an
     * AF_INET6 socket with SO_REUSEPORT, which Linux adds at the tail ({@code __inet_hash},
     * {@code udp_lib_get_port}): so between an AF_INET and an AF_INET6 reuseport socket on one
     * chain the scores decide, never the group hash (M5, M8, M9).
     */
    private static void enter(List<Sock> chain, Sock s) {
        if (s.family == Family.INET6 && s.reusePort) {
            chain.add(0, s);
        } else {
            chain.add(s);
        }
    }

    static <K> List<Sock> bucket(Map<K, List<Sock>> m, K k) {
        return m.computeIfAbsent(k, x -> new ArrayList<>(2));
    }
}
