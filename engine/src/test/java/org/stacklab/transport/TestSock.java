package org.stacklab.transport;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.trace.TraceEvent;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * A socket for port-table tests: no protocol behind it, it records what the table hands it.
 * Its table state is driven through the {@link PortTable} API. In TIME-WAIT it steps aside for a
 * SYN when a listener exists, as a TCP TIME-WAIT does (I4).
 */
final class TestSock extends Sock {
    private final Protocol proto;
    final String name;
    final List<IpPacket> received = new ArrayList<>();
    final List<TraceEvent.Delivery> deliveries = new ArrayList<>();
    final List<IcmpMessage> icmpErrors = new ArrayList<>();

    TestSock(HostStack stack, Protocol proto, String name, int uid) {
        super(stack, name, uid);
        this.proto = proto;
        this.name = name;
        stack.opened(this);
    }

    @Override
    public Protocol protocol() {
        return proto;
    }

    @Override
    public boolean accepts(IpPacket p) {
        if (tableState() != TableState.TIME_WAIT || !(p.transport() instanceof TcpSegment seg)) {
            return true;
        }
        boolean newSyn = seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.ACK);
        return !(newSyn && stack.table(Protocol.TCP).hasListener(p.dst4(), seg.dstPort()));
    }

    @Override
    public void receive(IpPacket p, TraceEvent.Delivery how) {
        received.add(p);
        deliveries.add(how);
        host().delivered(p, how);
    }

    @Override
    public void icmpError(IcmpMessage msg) {
        icmpErrors.add(msg);
    }

    @Override
    public String stateName() {
        switch (tableState()) {
            case LISTEN:
                return "LISTEN";
            case CONNECTED:
                return "ESTAB";
            case TIME_WAIT:
                return "TIME-WAIT";
            default:
                return "UNCONN";
        }
    }

    @Override
    public int recvQueue() {
        return 0;
    }

    @Override
    public int sendQueue() {
        return 0;
    }

    @Override
    public String toString() {
        return name + "(" + describe() + " " + tableState() + ")";
    }
}
