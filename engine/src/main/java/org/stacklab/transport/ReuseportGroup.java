package org.stacklab.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * A SO_REUSEPORT group (docs/port-table.md D3): sockets of one user on exactly one address and port
 * that share its traffic by a hash of the 4-tuple (D4). UDP sockets join at {@code bind()}, TCP
 * sockets at {@code listen()} ({@code udp_reuseport_add_sock}, {@code inet_reuseport_add_sock}).
 *
 * <p>Members are kept in the kernel's order ({@code struct sock_reuseport.socks}): a newcomer is
 * appended, and a leaver's slot is filled by the last member ({@code __reuseport_detach_sock}),
 * so the hash indexes the same array as Linux does.
 */
final class ReuseportGroup {
    private final List<Sock> members = new ArrayList<>(4);
    /**
     * Set for good once a member has {@code connect()}ed ({@code reuseport_has_conns_set}); the
     * UDP lookup then falls back to scoring instead of trusting the hash at once (D5).
     */
    boolean hasConns;

    private ReuseportGroup() {}

    /**
     * {@code s} joins the group of {@code peer}, which gets a group of its own first if it has
     * none ({@code reuseport_add_sock} allocates one for {@code sk2}); with no peer, {@code s}
     * starts a group alone ({@code reuseport_alloc}).
     */
    static void join(Sock s, Sock peer) {
        ReuseportGroup g;
        if (peer == null) {
            g = new ReuseportGroup();
        } else {
            if (peer.group == null) {
                peer.group = new ReuseportGroup();
                peer.group.members.add(peer);
            }
            g = peer.group;
        }
        g.members.add(s);
        s.group = g;
    }

    /** Takes {@code s} out of its group, if any: the last member moves into its slot. */
    static void leave(Sock s) {
        ReuseportGroup g = s.group;
        if (g == null) {
            return;
        }
        int i = g.members.indexOf(s);
        int last = g.members.size() - 1;
        g.members.set(i, g.members.get(last));
        g.members.remove(last);
        s.group = null;
    }

    int size() {
        return members.size();
    }

    /**
     * {@code reuseport_select_sock_by_hash}: the member at {@code index} (the 4-tuple hash
     * scaled to {@link #size()}), or the next one that is not connected; null if all are.
     */
    Sock select(int index) {
        int n = members.size();
        for (int k = 0; k < n; k++) {
            Sock s = members.get((index + k) % n);
            if (!s.isConnected()) {
                return s;
            }
        }
        return null;
    }

    List<Sock> members() {
        return List.copyOf(members);
    }
}
