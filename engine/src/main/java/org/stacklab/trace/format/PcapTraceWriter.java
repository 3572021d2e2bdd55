package org.stacklab.trace.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceSink;
import org.stacklab.wire.PacketEncoder;
import org.stacklab.wire.PcapWriter;

/**
 * trace.pcap: one record per packet as it leaves the host that originated it (the {@code tx}
 * events; the capture point is the sender's IP output), with real headers and checksums and
 * simulated time as the timestamp. Forwarded copies are not repeated: the count of records
 * equals the count of {@code tx} events in trace.jsonl.
 */
public final class PcapTraceWriter implements TraceSink {
    private final PcapWriter pcap;
    private byte[] buf = new byte[2048];

    public PcapTraceWriter(OutputStream out) throws IOException {
        this.pcap = new PcapWriter(out);
    }

    @Override
    public void accept(TraceEvent e) {
        if (!(e instanceof TraceEvent.PacketEvent p) || p.action() != PacketAction.TX) {
            return;
        }
        int need = p.packet().totalLength();
        if (need > buf.length) {
            buf = new byte[Math.max(need, buf.length * 2)];
        }
        int n = PacketEncoder.encodeInto(p.packet(), buf, 0);
        try {
            pcap.write(p.time(), buf, n);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() throws IOException {
        pcap.close();
    }
}
