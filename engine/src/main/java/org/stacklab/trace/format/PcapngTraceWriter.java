package org.stacklab.trace.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.TraceSink;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv4Packet;
import org.stacklab.wire.PacketEncoder;
import org.stacklab.wire.PcapWriter;
import org.stacklab.wire.PcapngWriter;

/**
 * trace.pcapng, for teaching: one interface per host, named after it; every packet on the
 * interface of each host where it was sent ({@code tx}), forwarded or received ({@code rx});
 * a received packet carries a comment naming the socket and process that got it, or why it
 * was dropped; a name-resolution block maps addresses to host names.
 */
public final class PcapngTraceWriter implements TraceSink {
    private final PcapngWriter out;
    private final Map<String, Integer> ifaces = new HashMap<>();
    private byte[] buf = new byte[2048];
    private PacketEvent pendingRx;

    public PcapngTraceWriter(OutputStream stream, List<String> hosts, Map<Ipv4Address, String> names) throws IOException {
        this.out = new PcapngWriter(stream);
        for (String h : hosts) {
            ifaces.put(h, out.addInterface(h, PcapWriter.LINKTYPE_RAW));
        }
        names.forEach(out::addName);
    }

    @Override
    public void accept(TraceEvent e) {
        if (!(e instanceof PacketEvent p)) {
            return;
        }
        if (pendingRx != null) {
            PacketEvent rx = pendingRx;
            pendingRx = null;
            if (p.packet() == rx.packet() && p.host().equals(rx.host())
                    && (p.action() == PacketAction.DELIVER || p.action() == PacketAction.DROP)) {
                write(rx, comment(p));
                return;
            }
            write(rx, null);
        }
        switch (p.action()) {
            case TX, FORWARD -> write(p, null);
            case RX -> pendingRx = p;
            default -> { }
        }
    }

    private static String comment(PacketEvent p) {
        if (p.action() == PacketAction.DROP) {
            return "dropped at " + p.host() + ": " + p.reason() + (p.detail() == null ? "" : " (" + p.detail() + ")");
        }
        TraceEvent.Delivery d = p.delivery();
        return "delivered to socket " + d.socket() + " of process " + d.process() + " (rule " + d.rule() + ")";
    }

    private void write(PacketEvent p, String comment) {
        Integer iface = ifaces.get(p.host());
        if (iface == null) {
            return;
        }
        Ipv4Packet pkt = p.packet();
        if (pkt.totalLength() > buf.length) {
            buf = new byte[Math.max(pkt.totalLength(), buf.length * 2)];
        }
        int n = PacketEncoder.encodeInto(pkt, buf, 0);
        try {
            out.write(iface, p.time(), buf, n, comment);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() throws IOException {
        if (pendingRx != null) {
            write(pendingRx, null);
            pendingRx = null;
        }
        out.close();
    }
}
