package org.stacklab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;

/**
 * The port table's properties over sockets of both families (docs/port-table.md M4-M9): random
 * AF_INET and AF_INET6 sockets, dual stack or V6ONLY, on IPv4, v4-mapped and IPv6 addresses, then
 * IPv4 packets. The overlap oracle here is written from the rule's text (address sets over a small
 * universe), not from {@link AddressSets}.
 */
class DualStackProperties {
    /**
     * One socket: family, IPV6_V6ONLY, address (an index into ADDRS), flags, and whether it listens.
     * Mostly port 80 and SO_REUSEADDR, so that sockets of both families share a port often.
     */
    record Spec(boolean tcp, boolean inet6, boolean v6only, int addr, boolean ra, boolean rp, boolean listen, int port) {}

    /** Addresses a spec may bind; an AF_INET socket takes only the IPv4 ones (the first three). */
    private static final String[] ADDRS = {"0.0.0.0", "10.0.0.1", "10.0.0.2", "[::]", "[::ffff:10.0.0.1]", "[::ffff:0.0.0.0]",
        "[::1]", "[::ffff:10.0.0.2]"};
    /** The concrete addresses of host h the oracle reasons about, as the program would write them. */
    private static final List<String> UNIVERSE = List.of("v4:10.0.0.1", "v4:10.0.0.2", "v4:127.0.0.1", "v6:::1");

    @Provide
    Arbitrary<Spec> spec() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, ADDRS.length - 1), Arbitraries.of(true, true, true, false),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(80, 80, 80, 81))
                .as((tcp, inet6, v6only, addr, ra, rp, listen, port) -> new Spec(tcp, inet6, v6only && inet6,
                        inet6 ? addr : addr % 3, ra, rp, listen, port));
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        // one protocol per table, so that the sockets meet on their port
        return Arbitraries.of(true, false).flatMap(tcp -> spec().map(s -> new Spec(tcp, s.inet6(), s.v6only(), s.addr(), s.ra(),
                s.rp(), s.listen(), s.port())).list().ofMinSize(2).ofMaxSize(8));
    }

    @Provide
    Arbitrary<List<PortTableProperties.Packet>> packets() {
        Arbitrary<Endpoint> from = Arbitraries.of(Endpoint.parse("10.0.0.9:4000"), Endpoint.parse("10.0.0.9:4001"));
        Arbitrary<Endpoint> to = Arbitraries.of(Endpoint.parse("10.0.0.1:80"), Endpoint.parse("10.0.0.2:80"),
                Endpoint.parse("10.0.0.1:81"));
        return Combinators.combine(Arbitraries.of(true, false), from, to)
                .as((tcp, f, t) -> new PortTableProperties.Packet(tcp, TcpFlags.SYN, f, t)).list().ofMaxSize(6);
    }

    /** Opens and binds every spec (a failed bind leaves the socket unbound), listening where asked. */
    private static List<TestSock> build(Bench b, List<Spec> specs) {
        List<TestSock> out = new ArrayList<>();
        for (Spec s : specs) {
            TestSock t = b.open(s.tcp() ? Protocol.TCP : Protocol.UDP, "s" + out.size(), "root");
            t.setFamily(s.inet6() ? Family.INET6 : Family.INET);
            if (s.v6only()) {
                t.setV6only(true);
            }
            t.setReuseAddr(s.ra());
            t.setReusePort(s.rp());
            if (b.bind(t, Endpoint.parse(ADDRS[s.addr()] + ":" + s.port())) == null && s.tcp() && s.listen()) {
                b.listen(t);
            }
            out.add(t);
        }
        return out;
    }

    /** M4 from the text: the concrete addresses a binding stands for. */
    private static Set<String> covers(Spec s) {
        String a = ADDRS[s.addr()];
        Set<String> out = new HashSet<>();
        for (String u : UNIVERSE) {
            boolean v4 = u.startsWith("v4:");
            String ip = u.substring(3);
            boolean in = switch (a) {
                case "0.0.0.0", "[::ffff:0.0.0.0]" -> v4;
                case "[::]" -> !v4 || !s.v6only();
                case "[::1]" -> ip.equals("::1");
                default -> v4 && a.replace("[::ffff:", "").replace("]", "").equals(ip);
            };
            if (in) {
                out.add(u);
            }
        }
        return out;
    }

    /**
     * M4, M5, M7: without SO_REUSEADDR or SO_REUSEPORT a second socket of the same protocol and port
     * binds iff its address set misses the first one's; a V6ONLY socket never binds a v4-mapped address.
     */
    @Property(tries = 500)
    void twoPlainBindsConflictExactlyWhenTheirAddressSetsMeet(@ForAll("spec") Spec a, @ForAll("spec") Spec b) {
        Spec first = new Spec(a.tcp(), a.inet6(), a.v6only(), a.addr(), false, false, false, 80);
        Spec second = new Spec(a.tcp(), b.inet6(), b.v6only(), b.addr(), false, false, false, 80);
        Bench bench = new Bench();
        List<TestSock> socks = build(bench, List.of(first));
        boolean firstOk = socks.get(0).isBound();
        assertEquals(!(first.v6only() && mapped(first)), firstOk, first + " binds");
        TestSock s = bench.open(first.tcp() ? Protocol.TCP : Protocol.UDP, "second", "root");
        s.setFamily(second.inet6() ? Family.INET6 : Family.INET);
        if (second.v6only()) {
            s.setV6only(true);
        }
        SocketError e = bench.bind(s, Endpoint.parse(ADDRS[second.addr()] + ":80"));
        String want;
        if (second.v6only() && mapped(second)) {
            want = "EINVAL";
        } else {
            Set<String> meet = covers(second);
            meet.retainAll(firstOk ? covers(first) : Set.of());
            want = meet.isEmpty() ? "ok" : "EADDRINUSE";
        }
        assertEquals(want, e == null ? "ok" : e.name(), first + " then " + second);
    }

    private static boolean mapped(Spec s) {
        return s.inet6() && ADDRS[s.addr()].contains(".") ;
    }

    /** Over both families, a unicast IPv4 packet still reaches at most one socket, and never a V6ONLY one (M8, M9). */
    @Property(tries = 300)
    void anIpv4PacketReachesAtMostOneSocketAndNeverAV6onlyOne(@ForAll("specs") List<Spec> specs,
            @ForAll("packets") List<PortTableProperties.Packet> packets) {
        Bench b = new Bench();
        List<TestSock> socks = build(b, specs);
        for (PortTableProperties.Packet p : packets) {
            int[] before = socks.stream().mapToInt(s -> s.received.size()).toArray();
            Bench.Arrival a = p.tcp() ? b.tcp(p.flags(), p.from(), p.to()) : b.udp(p.from(), p.to());
            int got = 0;
            for (int i = 0; i < socks.size(); i++) {
                int n = socks.get(i).received.size() - before[i];
                got += n;
                if (n > 0) {
                    assertFalse(socks.get(i).v6only(), p + " reached V6ONLY " + socks.get(i).local());
                }
            }
            assertTrue(got <= 1, p + " reached " + got + " sockets");
            assertEquals(a.delivered() ? 1 : 0, got, p + ": " + a.event());
        }
    }

    /**
     * The chosen socket is never less specific than another that could take the packet: first its
     * address (the destination beats a wildcard, I2, J1), then its family (AF_INET beats AF_INET6,
     * M8, M9). A socket that cannot see IPv4 is never a candidate; if any can, one is chosen.
     */
    @Property(tries = 400)
    void theChosenSocketIsNeverLessSpecificAcrossFamilies(@ForAll("specs") List<Spec> specs,
            @ForAll("packets") @Size(max = 6) List<PortTableProperties.Packet> packets) {
        Bench b = new Bench();
        List<TestSock> socks = build(b, specs);
        for (PortTableProperties.Packet p : packets) {
            Protocol proto = p.tcp() ? Protocol.TCP : Protocol.UDP;
            Match m = b.stack.table(proto).lookup(p.to().ip(), p.to().port(), p.from().ip(), p.from().port());
            int best = -1;
            for (TestSock o : socks) {
                if (o.protocol() == proto) {
                    best = Math.max(best, rank(o, p));
                }
            }
            if (best < 0) {
                assertNull(m, p + " matches nothing but went to " + (m == null ? null : m.sock()));
            } else {
                assertNotNull(m, p + " matches a socket of rank " + best + " but went nowhere");
                assertEquals(best, rank(m.sock(), p), p + " went to " + m.sock().local() + " " + m.sock().family());
            }
        }
    }

    /** -1 no match; else 2 for the destination address, 0 for a wildcard, plus 1 for AF_INET. */
    private static int rank(Sock o, PortTableProperties.Packet p) {
        String shown = o.local().toString();
        String ip = shown.substring(0, shown.lastIndexOf(':'));
        boolean wildcard = ip.equals("0.0.0.0") || ip.equals("[::ffff:0.0.0.0]") || (ip.equals("[::]") && !o.v6only());
        boolean exact = ip.equals(p.to().ip().toString()) || ip.equals("[::ffff:" + p.to().ip() + "]");
        if (o.localPort() != p.to().port() || !(wildcard || exact)) {
            return -1;
        }
        if (p.tcp() ? o.tableState() != TableState.LISTEN : o.tableState() != TableState.BOUND) {
            return -1;
        }
        return (exact ? 2 : 0) + (o.family() == Family.INET ? 1 : 0);
    }
}
