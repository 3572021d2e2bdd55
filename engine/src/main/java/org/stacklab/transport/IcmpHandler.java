package org.stacklab.transport;

import java.util.List;
import org.stacklab.net.Host;
import org.stacklab.net.ProtocolHandler;
import org.stacklab.trace.TraceEvent;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;

/**
 * Takes ICMP errors and tells the socket that sent the packet they quote (K3). The socket is
 * found as if the quoted packet's destination had sent a packet to its source, as Linux's
 * {@code __udp4_lib_err} does; whether the error reaches the application is the socket's call.
 */
final class IcmpHandler implements ProtocolHandler {
    private final HostStack stack;

    IcmpHandler(HostStack stack) {
        this.stack = stack;
    }

    @Override
    public void receive(Host host, IpPacket p) {
        IcmpMessage msg = (IcmpMessage) p.transport();
        IpPacket q = msg.quoted();
        Match m = null;
        if (q != null && !q.protocol().isIcmp()) {
            PortTable t = stack.table(q.protocol());
            m = t.lookup(q.src(), q.transport().srcPort(), q.dst(), q.transport().dstPort()); // M12: ICMPv6 as ICMP
            if (m != null && q.protocol() == Protocol.TCP && m.rule() != Rule.ESTABLISHED) {
                m = null; // a TCP error concerns one connection, never a listener
            }
        }
        boolean tracing = stack.tracer().on();
        if (m == null) {
            host.delivered(p, tracing ? new TraceEvent.Delivery(0, "-", Rule.ICMP_ERROR.label(), "-", List.of(),
                    (msg.v6() ? "ICMPv6 " : "ICMP ") + msg.describe() + ": no socket sent the quoted packet; ignored") : null);
            return;
        }
        Sock s = m.sock();
        host.delivered(p, tracing ? new TraceEvent.Delivery(s.id(), s.process(), Rule.ICMP_ERROR.label(),
                s.local().toString(), List.of(), (msg.v6() ? "ICMPv6 " : "ICMP ") + msg.describe() + " for socket " + s.id() + " "
                + s.describe() + (s.isConnected() ? " (connected: the error is reported, K3)"
                        : " (not connected: the error is not reported, K3)")) : null);
        s.icmpError(msg);
    }
}
