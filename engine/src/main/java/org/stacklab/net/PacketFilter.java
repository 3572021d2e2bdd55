package org.stacklab.net;

import org.stacklab.wire.IpPacket;

/**
 * Netfilter's hooks on one host (connection tracking, NAT, the firewall), installed by a layer
 * above; {@code net} only calls them at the points where Linux runs its hooks. Each hook returns
 * the packet to carry on with (translated, or the same) or null when the hook ended it (it has
 * then traced the drop and counted it, through {@link Host#drop}).
 */
public interface PacketFilter {
    /** Every packet that arrives from a link or from the host itself, before routing (DNAT). */
    IpPacket prerouting(IpPacket p);

    /** A packet for this host, before its protocol handler (filter input). */
    IpPacket input(IpPacket p);

    /** A packet routed through this host, after routing (filter forward, then SNAT). */
    IpPacket forward(IpPacket p);

    /** A packet this host sends, after routing (filter output); null: the sender hears EPERM. */
    IpPacket output(IpPacket p);
}
