package org.stacklab.net.filter;

import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Protocol;

/** One line of a host's {@code nat:} list. Only a flow's first packet looks at them (NF8, W-NAT). */
public sealed interface NatRule {
    /**
     * Source NAT of forwarded packets whose source is in {@code from} and destination is not,
     * to {@code to}; {@code lo}..{@code hi} is the port range, 0..0 for none (ports as NF1-NF5).
     */
    record Snat(Cidr from, Ipv4Address to, int lo, int hi, boolean masquerade) implements NatRule {
        public boolean hasRange() {
            return lo > 0;
        }

        boolean matches(org.stacklab.wire.IpAddress src, org.stacklab.wire.IpAddress dst) {
            return from.contains(src) && !from.contains(dst);
        }
    }

    /** Port forwarding: {@code proto} packets to {@code at}:{@code port} go to {@code to} (NF8). */
    record Dnat(Protocol proto, Ipv4Address at, int port, Endpoint to) implements NatRule {}
}
