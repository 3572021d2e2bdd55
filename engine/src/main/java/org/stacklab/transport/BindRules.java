package org.stacklab.transport;

import org.stacklab.wire.Protocol;

/**
 * The pairwise bind-conflict predicate of Linux, per protocol (docs/port-table.md B4-D6), applied
 * once {@link AddressSets#overlap} says two bindings overlap (B3, M4); unchanged across families (M5).
 */
final class BindRules {
    private BindRules() {}

    /**
     * Whether {@code s} may not share an overlapping port with {@code owner}.
     *
     * <p>TCP ({@code inet_bind_conflict}): allowed when both have SO_REUSEADDR and the owner is
     * not listening (C1), or both have SO_REUSEPORT and the same user, or the owner is in
     * TIME-WAIT (D1, D2). UDP ({@code udp_lib_lport_inuse}): allowed when both have
     * SO_REUSEADDR (C5) or both SO_REUSEPORT with the same user (D1). Otherwise B4.
     */
    static boolean conflicts(Protocol proto, Sock s, Sock owner) {
        boolean sameUser = s.uid() == owner.uid();
        if (proto == Protocol.TCP) {
            if (s.reuseAddr && owner.reuseAddr && owner.tableState != TableState.LISTEN) {
                return false;
            }
            return !(s.reusePort && owner.reusePort && (owner.tableState == TableState.TIME_WAIT || sameUser));
        }
        if (s.reuseAddr && owner.reuseAddr) {
            return false;
        }
        return !(s.reusePort && owner.reusePort && sameUser);
    }

    /** Why {@code owner} blocks {@code s}, in words for the trace. */
    static String why(Protocol proto, Sock s, Sock owner) {
        if (proto == Protocol.TCP && owner.tableState == TableState.LISTEN && s.reuseAddr && owner.reuseAddr) {
            return "socket " + owner.id() + " listens on " + owner.local() + " (SO_REUSEADDR never shares with a listener, C1)";
        }
        if (s.reusePort && owner.reusePort && s.uid() != owner.uid()) {
            return "socket " + owner.id() + " holds " + owner.local() + " with SO_REUSEPORT for another user (D1)";
        }
        return "socket " + owner.id() + " (" + owner.process() + ") holds " + owner.local() + " in state "
                + owner.stateName() + "; SO_REUSEADDR " + onOff(s.reuseAddr) + "/" + onOff(owner.reuseAddr)
                + ", SO_REUSEPORT " + onOff(s.reusePort) + "/" + onOff(owner.reusePort) + " (new/owner)";
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}
