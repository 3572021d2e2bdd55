package org.stacklab.trace.format;

import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.Transport;
import org.stacklab.wire.UdpDatagram;

/**
 * tcpdump's one-line description of a packet: {@code IP 10.0.0.2.5678 > 192.168.1.5.80: Flags [S], seq 0, win 65535, length 0},
 * and for IPv6 {@code IP6 2001:db8::2.5678 > 2001:db8::5.80: ...}, as tcpdump prints both.
 */
public final class PacketText {
    private PacketText() {}

    public static String of(IpPacket p) {
        StringBuilder sb = new StringBuilder(96);
        append(sb, p);
        return sb.toString();
    }

    public static void append(StringBuilder sb, IpPacket p) {
        Transport t = p.transport();
        sb.append(p.isIpv6() ? "IP6 " : "IP ");
        if (t instanceof IcmpMessage m && m.v6()) {
            // tcpdump: "ICMP6, destination unreachable, unreachable port, 2001:db8::5 udp port 7, length 56"
            sb.append(p.src()).append(" > ").append(p.dst()).append(": ICMP6, ");
            if (m.isPortUnreachable() && m.quoted() != null) {
                sb.append("destination unreachable, unreachable port, ").append(m.quoted().dst()).append(' ')
                        .append(m.quoted().protocol().label()).append(" port ").append(m.quoted().transport().dstPort());
            } else if (m.isDestUnreachable()) {
                sb.append("destination unreachable, ").append(m.describe());
            } else {
                sb.append(m.describe());
            }
            sb.append(", length ").append(t.headerLength() + t.payloadLength());
            return;
        }
        if (t instanceof IcmpMessage m) {
            sb.append(p.src()).append(" > ").append(p.dst()).append(": ICMP ");
            if (m.isDestUnreachable() && m.quoted() != null) {
                sb.append(m.quoted().dst()).append(' ');
            }
            sb.append(m.describe()).append(", length ").append(t.headerLength() + t.payloadLength());
            return;
        }
        sb.append(p.src()).append('.').append(t.srcPort()).append(" > ").append(p.dst()).append('.')
                .append(t.dstPort()).append(": ");
        if (t instanceof UdpDatagram u) {
            sb.append("UDP, length ").append(u.payloadLength());
            return;
        }
        TcpSegment s = (TcpSegment) t;
        sb.append("Flags [").append(TcpFlags.format(s.flags())).append("], seq ").append(s.seq());
        if (s.payloadLength() > 0) {
            sb.append(':').append((s.seq() + s.payloadLength()) & 0xFFFFFFFFL);
        }
        if (s.has(TcpFlags.ACK)) {
            sb.append(", ack ").append(s.ack());
        }
        sb.append(", win ").append(s.window());
        if (!s.options().isEmpty()) {
            sb.append(", options [").append(s.options().describe()).append(']');
        }
        sb.append(", length ").append(s.payloadLength());
    }
}
