package org.stacklab.wire;

/**
 * An IPv4 packet (RFC 791) without options: header fields StackLab models, plus its transport
 * payload. Immutable; a router makes a copy with the TTL decremented.
 */
public record Ipv4Packet(Ipv4Address src, Ipv4Address dst, int ttl, int id, Transport transport) {
    public static final int HEADER = 20;
    public static final int DEFAULT_TTL = 64;

    public Protocol protocol() {
        return transport.protocol();
    }

    /** Total length on the wire: IP header, transport header, payload. */
    public int totalLength() {
        return HEADER + transport.headerLength() + transport.payloadLength();
    }

    public Endpoint srcEndpoint() {
        return new Endpoint(src, transport.srcPort());
    }

    public Endpoint dstEndpoint() {
        return new Endpoint(dst, transport.dstPort());
    }

    public Ipv4Packet withTtl(int newTtl) {
        return new Ipv4Packet(src, dst, newTtl, id, transport);
    }
}
