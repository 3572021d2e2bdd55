package org.stacklab.net.filter;

import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;

/** A conntrack tuple: protocol, source and destination address and port, as one direction sees them. */
public record Tuple(Protocol proto, IpAddress src, int sport, IpAddress dst, int dport) {
    public static Tuple of(IpPacket p) {
        return new Tuple(p.protocol(), p.src(), p.transport().srcPort(), p.dst(), p.transport().dstPort());
    }

    /** The tuple of the other direction. */
    public Tuple invert() {
        return new Tuple(proto, dst, dport, src, sport);
    }

    public Endpoint source() {
        return new Endpoint(src, sport);
    }

    public Endpoint destination() {
        return new Endpoint(dst, dport);
    }

    public Tuple withSource(Endpoint e) {
        return new Tuple(proto, e.ip(), e.port(), dst, dport);
    }

    public Tuple withDestination(Endpoint e) {
        return new Tuple(proto, src, sport, e.ip(), e.port());
    }

    /** NAT is IPv4 only (the loader refuses IPv6 endpoints in NAT rules). */
    static Ipv4Address v4(Endpoint e) {
        return (Ipv4Address) e.ip();
    }

    @Override
    public String toString() {
        return proto.label() + " " + source() + " > " + destination();
    }
}
