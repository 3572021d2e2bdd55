package org.stacklab.trace.format.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.trace.format.html.HtmlReportWriterTest.count;
import static org.stacklab.trace.format.html.HtmlReportWriterTest.packet;
import static org.stacklab.trace.format.html.HtmlReportWriterTest.section;
import static org.stacklab.trace.format.html.HtmlReportWriterTest.udp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.Delivery;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.TraceEvent.SocketRow;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;

/** Large runs give a light page; large topologies stay readable or become a summary. */
class HtmlReportScaleTest {
    private static final Ipv4Address SERVER = Ipv4Address.parse("192.168.0.2");
    private static final long MB = 1024 * 1024;

    @Test
    void aMillionPacketsGiveAPageUnderSixteenMegabytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlReportWriter w = new HtmlReportWriter(out, star(1000, null));
        Delivery d = new Delivery(1, "echo", "wildcard-bound", "0.0.0.0:7", List.of(),
                "port table of server: matched socket 0.0.0.0:7 (bound to 0.0.0.0; no socket on the destination address, J1)");
        for (int i = 0; i < 1_000_000; i++) {
            String host = "client" + (i % 1000 + 1);
            IpPacket p = udp(SERVER.plus(-100 + i % 1000), SERVER, 30000 + i % 1000);
            long t = i * 1000L;
            w.accept(packet(t, host, PacketAction.TX, p));
            if (i % 10 == 9) {
                w.accept(new PacketEvent(t + 500, "server", PacketAction.DROP, p, false, null, "loss", "lost on link"));
                w.accept(new TraceEvent.CallEvent(t + 600, host, "ping", "recv", 12, "recv(c)", "EAGAIN", false, "EAGAIN"));
                continue;
            }
            w.accept(packet(t + 500, "server", PacketAction.RX, p));
            w.accept(new PacketEvent(t + 500, "server", PacketAction.DELIVER, p, false, d, null, null));
            if (i % 50_000 == 0) {
                snapshot(w, t);
            }
        }
        w.close();
        String page = out.toString(StandardCharsets.UTF_8);
        assertTrue(out.size() < 16 * MB, "report.html is " + out.size() + " bytes");
        // the explorer keeps the first 80,000 and the last 20,000 of the 3,000,000 and more events
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"seen\":(\\d+),\"head\":80000,").matcher(page);
        assertTrue(m.find(), "explorer data header");
        assertTrue(Long.parseLong(m.group(1)) > 3_000_000, m.group());
        String data = page.substring(page.indexOf("\"events\":["), page.indexOf("]}</script>"));
        assertEquals(100_000, count(data, "\n["), "events kept");
        assertTrue(page.contains("it shows the first 300 of 1000000 packets sent or forwarded; 999700 left out"));
        assertTrue(section(page, "drops").contains("<tr><td>loss</td><td class=\"num\">100000</td></tr>"));
        assertTrue(section(page, "deliveries").contains("Showing the first 500 of 900000 deliveries; 899500 left out."));
        assertTrue(section(page, "errors").contains("Showing the first 500 of 100000 failed calls"));
        String sockets = section(page, "sockets");
        assertEquals(12, count(sockets, "<details class=\"snap\""), "the first 11 snapshots and the last");
        assertTrue(sockets.contains("later snapshots left out"));
        assertTrue(sockets.contains("Showing the first 300 sockets; 4700 left out."));
        assertTrue(section(page, "totals").contains("<tr><td>udp</td><td class=\"num\">1000000</td>"));
        assertTrue(section(page, "sequence").contains("other hosts"), "1000 senders share a lifeline");
        assertTrue(count(HtmlReportWriterTest.hostView(page), "<line class=\"life") <= Lanes.MAX);
        assertTrue(count(HtmlReportWriterTest.socketView(page), "<line class=\"life") <= Lanes.MAX_SOCKETS);
        assertTrue(HtmlReportWriterTest.socketView(page).contains("other lifelines"), "and share one per socket too");
    }

    private static void snapshot(HtmlReportWriter w, long t) {
        for (int h = 1; h <= 1000; h++) {
            List<SocketRow> rows = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                rows.add(new SocketRow(h * 10 + s, "udp", "UNCONN", "0.0.0.0:" + (30000 + s), "*:*", "ping" + h, 0, 0));
            }
            w.accept(new TraceEvent.SnapshotEvent(t, "client" + h, rows));
        }
    }

    /** A server, a router and {@code n} clients, in a group when {@code group} is not null. */
    static ReportInfo star(int n, String group) {
        List<ReportInfo.Host> hosts = new ArrayList<>();
        List<ReportInfo.Link> links = new ArrayList<>();
        hosts.add(new ReportInfo.Host("server", List.of(SERVER), false, null));
        hosts.add(new ReportInfo.Host("router", List.of(SERVER.plus(-1)), true, null));
        links.add(new ReportInfo.Link("router", "server", 5_000_000, 1_000_000_000, 0, 1000));
        for (int i = 1; i <= n; i++) {
            hosts.add(new ReportInfo.Host("client" + i, List.of(SERVER.plus(-100 + i - 1)), false, group));
            links.add(new ReportInfo.Link("client" + i, "router", 1_000_000, 100_000_000, 0, 1000));
        }
        return new ReportInfo("star", "star.yaml", "", 1, hosts, links);
    }

    private static String topology(ReportInfo info) throws IOException {
        return section(HtmlReportWriterTest.html(info, List.of()), "topology");
    }

    @Test
    void aGroupOfTwentyIsFannedOutAroundTheRouter() throws IOException {
        String topo = topology(star(20, "client"));
        assertEquals(22, count(topo, "<g class=\"box"), "20 clients, router, server");
        assertTrue(topo.contains(">client20</text>"));
        assertEquals(1, count(topo, "20 links · 1 ms · 100 Mbps each"), "one label for the fan");
        assertTrue(topo.contains(">5 ms · 1 Gbps</text>"));
    }

    @Test
    void aLargeGroupIsOneBox() throws IOException {
        String topo = topology(star(300, "client"));
        assertEquals(3, count(topo, "<g class=\"box"));
        assertTrue(topo.contains("client1 … client300"));
        assertTrue(topo.contains("300 hosts (group client)"));
        assertTrue(topo.contains("300 links · 1 ms · 100 Mbps"));
    }

    @Test
    void hundredsOfSeparateHostsAreSummarised() throws IOException {
        String topo = topology(star(300, null));
        assertFalse(topo.contains("<svg"));
        assertTrue(topo.contains("302 hosts in 302 boxes and 301 links: too many to draw legibly"));
        assertTrue(topo.contains("Showing the first 200 of 302 hosts."));
    }

    @Test
    void theFirstHostToSpeakIsOnTheLeftAndTheServerOnTheRight() throws IOException {
        ReportInfo info = star(2, null);
        IpPacket p = udp(SERVER.plus(-100), SERVER, 40000);
        String topo = section(HtmlReportWriterTest.html(info, List.of(packet(0, "client1", PacketAction.TX, p),
                packet(1, "router", PacketAction.RX, p))), "topology");
        assertTrue(x(topo, "client1") < x(topo, "router") && x(topo, "router") < x(topo, "server"), topo);
    }

    /** The x of a box's name in the topology picture. */
    private static int x(String topo, String name) {
        int i = topo.indexOf("\">" + name + "</text>");
        String before = topo.substring(0, i);
        String attr = before.substring(before.lastIndexOf("x=\"") + 3);
        return Integer.parseInt(attr.substring(0, attr.indexOf('"')));
    }
}
