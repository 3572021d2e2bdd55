package org.stacklab.trace.format.html;

import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.Transport;
import org.stacklab.wire.UdpDatagram;

/**
 * How the HTML report names a packet, in the words of a textbook diagram:
 * {@code SYN 10.0.0.2:5678 → 192.168.1.5:80}, {@code UDP 64 B 10.0.0.11:59090 → 192.168.1.5:7},
 * {@code ICMP port unreachable 192.168.1.5 → 10.0.0.2}.
 */
final class PacketLabel {
    static final String ARROW = " → ";

    private PacketLabel() {}

    /** The label: kind, payload size when there is one, and the two ends. */
    static String of(IpPacket p) {
        Transport t = p.transport();
        StringBuilder sb = new StringBuilder(64);
        if (t instanceof IcmpMessage m) {
            return sb.append("ICMP ").append(icmpName(m)).append(' ').append(p.src()).append(ARROW).append(p.dst())
                    .toString();
        }
        if (t instanceof UdpDatagram u) {
            sb.append("UDP ").append(u.payloadLength()).append(" B ");
        } else {
            TcpSegment s = (TcpSegment) t;
            sb.append(flagNames(s.flags())).append(' ');
            if (s.payloadLength() > 0) {
                sb.append(s.payloadLength()).append(" B ");
            }
        }
        return sb.append(p.src()).append(':').append(t.srcPort()).append(ARROW).append(p.dst()).append(':')
                .append(t.dstPort()).toString();
    }

    /** TCP flags as people say them: {@code SYN}, {@code SYN-ACK}, {@code PSH-ACK}, {@code FIN-ACK}, {@code RST}. */
    static String flagNames(int flags) {
        StringBuilder sb = new StringBuilder(12);
        name(sb, flags, TcpFlags.SYN, "SYN");
        name(sb, flags, TcpFlags.FIN, "FIN");
        name(sb, flags, TcpFlags.RST, "RST");
        name(sb, flags, TcpFlags.PSH, "PSH");
        name(sb, flags, TcpFlags.ACK, "ACK");
        return sb.length() == 0 ? "TCP (no flags)" : sb.toString();
    }

    private static void name(StringBuilder sb, int flags, int bit, String name) {
        if (TcpFlags.has(flags, bit)) {
            if (sb.length() > 0) {
                sb.append('-');
            }
            sb.append(name);
        }
    }

    /** {@code port unreachable}, {@code time exceeded}, ... */
    static String icmpName(IcmpMessage m) {
        if (m.v6()) {
            if (m.isPortUnreachable()) {
                return "port unreachable";
            }
            if (m.isDestUnreachable()) {
                return m.code() == IcmpMessage.V6_CODE_NO_ROUTE ? "no route" : "destination unreachable (code " + m.code() + ")";
            }
            return m.isTimeExceeded() ? "time exceeded" : "type " + m.type() + " code " + m.code();
        }
        if (m.type() == IcmpMessage.DEST_UNREACHABLE) {
            return switch (m.code()) {
                case IcmpMessage.CODE_PORT_UNREACHABLE -> "port unreachable";
                case IcmpMessage.CODE_HOST_UNREACHABLE -> "host unreachable";
                default -> "destination unreachable (code " + m.code() + ")";
            };
        }
        if (m.type() == IcmpMessage.TIME_EXCEEDED) {
            return "time exceeded";
        }
        return "type " + m.type() + " code " + m.code();
    }

    /** What an ICMP error is about: {@code about udp 10.0.0.2:5678 → 192.168.1.5:9}; empty for others. */
    static String quoted(IpPacket p) {
        if (p.transport() instanceof IcmpMessage m && m.quoted() != null) {
            IpPacket q = m.quoted();
            Transport t = q.transport();
            StringBuilder sb = new StringBuilder("about ").append(q.protocol().label()).append(' ').append(q.src());
            if (!(t instanceof IcmpMessage)) {
                sb.append(':').append(t.srcPort());
            }
            sb.append(ARROW).append(q.dst());
            if (!(t instanceof IcmpMessage)) {
                sb.append(':').append(t.dstPort());
            }
            return sb.toString();
        }
        return "";
    }
}
