package org.stacklab.net.filter;

import java.util.Set;
import org.stacklab.wire.Protocol;

/**
 * One firewall rule: where it sits ({@code chain}, its {@code index} in the scenario's list and
 * the {@code line} it was written on), what it matches (null or 0 = anything) and its verdict.
 */
public record FilterRule(int index, int line, Chain chain, Protocol proto, Cidr src, Cidr dst, int sportLo, int sportHi,
        int dportLo, int dportHi, Set<CtState> states, Action action, RejectWith rejectWith) {
    /** Netfilter's filter chains. */
    public enum Chain {
        INPUT, FORWARD, OUTPUT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Conntrack's states as {@code ct state} matches them (NF20). */
    public enum CtState {
        NEW, ESTABLISHED, RELATED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Action {
        ACCEPT, DROP, REJECT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** nftables' {@code reject with ...}: an ICMP destination-unreachable code, or a TCP reset. */
    public enum RejectWith {
        ICMP_PORT_UNREACHABLE("icmp-port-unreachable", 3),
        ICMP_ADMIN_PROHIBITED("icmp-admin-prohibited", 13),
        ICMP_HOST_UNREACHABLE("icmp-host-unreachable", 1),
        ICMP_NET_UNREACHABLE("icmp-net-unreachable", 0),
        TCP_RESET("tcp-reset", -1);

        private final String label;
        private final int code;

        RejectWith(String label, int code) {
            this.label = label;
            this.code = code;
        }

        public String label() {
            return label;
        }

        /** The ICMP code, or -1 for a TCP reset. */
        public int code() {
            return code;
        }

        public static RejectWith byLabel(String s) {
            for (RejectWith r : values()) {
                if (r.label.equals(s)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** A short description for traces: "rule 2 (forward tcp dport 80 drop)". */
    public String describe() {
        StringBuilder sb = new StringBuilder("rule ").append(index).append(" (").append(chain.label());
        if (proto != null) {
            sb.append(' ').append(proto.label());
        }
        if (src != null) {
            sb.append(" src ").append(src);
        }
        if (dst != null) {
            sb.append(" dst ").append(dst);
        }
        if (sportLo > 0) {
            sb.append(" sport ").append(range(sportLo, sportHi));
        }
        if (dportLo > 0) {
            sb.append(" dport ").append(range(dportLo, dportHi));
        }
        if (states != null && !states.isEmpty()) {
            sb.append(" state");
            for (CtState s : CtState.values()) {
                if (states.contains(s)) {
                    sb.append(' ').append(s.label());
                }
            }
        }
        sb.append(' ').append(action.label());
        if (rejectWith != null) {
            sb.append(" with ").append(rejectWith.label());
        }
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        return sb.append(')').toString();
    }

    private static String range(int lo, int hi) {
        return lo == hi ? Integer.toString(lo) : lo + "-" + hi;
    }
}
