package org.stacklab.transport;

import org.stacklab.net.DropReason;
import org.stacklab.net.Host;
import org.stacklab.net.ProtocolHandler;
import org.stacklab.trace.TraceEvent;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.Transport;

/**
 * Hands each arriving TCP segment or UDP datagram to the socket the {@link PortTable} finds;
 * when none matches, answers as Linux does: RST for TCP (K1), ICMP port unreachable for UDP
 * (K2). The demux finds; the socket decides.
 */
final class Demux implements ProtocolHandler {
    private final PortTable table;
    private final HostStack stack;

    Demux(PortTable table, HostStack stack) {
        this.table = table;
        this.stack = stack;
    }

    @Override
    public void receive(Host host, IpPacket p) {
        Transport t = p.transport();
        Match m = table.lookup(p.dst(), t.dstPort(), p.src(), t.srcPort()); // either family (M8, M9)
        if (m != null && !m.sock().accepts(p)) {
            // I4: a TIME-WAIT declined a new SYN; the lookup goes on at the listeners, and if one
            // takes the SYN the TIME-WAIT is discarded (tcp_v4_rcv, TCP_TW_SYN:
            // inet_twsk_deschedule_put), freeing its port and 4-tuple for the new connection.
            Sock declined = m.sock();
            m = table.lookupTcp(p.dst(), t.dstPort(), p.src(), t.srcPort(), declined);
            if (m != null && declined.tableState() == TableState.TIME_WAIT) {
                stack.killTimeWait(declined);
            }
        }
        if (m == null) {
            noMatch(host, p);
            return;
        }
        TraceEvent.Delivery how = stack.tracer().on() ? Explainer.explain(table, host, p, m) : null;
        m.sock().receive(p, how);
    }

    private void noMatch(Host host, IpPacket p) {
        boolean tracing = stack.tracer().on();
        if (p.protocol() == Protocol.UDP) {
            host.drop(p, DropReason.PORT_UNREACHABLE, tracing ? Explainer.noMatch(table, host, p,
                    (p.isIpv6() ? "ICMPv6" : "ICMP") + " port unreachable (K2)") : null);
            host.sendIcmp(p, IcmpMessage.portUnreachable(p));
            return;
        }
        TcpSegment seg = (TcpSegment) p.transport();
        if (seg.has(TcpFlags.RST)) {
            host.drop(p, DropReason.NO_LISTENER, tracing ? Explainer.noMatch(table, host, p, "nothing: never an RST to an RST") : null);
            return;
        }
        host.drop(p, DropReason.NO_LISTENER, tracing ? Explainer.noMatch(table, host, p, "RST (K1)") : null);
        host.send(resetFor(host, p, seg));
    }

    /**
     * RFC 9293 section 3.10.7.1: if the segment has ACK, the reset takes its sequence number from
     * the ACK field; otherwise sequence 0 and RST+ACK acknowledging the whole segment.
     */
    static IpPacket resetFor(Host host, IpPacket p, TcpSegment seg) {
        TcpSegment rst;
        if (seg.has(TcpFlags.ACK)) {
            rst = new TcpSegment(seg.dstPort(), seg.srcPort(), seg.ack(), 0, TcpFlags.RST, 0, 0, org.stacklab.wire.Bytes.EMPTY);
        } else {
            long ack = (seg.seq() + seg.sequenceLength()) & 0xFFFFFFFFL;
            rst = new TcpSegment(seg.dstPort(), seg.srcPort(), 0, ack, TcpFlags.RST | TcpFlags.ACK, 0, 0, org.stacklab.wire.Bytes.EMPTY);
        }
        return new IpPacket(p.dst(), p.src(), IpPacket.DEFAULT_TTL, host.nextIpId(), rst);
    }
}
