package org.stacklab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent.Candidate;
import org.stacklab.trace.TraceEvent.Delivery;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;

/** Every delivery names its rule, the winner and the candidates passed over, with why (issue 4, item 5). */
class ExplainerTest {
    private final Bench bench = new Bench();

    private TestSock socket(Protocol p, String name, String bind, boolean ra, boolean rp) {
        TestSock s = bench.open(p, name, "root");
        s.setReuseAddr(ra);
        s.setReusePort(rp);
        assertEquals(null, bench.bind(s, Endpoint.parse(bind)));
        return s;
    }

    private TestSock listener(String name, String bind, boolean rp) {
        TestSock s = socket(Protocol.TCP, name, bind, false, rp);
        assertEquals(null, bench.listen(s));
        return s;
    }

    private Delivery syn(String from, String to) {
        Bench.Arrival a = bench.tcp(TcpFlags.SYN, Endpoint.parse(from), Endpoint.parse(to));
        return a.event().delivery();
    }

    private Delivery datagram(String from, String to) {
        return bench.udp(Endpoint.parse(from), Endpoint.parse(to)).event().delivery();
    }

    @Test
    void wildcardListener() {
        TestSock web = listener("web", "0.0.0.0:80", false);
        Delivery d = syn("10.0.0.9:5678", "10.0.0.1:80");
        assertEquals("wildcard-listener", d.rule());
        assertEquals(web.id(), d.socket());
        assertEquals("port table of h: 10.0.0.1:80 \u2190 10.0.0.9:5678 matched listener 0.0.0.0:80"
                + " (wildcard listener; no established connection, no specific listener, I2)", d.explanation());
        assertEquals(List.of(), d.candidates());
    }

    @Test
    void specificListenerPassesOverTheWildcardAndABoundSocket() {
        TestSock any = listener("any", "0.0.0.0:80", true);
        TestSock one = listener("one", "10.0.0.1:80", true);
        TestSock idle = socket(Protocol.TCP, "idle", "10.0.0.2:80", false, true);
        Delivery d = syn("10.0.0.9:5678", "10.0.0.1:80");
        assertEquals("specific-listener", d.rule());
        assertEquals(one.id(), d.socket());
        assertEquals(List.of(
                new Candidate(any.id(), "any", "0.0.0.0:80", "bound to 0.0.0.0; a socket on the destination address matched first (I2)"),
                new Candidate(idle.id(), "idle", "10.0.0.2:80", "bound but not listening (only listeners and connections take segments, I1)")),
                d.candidates());
    }

    @Test
    void establishedConnectionBeatsItsListener() {
        TestSock web = listener("web", "0.0.0.0:80", false);
        TestSock child = bench.accept("child", web, Endpoint.parse("10.0.0.9:5678"), Endpoint.parse("10.0.0.1:80"));
        bench.accept("other", web, Endpoint.parse("10.0.0.9:5679"), Endpoint.parse("10.0.0.1:80"));
        Delivery d = bench.tcp(TcpFlags.ACK, Endpoint.parse("10.0.0.9:5678"), Endpoint.parse("10.0.0.1:80")).event().delivery();
        assertEquals("established", d.rule());
        assertEquals(child.id(), d.socket());
        assertEquals("port table of h: 10.0.0.1:80 \u2190 10.0.0.9:5678 matched connection 10.0.0.1:80 \u2194 10.0.0.9:5678"
                + " (established connection, exact 4-tuple, I1); 1 other connection on this port", d.explanation());
        assertEquals(List.of(new Candidate(web.id(), "web", "0.0.0.0:80", "wildcard listener; an established connection matched first (I1)")),
                d.candidates());
    }

    @Test
    void newestUdpDuplicateAndTheOlderOnes() {
        TestSock a = socket(Protocol.UDP, "a", "127.0.0.1:53", true, false);
        TestSock b = socket(Protocol.UDP, "b", "127.0.0.1:53", true, false);
        TestSock c = socket(Protocol.UDP, "c", "127.0.0.1:53", true, false);
        Delivery d = datagram("127.0.0.1:4000", "127.0.0.1:53");
        assertEquals("specific-bound", d.rule());
        assertEquals(c.id(), d.socket());
        assertEquals("port table of h: 127.0.0.1:53 \u2190 127.0.0.1:4000 matched socket 127.0.0.1:53"
                + " (bound to the destination address, J1; newest of 3 equal sockets, C6)", d.explanation());
        String older = "older duplicate: among equal sockets the newest bound receives (C6)";
        assertEquals(List.of(new Candidate(a.id(), "a", "127.0.0.1:53", older), new Candidate(b.id(), "b", "127.0.0.1:53", older)),
                d.candidates());
    }

    @Test
    void reuseportGroupAndAConnectedSocket() {
        TestSock a = socket(Protocol.UDP, "a", "127.0.0.1:53", false, true);
        TestSock b = socket(Protocol.UDP, "b", "127.0.0.1:53", false, true);
        TestSock c = socket(Protocol.UDP, "c", "127.0.0.1:53", false, true);
        assertEquals(null, bench.connect(c, Endpoint.parse("127.0.0.1:7000")));
        Delivery d = datagram("127.0.0.1:4000", "127.0.0.1:53");
        assertEquals("specific-bound", d.rule());
        Sock w = d.socket() == a.id() ? a : b;
        Sock other = w == a ? b : a;
        assertEquals("port table of h: 127.0.0.1:53 \u2190 127.0.0.1:4000 matched socket 127.0.0.1:53"
                + " (bound to the destination address, J1; REUSEPORT group of 2, the 4-tuple hash picked socket " + w.id() + ", D4)",
                d.explanation());
        assertEquals(List.of(
                new Candidate(other.id(), other.process(), "127.0.0.1:53", "same REUSEPORT group; the 4-tuple hash picked socket " + w.id() + " (D4)"),
                new Candidate(c.id(), "c", "127.0.0.1:53", "connected to 127.0.0.1:7000, not the sender (J2)")).stream()
                .sorted((x, y) -> Integer.compare(x.socket(), y.socket())).toList(),
                d.candidates());
        Delivery fromPeer = datagram("127.0.0.1:7000", "127.0.0.1:53");
        assertEquals("connected", fromPeer.rule());
        assertEquals(c.id(), fromPeer.socket());
        assertFalse(fromPeer.candidates().isEmpty());
    }

    @Test
    void noMatchSaysWhatFollows() {
        Bench.Arrival tcp = bench.tcp(TcpFlags.SYN, Endpoint.parse("10.0.0.9:5678"), Endpoint.parse("10.0.0.1:80"));
        assertEquals("port table of h: 10.0.0.1:80 \u2190 10.0.0.9:5678: no connection and no listener on 10.0.0.1:80"
                + " or 0.0.0.0:80; answered with RST (K1)", tcp.event().detail());
        Bench.Arrival udp = bench.udp(Endpoint.parse("10.0.0.9:5678"), Endpoint.parse("10.0.0.2:53"));
        assertEquals("port table of h: 10.0.0.2:53 \u2190 10.0.0.9:5678: no socket on 10.0.0.2:53 or 0.0.0.0:53;"
                + " answered with ICMP port unreachable (K2)", udp.event().detail());
        assertEquals("port-unreachable", udp.event().reason());
    }
}
