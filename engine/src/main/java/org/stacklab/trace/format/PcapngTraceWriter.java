package org.stacklab.trace.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.TraceSink;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.PcapWriter;
import org.stacklab.wire.PcapngWriter;

/**
 * trace.pcapng: each packet once, as it leaves the host that originated it (the capture point of
 * trace.pcap too), on an interface named after that host, so Wireshark's TCP analysis sees one
 * consistent vantage point and flags only what really happened. Each frame carries a comment
 * with the packet's fate: the socket and process that got it, or where and why it was dropped.
 * A name-resolution block maps addresses to host names. What each host saw, hop by hop, is in
 * the per-host captures ({@link HostCapturesWriter}).
 *
 * <p>A frame is written once its fate is known (the packet's segment, datagram or ICMP message is
 * the same object from {@code tx} to {@code deliver} or {@code drop}, forwarding included), so
 * frames stay in the order they were sent; at most {@link #MAX_PENDING} wait, then the oldest is
 * written without a comment.
 */
public final class PcapngTraceWriter implements TraceSink {
    static final int MAX_PENDING = 4096;

    private final PcapngWriter out;
    private final FrameEncoder encoder = new FrameEncoder();
    private final Map<String, Integer> ifaces = new HashMap<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<Object, Pending> inFlight = new IdentityHashMap<>();

    private static final class Pending {
        final PacketEvent tx;
        String comment;
        boolean known;

        Pending(PacketEvent tx) {
            this.tx = tx;
        }
    }

    public PcapngTraceWriter(OutputStream stream, List<String> hosts, Map<IpAddress, String> names) throws IOException {
        this.out = new PcapngWriter(stream);
        for (String h : hosts) {
            ifaces.put(h, out.addInterface(h, PcapWriter.LINKTYPE_RAW));
        }
        names.forEach(out::addName);
    }

    @Override
    public void accept(TraceEvent e) {
        if (e instanceof TraceEvent.NatEvent n) {
            Pending translated = inFlight.remove(n.beforePacket().transport());
            if (translated != null) {
                inFlight.put(n.afterPacket().transport(), translated); // the same packet, NAT rewrote it
            }
            return;
        }
        if (!(e instanceof PacketEvent p)) {
            return;
        }
        switch (p.action()) {
            case TX -> {
                Pending pending = new Pending(p);
                queue.add(pending);
                Pending earlier = inFlight.put(p.packet().transport(), pending);
                if (earlier != null) {
                    earlier.known = true;
                    flushKnown();
                }
                if (queue.size() > MAX_PENDING) {
                    Pending oldest = queue.poll();
                    inFlight.remove(oldest.tx.packet().transport(), oldest);
                    write(oldest);
                }
            }
            case DELIVER, DROP -> {
                Pending pending = inFlight.remove(p.packet().transport());
                if (pending != null) {
                    pending.comment = comment(p);
                    pending.known = true;
                    flushKnown();
                }
            }
            default -> { }
        }
    }

    static String comment(PacketEvent p) {
        if (p.action() == PacketAction.DROP) {
            return "dropped at " + p.host() + ": " + p.reason() + (p.detail() == null ? "" : " (" + p.detail() + ")");
        }
        TraceEvent.Delivery d = p.delivery();
        return "delivered at " + p.host() + " to socket " + d.socket() + " of process " + d.process()
                + " (rule " + d.rule() + ")";
    }

    private void flushKnown() {
        while (!queue.isEmpty() && queue.peek().known) {
            write(queue.poll());
        }
    }

    private void write(Pending p) {
        Integer iface = ifaces.get(p.tx.host());
        if (iface == null) {
            return;
        }
        try {
            out.write(iface, p.tx.time(), encoder.encode(p.tx.packet()), encoder.length(), p.comment);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() throws IOException {
        while (!queue.isEmpty()) {
            write(queue.poll());
        }
        inFlight.clear();
        out.close();
    }
}
