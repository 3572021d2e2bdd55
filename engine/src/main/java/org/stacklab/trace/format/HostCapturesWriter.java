package org.stacklab.trace.format;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * The per-host captures, {@code hosts/HOST.pcapng}: what one host's IP layer saw, as a capture
 * on that host would show it. Each packet appears once per file: as the host sent it, or as it
 * arrived there (a router's forwarded copy is the packet that arrived, so it is not repeated).
 * A packet that arrived carries a comment naming the socket and process that got it, or why
 * it was dropped there.
 */
public final class HostCapturesWriter implements TraceSink {
    /** The folder inside the report folder. */
    public static final String FOLDER = "hosts";

    private final Map<String, PcapngWriter> files = new LinkedHashMap<>();
    private final FrameEncoder encoder = new FrameEncoder();
    private PacketEvent pendingRx;

    public HostCapturesWriter(Path dir, List<String> hosts, Map<IpAddress, String> names) throws IOException {
        Files.createDirectories(dir);
        for (String h : hosts) {
            PcapngWriter w = new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(dir.resolve(h + ".pcapng")), 1 << 14));
            w.addInterface(h, PcapWriter.LINKTYPE_RAW);
            names.forEach(w::addName);
            files.put(h, w);
        }
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
                write(rx, PcapngTraceWriter.comment(p));
                return;
            }
            write(rx, null);
        }
        switch (p.action()) {
            case TX -> write(p, null);
            case RX -> pendingRx = p;
            default -> { }
        }
    }

    private void write(PacketEvent p, String comment) {
        PcapngWriter w = files.get(p.host());
        if (w == null) {
            return;
        }
        try {
            w.write(0, p.time(), encoder.encode(p.packet()), encoder.length(), comment);
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
        IOException first = null;
        for (PcapngWriter w : files.values()) {
            try {
                w.close();
            } catch (IOException ex) {
                first = first == null ? ex : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
