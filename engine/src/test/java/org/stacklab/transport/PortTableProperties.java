package org.stacklab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.FourTuple;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;

/** Properties of the port table that hold for any table state (issue 4, item 8). */
class PortTableProperties {

    /** A packet from {@code from} to {@code to}; flags for TCP: SYN, ACK or RST. */
    record Packet(boolean tcp, int flags, Endpoint from, Endpoint to) {}

    // ------------------------------------------------------------------ demux

    @Property(tries = 250)
    void aUnicastPacketReachesAtMostOneSocket(@ForAll("calls") List<ModelDriver.Op> ops, @ForAll("packets") List<Packet> packets,
            @ForAll @IntRange(max = 3) int range, @ForAll long seed) {
        ModelDriver d = new ModelDriver(seed, range);
        d.run(ops);
        for (Packet p : packets) {
            int before = received(d.real);
            Bench.Arrival a = p.tcp() ? d.bench.tcp(p.flags(), p.from(), p.to()) : d.bench.udp(p.from(), p.to());
            int got = received(d.real) - before;
            assertTrue(got <= 1, p + " reached " + got + " sockets");
            assertEquals(a.delivered() ? 1 : 0, got, p + ": " + a.event());
        }
    }

    /**
     * Whatever the table holds, the socket a lookup chooses matches the packet and no other
     * matching socket is more specific: a connection on the exact 4-tuple (or a UDP socket
     * connected to the sender) before a socket on the destination address, before one on
     * 0.0.0.0 (I1, I2, J1, J2). And if any socket matches, one is chosen.
     */
    @Property(tries = 400)
    void theChosenSocketIsNeverLessSpecificThanAnotherMatch(@ForAll("calls") List<ModelDriver.Op> ops,
            @ForAll("packets") List<Packet> packets, @ForAll @IntRange(max = 3) int range, @ForAll long seed) {
        ModelDriver d = new ModelDriver(seed, range);
        d.run(ops);
        for (Packet p : packets) {
            Protocol proto = p.tcp() ? Protocol.TCP : Protocol.UDP;
            Match m = d.bench.stack.table(proto).lookup(p.to().ipv4(), p.to().port(), p.from().ipv4(), p.from().port());
            int best = -1;
            for (Sock o : d.real) {
                if (o.protocol() == proto) {
                    best = Math.max(best, specificity(o, p));
                }
            }
            if (best < 0) {
                assertNull(m, p + " matches nothing but went to " + (m == null ? null : m.sock()));
            } else {
                assertNotNull(m, p + " matches a socket of specificity " + best + " but went nowhere");
                assertEquals(best, specificity(m.sock(), p), p + " went to " + m.sock() + " (" + m.rule().label() + ")");
            }
        }
    }

    /** -1: the socket does not match; 0: on 0.0.0.0; 1: on the destination address; 2: the exact 4-tuple. */
    private static int specificity(Sock o, Packet p) {
        Endpoint to = p.to();
        if (o.localPort() != to.port() || !(o.localIp().isWildcard() || o.localIp().equals(to.ip()))) {
            return -1;
        }
        TableState st = o.tableState();
        if (o.isConnected() && (st == TableState.CONNECTED || st == TableState.TIME_WAIT)) {
            return o.remote().equals(p.from()) && o.localIp().equals(to.ip()) ? 2 : -1;
        }
        if (p.tcp() && st != TableState.LISTEN) {
            return -1;
        }
        if (!p.tcp() && st != TableState.BOUND) {
            return -1;
        }
        return o.localIp().isWildcard() ? 0 : 1;
    }

    private static int received(List<TestSock> socks) {
        int n = 0;
        for (TestSock s : socks) {
            n += s.received.size();
        }
        return n;
    }

    // ------------------------------------------------------------------ bind

    /** One socket of a table state: its flags, binding, and what it did next. */
    record Plan(boolean tcp, int user, boolean ra, boolean rp, int addr, int port, int then, int peer) {}

    private static final int[] PLAN_PORTS = {80, 81, 0};

    /**
     * A bind's outcome (and a following listen's) depends only on the sockets of its own
     * protocol and port (A1, B3): the same bind after the same sockets plus any number on other
     * ports and of the other protocol gives the same errno.
     */
    @Property(tries = 400)
    void aBindsOutcomeDoesNotDependOnOtherPortsOrTheOtherProtocol(@ForAll("plans") List<Plan> plans, @ForAll("plan") Plan probe,
            @ForAll long seed) {
        Bench all = new Bench(seed, 32768, 60999, false);
        Bench alone = new Bench(seed + 1, 32768, 60999, false);
        for (Plan p : plans) {
            apply(all, p);
            if (p.tcp() == probe.tcp() && PLAN_PORTS[p.port()] == 80) {
                apply(alone, p);
            }
        }
        Plan at80 = new Plan(probe.tcp(), probe.user(), probe.ra(), probe.rp(), probe.addr(), 0, 1, 0);
        assertEquals(tryBind(alone, at80), tryBind(all, at80), "probe " + probe);
    }

    private static List<SocketError> tryBind(Bench b, Plan p) {
        TestSock s = b.open(p.tcp() ? Protocol.TCP : Protocol.UDP, "probe", ModelDriver.USERS[p.user()]);
        s.setReuseAddr(p.ra());
        s.setReusePort(p.rp());
        List<SocketError> r = new ArrayList<>();
        r.add(b.bind(s, new Endpoint(ModelDriver.ADDRS[p.addr()], 80)));
        if (r.get(0) == null && p.tcp()) {
            r.add(b.listen(s));
        }
        return r;
    }

    /** Applies a plan, ignoring failures; returns the sockets it made, children last. */
    private static List<TestSock> apply(Bench b, Plan p) {
        List<TestSock> made = new ArrayList<>();
        TestSock s = b.open(p.tcp() ? Protocol.TCP : Protocol.UDP, "p", ModelDriver.USERS[p.user()]);
        made.add(s);
        s.setReuseAddr(p.ra());
        s.setReusePort(p.rp());
        if (b.bind(s, new Endpoint(ModelDriver.ADDRS[p.addr()], PLAN_PORTS[p.port()])) != null) {
            return made;
        }
        switch (p.then()) {
            case 1:
                b.listen(s);
                break;
            case 2:
            case 3:
                if (b.connect(s, ModelDriver.REMOTES[p.peer()]) == null && p.then() == 3 && p.tcp()) {
                    b.table(s).enterTimeWait(s);
                }
                break;
            case 4:
            case 5:
                if (p.tcp() && b.listen(s) == null) {
                    Endpoint from = ModelDriver.CLIENTS[p.peer() % ModelDriver.CLIENTS.length];
                    Ipv4Address dst = s.localIp().isWildcard() ? ModelDriver.DSTS[p.peer() % ModelDriver.DSTS.length] : s.localIpv4();
                    if (b.table(s).connection(new FourTuple(new Endpoint(dst, s.localPort()), from)) == null) {
                        TestSock c = b.accept("c", s, from, new Endpoint(dst, s.localPort()));
                        made.add(c);
                        if (p.then() == 5) {
                            b.table(c).enterTimeWait(c);
                        }
                    }
                }
                break;
            default:
        }
        return made;
    }

    /**
     * After every socket the applications hold is closed, the port is free, unless an
     * accepted child or a TIME-WAIT still holds it (A3, L2): a plain bind to 0.0.0.0 fails
     * exactly while one of them remains.
     */
    @Property(tries = 400)
    void afterCloseThePortIsFreeUnlessATimeWaitOrChildHoldsIt(@ForAll("plans") List<Plan> plans, @ForAll boolean tcp,
            @ForAll List<Boolean> alsoEnd, @ForAll long seed) {
        Bench b = new Bench(seed, 32768, 60999, false);
        List<TestSock> made = new ArrayList<>();
        for (Plan p : plans) {
            if (p.tcp() == tcp) {
                made.addAll(apply(b, new Plan(p.tcp(), p.user(), p.ra(), p.rp(), p.addr(), 0, p.then(), p.peer())));
            }
        }
        Set<Sock> remaining = new HashSet<>();
        int k = 0;
        for (TestSock s : made) {
            boolean lingers = s.tableState() == TableState.TIME_WAIT || (s.tableState() == TableState.CONNECTED && s.name.equals("c"));
            boolean end = k < alsoEnd.size() && alsoEnd.get(k++);
            if (lingers && !end) {
                remaining.add(s);
            } else {
                b.close(s);
            }
        }
        PortTable t = b.stack.table(tcp ? Protocol.TCP : Protocol.UDP);
        assertEquals(remaining, new HashSet<>(t.holders(80)));
        TestSock fresh = b.open(tcp ? Protocol.TCP : Protocol.UDP, "fresh", "root");
        assertEquals(remaining.isEmpty() ? null : SocketError.EADDRINUSE, b.bind(fresh, Endpoint.parse("0.0.0.0:80")));
    }

    // ------------------------------------------------------------------ ephemeral ports

    /** An automatic binding: TCP bind(0), listen(), connect(); UDP bind(0), connect(). */
    record Auto(int kind, boolean ra, int addr, int remote) {}

    /**
     * For any range: every automatic port is in it (E1); a TCP bind(0)/listen() port overlaps no
     * other holder (E3), a connect() port is shared only with other connect()s (E4), a UDP
     * bind(0) port with nobody (E6, without flags); TCP 4-tuples never collide (H3).
     */
    @Property(tries = 300)
    void ephemeralPortsStayInRangeAndNeverCollide(@ForAll @IntRange(min = 1024, max = 65535) int low,
            @ForAll @IntRange(min = 1, max = 40) int size, @ForAll boolean wide, @ForAll("autos") List<Auto> autos,
            @ForAll long seed) {
        int high = Math.min(65535, low + (wide ? size * 800 : size) - 1);
        Bench b = new Bench(seed, low, high, false);
        Set<Sock> byConnect = new HashSet<>();
        Set<List<Object>> tuples = new HashSet<>();
        for (Auto a : autos) {
            boolean tcp = a.kind() < 3;
            TestSock s = b.open(tcp ? Protocol.TCP : Protocol.UDP, "s", "root");
            s.setReuseAddr(a.ra() && tcp);
            Ipv4Address addr = ModelDriver.ADDRS[a.addr() % 4];
            Endpoint remote = ModelDriver.REMOTES[a.remote()];
            SocketError e;
            switch (a.kind()) {
                case 0:
                case 3:
                    e = b.bind(s, new Endpoint(addr, 0));
                    break;
                case 1:
                    e = b.listen(s);
                    break;
                default:
                    e = b.connect(s, remote);
            }
            if (e != null) {
                assertTrue(e == SocketError.EADDRINUSE || e == SocketError.EADDRNOTAVAIL || e == SocketError.EAGAIN, e.name());
                continue;
            }
            int port = s.localPort();
            assertTrue(port >= low && port <= high, port + " outside " + low + "-" + high);
            for (Sock o : b.table(s).holders(port)) {
                boolean overlap = o.localIp().isWildcard() || s.localIp().isWildcard() || o.localIp().equals(s.localIp());
                if (o == s || !overlap) {
                    continue;
                }
                assertTrue(a.kind() == 2 && byConnect.contains(o), s + " took a port " + o + " holds (kind " + a.kind() + ")");
            }
            if (a.kind() == 2) {
                byConnect.add(s);
                assertTrue(tuples.add(List.of(s.localIp(), port, remote)), "4-tuple used twice: " + s);
            }
        }
    }

    /**
     * With the default range 32768-60999, TCP bind(0) and listen() take odd ports (RA: below
     * 46884) and connect() even ones (E3, E4), as long as the first pass finds one.
     */
    @Property(tries = 200)
    void withTheDefaultRangeTcpBindIsOddAndConnectEven(@ForAll("autos") List<Auto> autos, @ForAll long seed) {
        Bench b = new Bench(seed, 32768, 60999, false);
        for (Auto a : autos) {
            if (a.kind() >= 3) {
                continue;
            }
            TestSock s = b.open(Protocol.TCP, "s", "root");
            s.setReuseAddr(a.ra());
            SocketError e = a.kind() == 0 ? b.bind(s, new Endpoint(ModelDriver.ADDRS[a.addr() % 4], 0))
                    : a.kind() == 1 ? b.listen(s) : b.connect(s, ModelDriver.REMOTES[a.remote()]);
            assertNull(e);
            int port = s.localPort();
            if (a.kind() == 2) {
                assertEquals(0, port % 2, "connect() took " + port);
            } else {
                assertEquals(1, port % 2, "bind(0)/listen() took " + port);
                assertTrue(!a.ra() || port < 46884, "RA bind(0) took " + port + ", outside the lower half");
            }
        }
    }

    /** E6: UDP has no parity preference: 64 automatic ports include odd and even ones. */
    @Property(tries = 50)
    void udpAutomaticPortsComeInBothParities(@ForAll long seed) {
        Bench b = new Bench(seed, 32768, 60999, false);
        Set<Integer> parities = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            TestSock s = b.open(Protocol.UDP, "u", "root");
            assertNull(b.bind(s, Endpoint.parse("0.0.0.0:0")));
            parities.add(s.localPort() % 2);
        }
        assertEquals(Set.of(0, 1), parities);
    }

    // ------------------------------------------------------------------ REUSEPORT

    private static List<TestSock> group(Bench b, boolean tcp, int n) {
        List<TestSock> g = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestSock s = b.open(tcp ? Protocol.TCP : Protocol.UDP, "m" + i, "alice");
            s.setReusePort(true);
            assertNull(b.bind(s, Endpoint.parse("10.0.0.1:8080")));
            if (tcp) {
                assertNull(b.listen(s));
            }
            g.add(s);
        }
        return g;
    }

    /**
     * D4: the member is a function of the 4-tuple: the same flow picks the same member every
     * time, also after unrelated sockets come and go; through the real demux, 10 datagrams of
     * one flow all reach that member (UD08).
     */
    @Property(tries = 200)
    void theSame4TupleAlwaysPicksTheSameReuseportMember(@ForAll boolean tcp, @ForAll @IntRange(min = 2, max = 8) int n,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 65535) Integer> sports, @ForAll long seed) {
        Bench b = new Bench(seed, 32768, 60999, true);
        List<TestSock> g = group(b, tcp, n);
        PortTable t = b.stack.table(tcp ? Protocol.TCP : Protocol.UDP);
        Map<Integer, Sock> first = new HashMap<>();
        for (int sport : sports) {
            first.put(sport, t.lookup(Bench.H1, 8080, Bench.PEER, sport).sock());
        }
        TestSock other = b.open(tcp ? Protocol.TCP : Protocol.UDP, "other", "alice");
        assertNull(b.bind(other, Endpoint.parse("10.0.0.2:8080")));
        b.close(other);
        for (int sport : sports) {
            assertSame(first.get(sport), t.lookup(Bench.H1, 8080, Bench.PEER, sport).sock());
        }
        if (!tcp) {
            Endpoint from = new Endpoint(Bench.PEER, sports.get(0));
            for (int i = 0; i < 10; i++) {
                b.udp(from, Endpoint.parse("10.0.0.1:8080"));
            }
            for (TestSock s : g) {
                assertEquals(s == first.get(sports.get(0)) ? 10 : 0, s.received.size(), s.name);
            }
        }
    }

    /** D4 [TL08, UD08]: with 4 members, 64 flows from different source ports reach every member. */
    @Property(tries = 200)
    void everyMemberOfFourGetsTrafficFrom64Flows(@ForAll boolean tcp, @ForAll @IntRange(min = 1, max = 65000) int base,
            @ForAll long seed) {
        Bench b = new Bench(seed, 32768, 60999, false);
        List<TestSock> g = group(b, tcp, 4);
        PortTable t = b.stack.table(tcp ? Protocol.TCP : Protocol.UDP);
        Set<Sock> hit = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            Match m = t.lookup(Bench.H1, 8080, Bench.PEER, base + i);
            assertEquals(4, m.groupSize());
            hit.add(m.sock());
        }
        assertEquals(new HashSet<>(g), hit);
    }

    /**
     * D5 [UD16]: in a UDP group with a connected member, the connected one gets only its peer's
     * datagrams and the unconnected members still share everyone else's by hash.
     */
    @Property(tries = 200)
    void aConnectedMemberHearsOnlyItsPeerAndTheOthersStillShare(@ForAll @IntRange(min = 1, max = 65000) int base,
            @ForAll @IntRange(max = 3) int which, @ForAll long seed) {
        Bench b = new Bench(seed, 32768, 60999, false);
        List<TestSock> g = group(b, false, 4);
        TestSock connected = g.get(which);
        Endpoint peer = Endpoint.parse("10.0.0.9:7");
        assertNull(b.connect(connected, peer));
        PortTable t = b.stack.table(Protocol.UDP);
        Set<Sock> hit = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            int sport = base + i == 7 ? 65500 : base + i;
            hit.add(t.lookup(Bench.H1, 8080, Bench.PEER, sport).sock());
        }
        Set<Sock> others = new HashSet<>(g);
        others.remove(connected);
        assertEquals(others, hit);
        assertSame(connected, t.lookup(Bench.H1, 8080, Bench.PEER, 7).sock());
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<List<ModelDriver.Op>> calls() {
        return ModelDriver.sequences(40);
    }

    @Provide
    Arbitrary<List<Packet>> packets() {
        Arbitrary<Endpoint> from = Arbitraries.of(Endpoint.parse("10.0.0.9:7"), Endpoint.parse("10.0.0.9:9"),
                Endpoint.parse("10.0.0.9:7000"), Endpoint.parse("10.0.0.9:7001"), Endpoint.parse("127.0.0.1:7"),
                Endpoint.parse("127.0.0.1:7000"), Endpoint.parse("10.0.0.2:7"));
        Arbitrary<Ipv4Address> dst = Arbitraries.of(ModelDriver.DSTS);
        Arbitrary<Integer> dport = Arbitraries.of(80, 5000, 40000, 40001, 40002, 40003, 40004);
        Arbitrary<Endpoint> to = Combinators.combine(dst, dport).as(Endpoint::new);
        Arbitrary<Integer> flags = Arbitraries.of(TcpFlags.SYN, TcpFlags.ACK, TcpFlags.RST);
        return Combinators.combine(Arbitraries.of(true, false), flags, from, to).as(Packet::new)
                .filter(p -> p.from().ip().isLoopback() || !p.to().ip().isLoopback()) // no loopback from another host
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<Plan> plan() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 3)).as(Plan::new);
    }

    @Provide
    Arbitrary<List<Plan>> plans() {
        return plan().list().ofMaxSize(14);
    }

    @Provide
    Arbitrary<List<Auto>> autos() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3)).as(Auto::new).list().ofMaxSize(40);
    }
}
