package org.stacklab.wire;

import java.util.List;

/** Packets for encoding and capture tests: a short, self-consistent exchange between hosts. */
final class SamplePackets {
    static final Ipv4Address LAPTOP = Ipv4Address.parse("10.0.0.2");
    static final Ipv4Address ROUTER = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address SERVER = Ipv4Address.parse("192.168.1.5");
    static final String HTTP_REQUEST = "GET / HTTP/1.0\r\nHost: server\r\n\r\n";

    /** A packet with the simulated time it was seen and a comment for pcapng. */
    record Timed(long timeNs, IpPacket packet, String comment) {}

    private SamplePackets() {}

    static IpPacket udp(Ipv4Address src, int sport, Ipv4Address dst, int dport, String data) {
        return new IpPacket(src, dst, IpPacket.DEFAULT_TTL, 1, new UdpDatagram(sport, dport, Bytes.of(data)));
    }

    static IpPacket tcp(boolean fromLaptop, int flags, long seq, long ack, int mss, String data) {
        Ipv4Address src = fromLaptop ? LAPTOP : SERVER;
        Ipv4Address dst = fromLaptop ? SERVER : LAPTOP;
        int sport = fromLaptop ? 40000 : 80;
        int dport = fromLaptop ? 80 : 40000;
        TcpSegment s = new TcpSegment(sport, dport, seq, ack, flags, 65535, mss, Bytes.of(data));
        return new IpPacket(src, dst, IpPacket.DEFAULT_TTL, (int) (seq % 1000), s);
    }

    /** A TCP handshake and request, a refused UDP datagram and one that runs out of TTL. */
    static List<Timed> exchange() {
        int ack = TcpFlags.ACK;
        int n = HTTP_REQUEST.length();
        IpPacket refused = udp(LAPTOP, 40001, SERVER, 7777, "hello");
        IpPacket expiring = udp(LAPTOP, 40002, SERVER, 7777, "ttl").withTtl(1);
        return List.of(
                new Timed(10_000_000L, tcp(true, TcpFlags.SYN, 1000, 0, 1460, ""), "SYN"),
                new Timed(20_000_000L, tcp(false, TcpFlags.SYN | ack, 5000, 1001, 1460, ""), null),
                new Timed(30_000_000L, tcp(true, ack, 1001, 5001, 0, ""), null),
                new Timed(40_000_000L, tcp(true, TcpFlags.PSH | ack, 1001, 5001, 0, HTTP_REQUEST), "request"),
                new Timed(50_000_000L, tcp(false, ack, 5001, 1001 + n, 0, ""), null),
                new Timed(60_000_123L, refused, null),
                new Timed(70_000_000L, icmp(SERVER, IcmpMessage.portUnreachable(refused)), "port unreachable"),
                new Timed(80_000_000L, expiring, null),
                new Timed(90_000_999L, icmp(ROUTER, IcmpMessage.timeExceeded(expiring)), "ttl"));
    }

    static IpPacket icmp(Ipv4Address from, IcmpMessage m) {
        return new IpPacket(from, m.quoted().src(), IpPacket.DEFAULT_TTL, 7, m);
    }
}
