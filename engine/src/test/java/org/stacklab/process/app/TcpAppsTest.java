package org.stacklab.process.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.process.ProcessObserver;
import org.stacklab.process.Program;
import org.stacklab.process.SimSocketApi;
import org.stacklab.process.VirtualProcess;
import org.stacklab.sim.SimTime;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.TransportContext;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.PacketEncoder;
import org.stacklab.wire.PcapWriter;
import org.stacklab.wire.TsharkSupport;

/** The built-in TCP apps over the seed's topology: laptop 10.0.0.2, router 10.0.0.1, web 192.168.1.5. */
class TcpAppsTest {
    static final Endpoint WEB_80 = Endpoint.of("192.168.1.5", 80);

    final Simulator sim = new Simulator(7);
    final Tracer tracer = new Tracer();
    final List<TraceEvent.PacketEvent> sent = new ArrayList<>();
    final Network net;
    final HostStack web;
    final HostStack laptop;

    TcpAppsTest() {
        tracer.add(e -> {
            if (e instanceof TraceEvent.PacketEvent p && p.action() == TraceEvent.PacketAction.TX) {
                sent.add(p);
            }
        });
        net = new Network(sim, tracer);
        Host w = net.addHost("web", List.of(Ipv4Address.parse("192.168.1.5")), false);
        Host l = net.addHost("laptop", List.of(Ipv4Address.parse("10.0.0.2")), false);
        Host r = net.addHost("r1", List.of(Ipv4Address.parse("10.0.0.1")), true);
        net.link(l, r, new LinkConfig(SimTime.MS, 1_000_000_000L, 0, 1000));
        net.link(r, w, new LinkConfig(5 * SimTime.MS, 100_000_000L, 0, 1000));
        TransportContext ctx = new TransportContext(sim, tracer, 32768, 60999, 60 * SimTime.S);
        web = HostStack.install(w, ctx);
        laptop = HostStack.install(l, ctx);
        HostStack.install(r, ctx);
    }

    VirtualProcess start(HostStack on, String name, long at, Program program) {
        VirtualProcess p = new VirtualProcess(name, on.host().name(), "root", at, program);
        sim.schedule(at, () -> p.start(new SimSocketApi(on, name, "root"), ProcessObserver.NONE));
        return p;
    }

    @Test
    void httpClientFetchesTheServersBody() {
        VirtualProcess httpd = start(web, "httpd", 0, new HttpServer(80, "hello"));
        VirtualProcess browser = start(laptop, "browser", 10 * SimTime.MS, new HttpClient(WEB_80, "/index.html"));
        sim.runUntil(SimTime.S);
        assertTrue(browser.finished(), () -> String.valueOf(browser.failure()));
        assertEquals("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
                browser.receivedText());
        assertEquals("GET /index.html HTTP/1.0\r\nHost: 192.168.1.5\r\n\r\n", httpd.receivedText());
    }

    @Test
    void bulkSendDeliversEveryByteToTheSinkAcrossALossyPath() {
        net.link(net.host("laptop"), net.host("web"), new LinkConfig(2 * SimTime.MS, 50_000_000L, 0.02, 1000));
        VirtualProcess sink = start(web, "sink", 0, new TcpSink(9));
        VirtualProcess bulk = start(laptop, "bulk", 0, new TcpBulkSend(Endpoint.of("192.168.1.5", 9), 3_000_000));
        sim.runUntil(120 * SimTime.S);
        assertTrue(bulk.finished(), () -> String.valueOf(bulk.failure()));
        assertEquals(3_000_000, sink.receivedBytes());
        assertTrue(sink.receivedText().startsWith("abcdefghijklmnopqrstuvwxyzabc"));
    }

    @Test
    void echoServerReturnsWhatEachConnectionSends() {
        VirtualProcess echo = start(web, "echo", 0, new TcpEchoServer(7));
        VirtualProcess c1 = start(laptop, "c1", 0, new HttpClient(Endpoint.of("192.168.1.5", 7), "/one"));
        VirtualProcess c2 = start(laptop, "c2", 0, new HttpClient(Endpoint.of("192.168.1.5", 7), "/two"));
        sim.runUntil(100 * SimTime.MS);
        // The echo server never closes first, so the clients are still reading: their requests came back.
        assertEquals("GET /one HTTP/1.0\r\nHost: 192.168.1.5\r\n\r\n", c1.receivedText());
        assertEquals("GET /two HTTP/1.0\r\nHost: 192.168.1.5\r\n\r\n", c2.receivedText());
        assertEquals(c1.receivedBytes() + c2.receivedBytes(), echo.receivedBytes());
    }

    @Test
    void wiresharkRecognisesTheHttpExchange(@TempDir Path dir) throws IOException {
        TsharkSupport.assumeInstalled();
        start(web, "httpd", 0, new HttpServer(80, "hello"));
        start(laptop, "browser", 10 * SimTime.MS, new HttpClient(WEB_80, "/"));
        sim.runUntil(SimTime.S);
        Path pcap = dir.resolve("http.pcap");
        try (OutputStream out = Files.newOutputStream(pcap); PcapWriter w = new PcapWriter(out)) {
            for (TraceEvent.PacketEvent p : sent) {
                byte[] b = PacketEncoder.encode(p.packet());
                w.write(p.time(), b, b.length);
            }
        }
        List<Map<String, String>> rows = TsharkSupport.fields(pcap, List.of("-Y", "http"),
                List.of("http.request.method", "http.request.uri", "http.response.code", "http.content_length"));
        assertEquals(2, rows.size(), rows::toString);
        assertEquals("GET", rows.get(0).get("http.request.method"));
        assertEquals("/", rows.get(0).get("http.request.uri"));
        assertEquals("200", rows.get(1).get("http.response.code"));
        List<Map<String, String>> problems = TsharkSupport.fields(pcap, List.of("-Y", "tcp.analysis.flags || _ws.malformed"),
                List.of("frame.number"));
        assertEquals(0, problems.size(), problems::toString);
    }
}
