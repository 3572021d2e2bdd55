package org.stacklab.net.filter;

import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.Transport;
import org.stacklab.wire.UdpDatagram;

/**
 * Copies of a packet with an address or port rewritten, as NAT writes them; every record keeps
 * its other fields (TCP options included), and the checksums follow when the packet is encoded.
 */
final class Rewrite {
    private Rewrite() {}

    static IpPacket source(IpPacket p, Endpoint e) {
        Transport t = ports(p.transport(), e.port(), p.transport().dstPort());
        return new IpPacket(e.ip(), p.dst(), p.ttl(), p.id(), t);
    }

    static IpPacket destination(IpPacket p, Endpoint e) {
        Transport t = ports(p.transport(), p.transport().srcPort(), e.port());
        return new IpPacket(p.src(), e.ip(), p.ttl(), p.id(), t);
    }

    /** An ICMP error with its outer source address and the quoted packet's destination rewritten. */
    static IpPacket icmpSource(IpPacket p, IpAddress outer, Endpoint innerDst) {
        IcmpMessage m = (IcmpMessage) p.transport();
        IpPacket q = destination(m.quoted(), innerDst);
        return new IpPacket(outer, p.dst(), p.ttl(), p.id(), new IcmpMessage(m.type(), m.code(), q));
    }

    /** An ICMP error with its outer destination address and the quoted packet's source rewritten. */
    static IpPacket icmpDestination(IpPacket p, IpAddress outer, Endpoint innerSrc) {
        IcmpMessage m = (IcmpMessage) p.transport();
        IpPacket q = source(m.quoted(), innerSrc);
        return new IpPacket(p.src(), outer, p.ttl(), p.id(), new IcmpMessage(m.type(), m.code(), q));
    }

    private static Transport ports(Transport t, int src, int dst) {
        if (t instanceof TcpSegment s) {
            return s.withPorts(src, dst);
        }
        if (t instanceof UdpDatagram u) {
            return u.withPorts(src, dst);
        }
        return t;
    }

    /** {@code proto src > dst}, for traces. */
    static String text(IpPacket p) {
        return p.protocol().label() + " " + p.srcEndpoint() + " > " + p.dstEndpoint();
    }
}
