package org.stacklab.trace.format;

import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.Ipv4Packet;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.Transport;
import org.stacklab.wire.UdpDatagram;

/** tcpdump's one-line description of a packet: {@code IP 10.0.0.2.5678 > 192.168.1.5.80: Flags [S], seq 0, win 65535, length 0}. */
public final class PacketText {
    private PacketText() {}

    public static String of(Ipv4Packet p) {
        StringBuilder sb = new StringBuilder(96);
        append(sb, p);
        return sb.toString();
    }

    public static void append(StringBuilder sb, Ipv4Packet p) {
        Transport t = p.transport();
        sb.append("IP ");
        if (t instanceof IcmpMessage m) {
            sb.append(p.src()).append(" > ").append(p.dst()).append(": ICMP ");
            if (m.type() == IcmpMessage.DEST_UNREACHABLE && m.quoted() != null) {
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
