package org.stacklab.wire;

/**
 * An IP packet of either family: IPv4 (RFC 791, without options) or IPv6 (RFC 8200, without extension
 * headers), as the header fields StackLab models plus the transport payload. The family is the
 * addresses' family, and both must agree. Immutable; a router makes a copy with the TTL decremented.
 *
 * <p>{@code ttl} is IPv4's time to live or IPv6's hop limit: the same counter under two names. {@code id}
 * is IPv4's identification; an IPv6 header has none (only a fragment header would), so it is 0 there.
 * IPv6's traffic class and flow label are always 0, as Linux sends them without a flow label set.
 */
public record IpPacket(IpAddress src, IpAddress dst, int ttl, int id, Transport transport) {
    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    /** Linux's default for both families: net.ipv4.ip_default_ttl and net.ipv6.conf.*.hop_limit are 64. */
    public static final int DEFAULT_TTL = 64;

    public IpPacket {
        if ((src instanceof Ipv6Address) != (dst instanceof Ipv6Address)) {
            throw new IllegalArgumentException("a packet's addresses must be of one family: " + src + " > " + dst);
        }
        if (src instanceof Ipv6Address) {
            id = 0;
        }
        if (transport instanceof IcmpMessage m && m.v6() != (src instanceof Ipv6Address)) {
            throw new IllegalArgumentException((m.v6() ? "ICMPv6 in an IPv4" : "ICMP in an IPv6") + " packet");
        }
    }

    /** Whether this is an IPv6 packet. */
    public boolean isIpv6() {
        return src instanceof Ipv6Address;
    }

    /** The IP header's length: 20 for IPv4, 40 for IPv6. */
    public int headerLength() {
        return isIpv6() ? IPV6_HEADER : IPV4_HEADER;
    }

    public Protocol protocol() {
        return transport.protocol();
    }

    /** Total length on the wire: IP header, transport header, payload. */
    public int totalLength() {
        return headerLength() + transport.headerLength() + transport.payloadLength();
    }

    /** The source as IPv4, for the IPv4-only fast paths; fails on an IPv6 packet. */
    public Ipv4Address src4() {
        return (Ipv4Address) src;
    }

    /** The destination as IPv4, for the IPv4-only fast paths; fails on an IPv6 packet. */
    public Ipv4Address dst4() {
        return (Ipv4Address) dst;
    }

    public Endpoint srcEndpoint() {
        return new Endpoint(src, transport.srcPort());
    }

    public Endpoint dstEndpoint() {
        return new Endpoint(dst, transport.dstPort());
    }

    public IpPacket withTtl(int newTtl) {
        return new IpPacket(src, dst, newTtl, id, transport);
    }
}
