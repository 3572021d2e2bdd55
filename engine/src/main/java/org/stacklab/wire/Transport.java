package org.stacklab.wire;

/** The payload of an IPv4 packet: a UDP datagram, a TCP segment or an ICMP message. */
public sealed interface Transport permits UdpDatagram, TcpSegment, IcmpMessage {
    Protocol protocol();

    /** Bytes of this protocol's header (8 for UDP, 20 plus options for TCP, 8 for ICMP). */
    int headerLength();

    /** Payload bytes after the header ({@code len} in reports). */
    int payloadLength();

    /** Source port, or 0 for ICMP. */
    int srcPort();

    /** Destination port, or 0 for ICMP. */
    int dstPort();
}
