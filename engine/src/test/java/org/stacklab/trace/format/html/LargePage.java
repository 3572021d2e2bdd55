package org.stacklab.trace.format.html;

import static org.stacklab.trace.format.html.HtmlReportWriterTest.packet;
import static org.stacklab.trace.format.html.HtmlReportWriterTest.udp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stacklab.trace.TraceEvent.Delivery;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.wire.Ipv4Address;

/**
 * Writes a report.html of exactly {@code N} events (default 100,000: UDP datagrams from 1000
 * clients, each sent, received and delivered), to measure by hand how fast the explorer opens
 * (docs/explorer.md). Not a test: {@code java -cp ... LargePage OUT.html [N]}.
 */
public final class LargePage {
    private LargePage() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Ipv4Address server = Ipv4Address.parse("192.168.0.2");
        Delivery d = new Delivery(1, "echo", "wildcard-bound", "0.0.0.0:7", List.of(),
                "port table of server: matched socket 0.0.0.0:7 (bound to 0.0.0.0; no socket on the destination address, J1)");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            HtmlReportWriter w = new HtmlReportWriter(os, HtmlReportScaleTest.star(1000, null));
            for (int i = 0, events = 0; events < n; i++) {
                var p = udp(server.plus(-100 + i % 1000), server, 30000 + i % 1000);
                long t = i * 1000L;
                PacketEvent[] three = {packet(t, "client" + (i % 1000 + 1), PacketAction.TX, p),
                    packet(t + 500, "server", PacketAction.RX, p),
                    new PacketEvent(t + 500, "server", PacketAction.DELIVER, p, false, d, null, null)};
                for (int k = 0; k < 3 && events < n; k++, events++) {
                    w.accept(three[k]);
                }
            }
            w.close();
        }
    }
}
