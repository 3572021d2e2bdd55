package org.stacklab.net.filter;

import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv4Packet;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.Transport;
import org.stacklab.wire.UdpDatagram;

/**
 * Copies of a packet with an address or port rewritten, as NAT writes them; every record keeps
 * its other fields (TCP options included), and the checksums follow when the packet is encoded.
 */
final class Rewrite {
    private Rewrite() {}

    static Ipv4Packet source(Ipv4Packet p, Endpoint e) {
        Transport t = ports(p.transport(), e.port(), p.transport().dstPort());
        return new Ipv4Packet(Tuple.v4(e), p.dst(), p.ttl(), p.id(), t);
    }

    static Ipv4Packet destination(Ipv4Packet p, Endpoint e) {
        Transport t = ports(p.transport(), p.transport().srcPort(), e.port());
        return new Ipv4Packet(p.src(), Tuple.v4(e), p.ttl(), p.id(), t);
    }

    /** An ICMP error with its outer source address and the quoted packet's destination rewritten. */
    static Ipv4Packet icmpSource(Ipv4Packet p, Ipv4Address outer, Endpoint innerDst) {
        IcmpMessage m = (IcmpMessage) p.transport();
        Ipv4Packet q = destination(m.quoted(), innerDst);
        return new Ipv4Packet(outer, p.dst(), p.ttl(), p.id(), new IcmpMessage(m.type(), m.code(), q));
    }

    /** An ICMP error with its outer destination address and the quoted packet's source rewritten. */
    static Ipv4Packet icmpDestination(Ipv4Packet p, Ipv4Address outer, Endpoint innerSrc) {
        IcmpMessage m = (IcmpMessage) p.transport();
        Ipv4Packet q = source(m.quoted(), innerSrc);
        return new Ipv4Packet(p.src(), outer, p.ttl(), p.id(), new IcmpMessage(m.type(), m.code(), q));
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
    static String text(Ipv4Packet p) {
        return p.protocol().label() + " " + p.srcEndpoint() + " > " + p.dstEndpoint();
    }
}
