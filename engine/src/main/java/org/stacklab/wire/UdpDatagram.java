package org.stacklab.wire;

/** A UDP datagram (RFC 768). */
public record UdpDatagram(int srcPort, int dstPort, Bytes data) implements Transport {
    public static final int HEADER = 8;

    /** The same datagram between other ports (a NAT rewrites them). */
    public UdpDatagram withPorts(int newSrc, int newDst) {
        return new UdpDatagram(newSrc, newDst, data);
    }

    @Override
    public Protocol protocol() {
        return Protocol.UDP;
    }

    @Override
    public int headerLength() {
        return HEADER;
    }

    @Override
    public int payloadLength() {
        return data.length();
    }
}
