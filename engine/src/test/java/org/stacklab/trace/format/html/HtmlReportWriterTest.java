package org.stacklab.trace.format.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.UdpDatagram;

class HtmlReportWriterTest {
    static byte[] render(ReportInfo info, Iterable<TraceEvent> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlReportWriter w = new HtmlReportWriter(out, info);
        for (TraceEvent e : events) {
            w.accept(e);
        }
        w.close();
        return out.toByteArray();
    }

    static String html(ReportInfo info, Iterable<TraceEvent> events) throws IOException {
        return new String(render(info, events), StandardCharsets.UTF_8);
    }

    /** The text of one {@code <section id=...>}. */
    static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(start >= 0, "no section " + id);
        return html.substring(start, html.indexOf("</section>", start));
    }

    /** The sequence diagram with one lifeline per host ({@code view} "host") or per socket ("socket"). */
    static String view(String html, String view) {
        int start = html.indexOf("<svg class=\"seq\" data-view=\"" + view + "\"");
        assertTrue(start >= 0, "no " + view + " diagram");
        return html.substring(start, html.indexOf("</svg>", start));
    }

    static String hostView(String html) {
        return view(html, "host");
    }

    static String socketView(String html) {
        return view(html, "socket");
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Nested
    class TheWebExample {
        final String page;

        TheWebExample() throws IOException {
            page = html(WebExchange.info("A web server listens on 192.168.1.5 port 80."), WebExchange.events());
        }

        @Test
        void everyHopIsOneArrowLabelledLikeATextbook() {
            String seq = hostView(page);
            assertEquals(14, count(seq, "<g class=\"pkt "), "7 packets, each laptop→r1 and r1→web");
            assertEquals(14, count(socketView(page), "<g class=\"pkt "), "the same arrows with a lifeline per socket");
            assertTrue(seq.contains("SYN 10.0.0.2:5678 → 192.168.1.5:80"), seq);
            assertTrue(seq.contains("SYN-ACK 192.168.1.5:80 → 10.0.0.2:5678"));
            assertTrue(seq.contains("PSH-ACK 18 B 10.0.0.2:5678 → 192.168.1.5:80"));
            assertTrue(seq.contains("UDP 7 B 10.0.0.2:40001 → 192.168.1.5:9"));
            assertTrue(seq.contains("ICMP port unreachable 192.168.1.5 → 10.0.0.2"));
        }

        @Test
        void tcpSequenceNumbersAreRelativeToEachSidesInitialOne() {
            String seq = section(page, "sequence");
            assertTrue(seq.contains("seq=0 win=65535 mss=1460"), "the SYN");
            assertTrue(seq.contains("seq=0 ack=1 win=65535 mss=1460"), "the SYN-ACK");
            assertTrue(seq.contains("seq=1 ack=19 win=65535"), "the response acknowledges the 18-byte request");
            assertTrue(seq.contains("ttl=63"), "forwarded copies show their TTL");
        }

        @Test
        void lifelinesGoFromTheClientThroughTheRouterToTheServer() {
            String seq = section(page, "sequence");
            int laptop = seq.indexOf("class=\"name\">laptop<");
            int r1 = seq.indexOf("class=\"name\">r1<");
            int web = seq.indexOf("class=\"name\">web<");
            assertTrue(laptop >= 0 && laptop < r1 && r1 < web, "laptop, r1, web in that order");
        }

        @Test
        void aDropEndsItsArrowInACrossWithTheReason() {
            String seq = hostView(page);
            assertEquals(1, count(seq, "class=\"cross\""));
            assertTrue(seq.contains(">port-unreachable</text>"));
            String drops = section(page, "drops");
            assertTrue(drops.contains("port-unreachable") && drops.contains("no socket on 192.168.1.5:9"));
        }

        @Test
        void stateChangesFailedCallsAndNotesAppearOnTheLifelines() {
            String seq = section(page, "sequence");
            assertTrue(seq.contains(">s2 browser: SYN-SENT</text>") && seq.contains(">s2 browser: ESTABLISHED</text>"), seq);
            assertTrue(seq.contains(">s1 httpd: LISTEN</text>") && seq.contains(">s3 httpd: SYN-RECEIVED</text>"),
                    "the listener's and the connection's badges say which socket they are");
            assertTrue(seq.contains(">EADDRINUSE bind</text>"));
            assertTrue(seq.contains("note (browser on laptop): the browser connects"));
        }

        @Test
        void socketTablesShowListenAndEstablishedOnPort80() {
            String ss = section(page, "sockets");
            assertTrue(ss.contains("<td class=\"state listen\">LISTEN</td>"));
            assertTrue(ss.contains("<td class=\"state established\">ESTABLISHED</td>"));
            assertTrue(ss.contains("0.0.0.0:80") && ss.contains("192.168.1.5:80") && ss.contains("10.0.0.2:5678"));
            assertTrue(ss.contains("users:((&quot;httpd&quot;,sock=1))"));
        }

        @Test
        void deliveriesExplainTheRuleAndTheSocketsPassedOver() {
            String d = section(page, "deliveries");
            assertTrue(d.contains("matched the 4-tuple of socket 3"));
            assertTrue(d.contains("passed over socket 1 (httpd) 0.0.0.0:80"));
            assertTrue(d.contains("<tr><td>established</td><td class=\"num\">4</td></tr>"), "4 deliveries by rule established");
        }

        @Test
        void failedCallsSayWhetherTheyWereExpected() {
            String e = section(page, "errors");
            assertTrue(e.contains("EADDRINUSE") && e.contains(">expected<"));
            assertTrue(e.contains("bind (line 50): unexpected EACCES"));
        }

        @Test
        void everyExpectationWithItsResult() {
            String x = section(page, "expectations");
            assertTrue(x.contains("✔ held") && x.contains("✘ FAILED") && x.contains("counted 1"));
            assertTrue(page.contains("1 of 2 expectations failed"));
        }

        @Test
        void tcpSectionListsTransitionsAndChartsTheWindow() {
            String tcp = section(page, "tcp");
            assertTrue(tcp.contains("SYN-SENT → ESTABLISHED"));
            assertTrue(tcp.contains("<polyline class=\"s0\""));
        }

        @Test
        void totalsCountPacketsByProtocol() {
            String t = section(page, "totals");
            assertTrue(t.contains("<tr><td>tcp</td><td class=\"num\">5</td><td class=\"num\">5</td>"), t);
            assertTrue(t.contains("0 packets were still in flight"), t);
        }

        @Test
        void svgPicturesAreWellFormedXml() throws Exception {
            Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page);
            int n = 0;
            while (m.find()) {
                DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
                n++;
            }
            assertEquals(4, n, "topology, sequence diagram per host and per socket, congestion window");
        }
    }

    @Test
    void theSameEventsGiveTheSameBytes() throws IOException {
        assertArrayEquals(render(WebExchange.info("d"), WebExchange.events()),
                render(WebExchange.info("d"), WebExchange.events()));
    }

    @Test
    void textFromTheScenarioAndTheEventsIsEscaped() throws IOException {
        List<TraceEvent> events = new ArrayList<>(WebExchange.events());
        events.add(new TraceEvent.NoteEvent(1, "", null, "<img src=x onerror=alert(1)> & more"));
        String page = html(WebExchange.info("<script>alert('x')</script> & \"quoted\""), events);
        assertEquals(2, page.split("<script", -1).length - 1, "only the explorer's data and script elements");
        assertFalse(page.contains("<script>alert"), "no script element from the scenario");
        assertFalse(page.contains("<img"), "no element from a note");
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"));
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; more"));
    }

    @Test
    void theCwndChartShowsSsthreshRecoveryEpisodesAndTimeouts() throws IOException {
        List<TraceEvent> events = new ArrayList<>(WebExchange.events());
        String[] why = {"initial", "slow-start", "fast-retransmit", "recovery-end", "congestion-avoidance", "timeout"};
        long[] ss = {-1, -1, 7000, 7000, 7000, 5000};
        for (int i = 0; i < why.length; i++) {
            events.add(new TraceEvent.CwndEvent(1_000_000L * (i + 1), "laptop", 42, 10_000 + i, ss[i], why[i]));
        }
        String page = html(WebExchange.info("d"), events);
        assertEquals(1, count(page, "laptop socket 42 ssthresh</title></polyline>"), "one dashed ssthresh line");
        assertEquals(1, count(page, "laptop socket 42 loss recovery 0.003"), "one recovery band from the fast retransmit");
        assertEquals(1, count(page, "laptop socket 42 timeout 0.006"), "one timeout mark");
    }

    @Test
    void thePageFetchesNothing() throws IOException {
        String page = html(WebExchange.info("d"), WebExchange.events());
        for (String s : List.of("http://", "https://", "<script src", "<link", "<img", "<iframe", "@import", " src=")) {
            assertFalse(page.contains(s), "the page contains " + s);
        }
        assertFalse(Pattern.compile("url\\((?!#)").matcher(page).find(), "url() only for markers in the page itself");
    }

    @Test
    void aRunWithoutEventsStillGivesEverySection() throws IOException {
        String page = html(ReportInfo.named("empty"), List.of());
        for (String id : List.of("expectations", "topology", "sequence", "sockets", "deliveries", "drops", "errors", "tcp",
                "totals")) {
            section(page, id);
        }
        assertTrue(page.contains("no expectations"));
    }

    static IpPacket udp(Ipv4Address src, Ipv4Address dst, int sport) {
        return new IpPacket(src, dst, 64, 1, new UdpDatagram(sport, 7, Bytes.generated(64)));
    }

    static PacketEvent packet(long t, String host, PacketAction a, IpPacket p) {
        return new PacketEvent(t, host, a, p, false, null, null, null);
    }
}
