package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/** Each lesson shows what its description claims, in lines of the trace a learner can point at. */
class LessonsTest {
    private final List<TraceEvent> events = new ArrayList<>();

    private RunResult run(String lesson) throws Exception {
        Scenario sc = ScenarioLoader.load(Path.of("..", "scenarios", lesson + ".yaml"));
        Tracer t = new Tracer();
        t.add(events::add);
        RunResult r = ScenarioRun.run(Assembler.assemble(sc, t), -1);
        assertTrue(r.allHeld(), lesson + ": " + r.checks());
        return r;
    }

    private List<PacketEvent> synDeliveries() {
        return events.stream().filter(e -> e instanceof PacketEvent p && p.action() == PacketAction.DELIVER
                && p.packet().transport() instanceof TcpSegment s && s.flags() == TcpFlags.SYN)
                .map(e -> (PacketEvent) e).toList();
    }

    private List<TraceEvent.BindEvent> binds() {
        return events.stream().filter(e -> e instanceof TraceEvent.BindEvent).map(e -> (TraceEvent.BindEvent) e).toList();
    }

    @Test
    void lesson1ShowsBothSocketsAndTheListenerRule() throws Exception {
        run("01-socket-is-an-address-and-a-port");
        Set<String> bound = binds().stream().map(b -> b.local().toString()).collect(Collectors.toSet());
        assertEquals(Set.of("192.168.1.5:80", "10.0.0.2:5678"), bound);
        PacketEvent syn = synDeliveries().get(0);
        assertEquals("specific-listener", syn.delivery().rule());
        assertEquals("10.0.0.2:5678", syn.packet().srcEndpoint().toString());
    }

    @Test
    void lesson3GivesEachBrowserItsOwnEphemeralEvenPort() throws Exception {
        run("03-client-ports");
        List<TraceEvent.BindEvent> auto = binds().stream()
                .filter(b -> b.auto() && b.proto().label().equals("tcp")).toList();
        assertEquals(2, auto.size());
        assertNotEquals(auto.get(0).local().port(), auto.get(1).local().port());
        for (TraceEvent.BindEvent b : auto) {
            int port = b.local().port();
            assertTrue(port >= 32768 && port <= 60999 && port % 2 == 0, "connect picks even ephemeral ports: " + port);
        }
    }

    @Test
    void lesson4SnapshotHoldsOneListenerAndSixConnectionsOnPort80() throws Exception {
        run("04-many-connections-one-port");
        TraceEvent.SnapshotEvent snap = events.stream()
                .filter(e -> e instanceof TraceEvent.SnapshotEvent s && s.host().equals("web") && s.time() == 60_000_000L)
                .map(e -> (TraceEvent.SnapshotEvent) e).findFirst().orElseThrow();
        assertEquals(1, snap.rows().stream().filter(r -> r.state().equals("LISTEN")).count());
        List<TraceEvent.SocketRow> estab = snap.rows().stream().filter(r -> r.state().equals("ESTAB")).toList();
        assertEquals(6, estab.size());
        assertTrue(estab.stream().allMatch(r -> r.local().equals("192.168.1.5:80")));
        assertEquals(6, estab.stream().map(TraceEvent.SocketRow::peer).distinct().count(), "six distinct 4-tuples");
    }

    @Test
    void lesson7RefusesTcpWithRstAndUdpWithIcmp() throws Exception {
        run("07-nobody-listening");
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.CallEvent c && "ECONNREFUSED".equals(c.errno())
                && c.process().equals("tcp-client")));
        assertTrue(events.stream().anyMatch(e -> e instanceof PacketEvent p && p.action() == PacketAction.TX
                && p.packet().transport() instanceof TcpSegment s && s.has(TcpFlags.RST)));
        assertTrue(events.stream().anyMatch(e -> e instanceof PacketEvent p && p.action() == PacketAction.TX
                && p.packet().protocol().label().equals("icmp")));
    }

    @Test
    void lesson8SendsEachConnectionToTheMostSpecificListener() throws Exception {
        run("08-specific-vs-wildcard");
        List<PacketEvent> syns = synDeliveries();
        assertEquals(2, syns.size());
        for (PacketEvent p : syns) {
            String expected = p.packet().dst().toString().equals("192.168.1.5") ? "specific-listener" : "wildcard-listener";
            assertEquals(expected, p.delivery().rule(), p.packet().toString());
        }
    }

    @Test
    void lesson9KeepsTheServerSideInTimeWaitUntilItExpires() throws Exception {
        run("09-time-wait-and-restart");
        List<TraceEvent.StateEvent> tw = events.stream().filter(e -> e instanceof TraceEvent.StateEvent s
                && s.to().equals("TIME-WAIT") && s.host().equals("server")).map(e -> (TraceEvent.StateEvent) e).toList();
        assertEquals(2, tw.size(), "both old servers closed first");
        long refused = events.stream().filter(e -> e instanceof TraceEvent.CallEvent c && c.process().equals("restart-80")
                && "EADDRINUSE".equals(c.errno())).count();
        assertEquals(2, refused);
    }

    @Test
    void lesson10ServesThreeClientsInTheOrderTheySpeakWithPoll() throws Exception {
        run("10-non-blocking-and-poll");
        List<TraceEvent.CallEvent> polls = events.stream().filter(e -> e instanceof TraceEvent.CallEvent c
                && c.step().equals("poll") && c.process().equals("loop")).map(e -> (TraceEvent.CallEvent) e).toList();
        assertEquals(9, polls.size());
        assertEquals(Map.of(), polls.get(3).ready(), "timeout 0s with nothing ready: no sockets, no error");
        List<String> order = polls.subList(4, 8).stream().flatMap(c -> c.ready().keySet().stream()).toList();
        assertEquals(List.of("c", "a", "a", "b"), order, "carol, alice (readable, then writable), bob");
        assertEquals(Set.of("a", "b", "c"), polls.get(8).ready().keySet(), "end of stream makes all three readable");
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.CallEvent c && "EAGAIN".equals(c.errno())
                && c.step().equals("accept") && c.expected()), "non-blocking accept on an empty queue");
    }

    /** Lesson 13: at each fast retransmit NewReno halves what was in flight, CUBIC keeps 717/1024 of cwnd. */
    @Test
    void lesson13NewRenoHalvesWhereCubicKeepsSeventyPercent() throws Exception {
        run("13-newreno-and-cubic");
        java.util.Map<String, Long> last = new java.util.TreeMap<>();
        int renoLosses = 0;
        int cubicLosses = 0;
        boolean hystart = false;
        for (TraceEvent e : events) {
            if (!(e instanceof TraceEvent.CwndEvent c) || c.host().equals("server")) {
                continue;
            }
            if (c.why().equals("fast-retransmit")) {
                long before = last.get(c.host());
                if (c.host().equals("cubic")) {
                    assertEquals(before / 1448 * 717 / 1024 * 1448, c.ssthresh()); // Linux cubictcp_recalc_ssthresh
                    cubicLosses++;
                } else {
                    assertTrue(c.ssthresh() <= before / 2 + 1448, "NewReno: half the flight, at most half of cwnd");
                    renoLosses++;
                }
            }
            hystart |= c.host().equals("cubic") && c.why().equals("hystart");
            last.put(c.host(), c.cwnd());
        }
        assertEquals(3, renoLosses);
        assertEquals(1, cubicLosses);
        assertTrue(hystart, "CUBIC leaves slow start by HyStart before its first loss");
    }

    /** Lesson 14: delayed ACKs halve the ACKs after the quick-ACK start; the transfer is as fast. */
    @Test
    void lesson14DelayedAcksHalveTheAcksWithoutSlowingTheTransfer() throws Exception {
        run("14-delayed-acks");
        int[] pureAcks = new int[2];
        int[] dataSegments = new int[2];
        long[] lastAck = new long[2];
        for (TraceEvent e : events) {
            if (!(e instanceof PacketEvent p) || p.action() != PacketAction.TX || !(p.packet().transport() instanceof TcpSegment s)) {
                continue;
            }
            int lazy = p.host().equals("lazy") ? 0 : p.host().equals("eager") ? 1 : -1;
            if (lazy >= 0 && s.flags() == TcpFlags.ACK && s.data().isEmpty()) {
                pureAcks[lazy]++;
                lastAck[lazy] = p.time();
            } else if (p.host().equals("client") && !s.data().isEmpty()) {
                dataSegments[p.packet().dst().toString().equals("10.0.0.1") ? 0 : 1]++;
            }
        }
        assertEquals(dataSegments[0], dataSegments[1]);
        // eager: one ACK per data segment (the client's FIN is acknowledged by the server's own FIN)
        assertEquals(dataSegments[1], pureAcks[1]);
        // lazy: 16 quick ACKs (Linux TCP_MAX_QUICKACKS), then one per two full segments
        assertTrue(pureAcks[0] < dataSegments[0] * 2 / 3, "lazy sent " + pureAcks[0] + " ACKs for " + dataSegments[0]);
        assertTrue(Math.abs(lastAck[0] - lastAck[1]) < lastAck[1] / 10, "both transfers end within 10 %");
    }

    /**
     * Lesson 12 (M4, M6, M8, M10): a dual-stack [::]:80 takes the IPv4 and the IPv6 client and blocks
     * 0.0.0.0:80; a V6ONLY [::]:8080 leaves 0.0.0.0:8080 free, and each takes the SYNs of its own family.
     */
    @Test
    void lesson12ServesIpv4ThroughDualStackAndKeepsV6onlyApart() throws Exception {
        run("12-one-server-two-families");
        assertEquals(1, events.stream().filter(e -> e instanceof TraceEvent.CallEvent c && c.process().equals("legacy")
                && "EADDRINUSE".equals(c.errno())).count(), "0.0.0.0:80 is held by the dual-stack [::]:80");
        List<PacketEvent> syns = synDeliveries().stream().filter(p -> p.host().equals("server")).toList();
        assertEquals(List.of("10.0.0.5:80 dual", "[2001:db8::5]:80 dual", "10.0.0.5:8080 four", "[2001:db8::5]:8080 six-only",
                "10.0.0.5:81 dual-check"), syns.stream().map(p -> p.packet().dstEndpoint() + " " + p.delivery().process()).toList());
        assertEquals("[::]:80", syns.get(0).delivery().local());
        assertTrue(syns.get(2).delivery().candidates().stream().anyMatch(c -> c.process().equals("six-only")
                && c.why().contains("IPV6_V6ONLY")), "the V6ONLY listener is named as passed over");
        assertTrue(syns.get(3).delivery().candidates().stream().anyMatch(c -> c.process().equals("four")
                && c.why().contains("takes no IPv6")), "the AF_INET listener is named as passed over for IPv6");
        TraceEvent.SnapshotEvent snap = events.stream().filter(e -> e instanceof TraceEvent.SnapshotEvent)
                .map(e -> (TraceEvent.SnapshotEvent) e).findFirst().orElseThrow();
        assertEquals(List.of("tcp6 [::]:80", "tcp6 [::]:8080", "tcp 0.0.0.0:8080"),
                snap.rows().stream().map(r -> r.proto() + " " + r.local()).toList());
    }

    private List<TraceEvent.NatEvent> nats(String type) {
        return events.stream().filter(e -> e instanceof TraceEvent.NatEvent n && n.type().equals(type))
                .map(e -> (TraceEvent.NatEvent) e).toList();
    }

    @Test
    void lesson15TheServerSeesOneAddressAndTenPorts() throws Exception {
        run("15-ten-laptops-one-public-address");
        Set<String> sources = events.stream().filter(e -> e instanceof PacketEvent p && p.action() == PacketAction.DELIVER
                && p.host().equals("server")).map(e -> ((PacketEvent) e).packet().srcEndpoint())
                .map(ep -> ep.ip().toString()).collect(Collectors.toSet());
        assertEquals(Set.of("203.0.113.1"), sources, "one public address");
        List<TraceEvent.NatEvent> snat = nats("snat");
        assertEquals(10, snat.stream().map(n -> n.to().port()).distinct().count(), "ten ports");
        assertEquals(5000, snat.get(0).to().port(), "the first laptop keeps its port (NF1)");
        assertTrue(snat.stream().skip(1).allMatch(n -> n.to().port() >= 1024 && n.to().port() != 5000),
                "the others are remapped within 1024-65535 (NF4)");
        assertEquals(10, nats("un-snat").size(), "every echo translated back");
        TraceEvent.ConntrackEvent table = events.stream().filter(e -> e instanceof TraceEvent.ConntrackEvent)
                .map(e -> (TraceEvent.ConntrackEvent) e).reduce((a, b) -> b).orElseThrow();
        assertEquals(10, table.rows().size());
    }

    @Test
    void lesson16ForwardsAPortAndTranslatesTheRepliesBack() throws Exception {
        run("16-port-forwarding");
        assertTrue(nats("dnat").stream().allMatch(n -> n.to().toString().equals("192.168.1.10:80")));
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.CallEvent c && c.process().equals("httpd")
                && c.result() != null && c.result().contains("203.0.113.20")), "the server sees the friend's real address");
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.CallEvent c && c.process().equals("httpd")
                && c.result() != null && c.result().contains("192.168.1.20")), "hairpin: the laptop's own address (NF11)");
        assertTrue(nats("snat").isEmpty(), "the hairpin flow is not masqueraded; the friend's flow comes from outside");
    }

    @Test
    void lesson17TellsClosedFilteredAndOpenApart() throws Exception {
        run("17-closed-filtered-open");
        List<PacketEvent> fw = events.stream().filter(e -> e instanceof PacketEvent p && p.action() == PacketAction.DROP
                && "firewall".equals(p.reason())).map(e -> (PacketEvent) e).toList();
        assertTrue(fw.stream().anyMatch(p -> p.detail().startsWith("rule 0 ") && p.packet().transport().dstPort() == 25));
        assertTrue(fw.stream().anyMatch(p -> p.detail().startsWith("rule 1 ") && p.packet().transport().dstPort() == 23));
        assertTrue(fw.stream().filter(p -> p.detail().startsWith("rule 2 ")).count() >= 3, "port 22: every SYN dropped");
        assertTrue(events.stream().noneMatch(e -> e instanceof PacketEvent p && p.action() == PacketAction.DELIVER
                && p.host().equals("server") && p.packet().transport().dstPort() == 23), "the listener on 23 never sees a SYN");
    }
}
