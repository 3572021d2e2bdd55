package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent;

/**
 * Source NAT and its port choice, rules NF1-NF7 of docs/nat-and-firewall.md, on the topology the
 * kernel was measured on (network namespaces joined by veth pairs, nftables 1.0.6, Linux 6.18):
 * two LAN clients, a home router with 192.168.1.1 and the public 203.0.113.1, a server on
 * 203.0.113.10. Each case states the measured result as expectations.
 */
class NatRulesTest {
    static final String NET = """
            scenario: t
            hosts:
              - {name: server, ip: 203.0.113.10}
              - name: home
                ips: [192.168.1.1, 203.0.113.1]
                forward: true
                nat:
                  - masquerade: {from: 192.168.1.0/24, to: 203.0.113.1}
              - {name: lan1, ip: 192.168.1.10}
              - {name: lan2, ip: 192.168.1.11}
            links: [[home, server], [lan1, home], [lan2, home]]
            """;

    /** A UDP echo on the server at {@code ports} (one process each). */
    static String echo(int... ports) {
        StringBuilder sb = new StringBuilder("processes:\n");
        for (int p : ports) {
            sb.append("  - {name: echo").append(p).append(", host: server, app: udp-echo-server, args: {port: ")
                    .append(p).append("}}\n");
        }
        return sb.toString();
    }

    static List<TraceEvent.NatEvent> nat(KernelEdgeRulesTest.Run r, String type) {
        return r.events().stream().filter(e -> e instanceof TraceEvent.NatEvent n && n.type().equals(type))
                .map(e -> (TraceEvent.NatEvent) e).toList();
    }

    /** NF1 [NT01, NT02]: the source address becomes the public one, the port is kept, the LAN socket sees nothing. */
    @Test
    void nf1KeepsThePortAndTheLanSocketSeesNothing() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(NET + echo(7) + """
                  - name: c
                    host: lan1
                    start: 10ms
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: "0.0.0.0:5000"}
                      - sendto: {socket: u, to: 203.0.113.10:7, data: "hi"}
                      - recvfrom: {socket: u, timeout: 1s, expect: "hi", expect_from: "203.0.113.10:7"}
                      - getsockname: {socket: u, expect: "0.0.0.0:5000"}
                  - name: t
                    host: server
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: "0.0.0.0:80"}
                      - listen: {socket: l}
                      - accept: {socket: l, as: a}
                      - getpeername: {socket: a, expect: "203.0.113.1:40100"}
                  - name: tc
                    host: lan2
                    start: 20ms
                    steps:
                      - socket: {name: s, type: stream}
                      - bind: {socket: s, addr: "0.0.0.0:40100"}
                      - connect: {socket: s, addr: 203.0.113.10:80}
                expect:
                  - {process: c, finished: true}
                  - {process: t, finished: true}
                  - {process: tc, finished: true}
                """);
        assertEquals("203.0.113.1:5000", nat(r, "snat").get(0).to().toString());
        assertEquals("192.168.1.10:5000", nat(r, "un-snat").get(0).to().toString());
    }

    private static String twoClients(int port, String dst) {
        String client = """
                  - name: %s
                    host: %s
                    start: %s
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: "0.0.0.0:%d"}
                      - sendto: {socket: u, to: %s, data: "from %s"}
                      - recvfrom: {socket: u, timeout: 1s, expect: "from %s"}
                """;
        return String.format(client, "c1", "lan1", "10ms", port, dst, "c1", "c1")
                + String.format(client, "c2", "lan2", "20ms", port, dst, "c2", "c2")
                + "expect:\n  - {process: \"c*\", finished: true}\n";
    }

    /**
     * NF3, NF4 [NT05 500 -> 351, NT06 700 -> 841, NT07 550 -> 820, NT04 5000 -> 63183]: on a clash
     * the newer flow is remapped, into the class of its port (1-511, 600-1023, 1024-65535), and
     * each reply reaches its own client. Measured again with probes/nat-rules.py (as root, in
     * namespaces it makes): the second client's 500 became 386, 700 became 850, 5000 became 19180;
     * the first client kept its port each time, and each got its own echo.
     */
    @Test
    void nf4RemapsTheSecondFlowWithinThePortsClass() throws Exception {
        int[][] cases = {{500, 1, 511}, {511, 1, 511}, {550, 600, 1023}, {700, 600, 1023}, {5000, 1024, 65535}};
        for (int[] c : cases) {
            for (int seed = 1; seed <= 5; seed++) {
                KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(NET.replace("scenario: t", "scenario: t\nseed: " + seed)
                        + echo(7) + twoClients(c[0], "203.0.113.10:7"));
                List<TraceEvent.NatEvent> s = nat(r, "snat");
                assertEquals(c[0], s.get(0).to().port(), "the first client keeps its port");
                int second = s.get(1).to().port();
                assertTrue(second >= c[1] && second <= c[2] && second != c[0], c[0] + " -> " + second);
            }
        }
    }

    /** NF2 [NT14]: the router's own flow 203.0.113.1:5000 -> server:7 counts as taken; [NT13] its bare socket does not. */
    @Test
    void nf2RouterFlowsCountRouterSocketsDoNot() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(NET + echo(7, 8) + """
                  - name: own
                    host: home
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: "203.0.113.1:5000"}
                      - sendto: {socket: u, to: 203.0.113.10:7, data: "router"}
                  - name: c
                    host: lan1
                    start: 10ms
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: "0.0.0.0:5000"}
                      - sendto: {socket: u, to: 203.0.113.10:7, data: "lan"}
                      - recvfrom: {socket: u, timeout: 1s, expect: "lan"}
                      - sendto: {socket: u, to: 203.0.113.10:8, data: "lan8"}
                      - recvfrom: {socket: u, timeout: 1s, expect: "lan8"}
                expect:
                  - {process: c, finished: true}
                """);
        List<TraceEvent.NatEvent> s = nat(r, "snat");
        int remapped = s.get(0).to().port();
        assertTrue(remapped != 5000 && remapped >= 1024, "clashes with the router's own flow: " + remapped);
        // NF5 [NT09]: the same LAN source keeps its mapping towards server:8, although 5000 is free there.
        assertEquals(remapped, s.get(1).to().port());
    }

    /** NF6 [NT08]: only the exact remote endpoint's packets go back; server:8 to the mapping is the router's. */
    @Test
    void nf6RepliesOnlyFromTheExactPeer() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(NET + """
                processes:
                  - name: s
                    host: server
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: "0.0.0.0:7"}
                      - recvfrom: {socket: u, expect_from: "203.0.113.1:5000"}
                      - socket: {name: v, type: dgram}
                      - bind: {socket: v, addr: "0.0.0.0:8"}
                      - sendto: {socket: v, to: 203.0.113.1:5000, data: "from port 8"}
                  - name: c
                    host: lan1
                    start: 10ms
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: "0.0.0.0:5000"}
                      - sendto: {socket: u, to: 203.0.113.10:7, data: "hi"}
                      - recv: {socket: u, timeout: 1s, expect_error: EAGAIN}
                expect:
                  - {process: c, finished: true}
                  - {process: s, finished: true}
                  - drops: {reason: port-unreachable, count: 1}
                """);
        assertTrue(nat(r, "un-snat").isEmpty());
    }

    /**
     * NF7 [NT17]: snat to 40000-40009: ten flows get the ten ports; the eleventh datagram is
     * dropped (nat-no-port), with no ICMP; a port already in the range is kept [NT16].
     */
    @Test
    void nf7SnatRangeExhaustionDrops() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run("""
                scenario: t
                hosts:
                  - {name: server, ip: 203.0.113.10}
                  - name: home
                    ips: [192.168.2.1, 203.0.113.1]
                    forward: true
                    nat:
                      - snat: {from: 192.168.2.0/24, to: 203.0.113.1, ports: 40000-40009}
                  - {name: lan, count: 11, ip: 192.168.2.11}
                  - {name: keeper, ip: 192.168.2.50}
                links: [[home, server], [lan, home], [keeper, home]]
                processes:
                  - {name: echo, host: server, app: udp-echo-server, args: {port: 7}}
                  - name: keep
                    host: keeper
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: "0.0.0.0:40005"}
                      - sendto: {socket: u, to: 203.0.113.10:9, data: "x"}
                  - name: c
                    host: lan
                    start: 10ms
                    steps:
                      - socket: {name: u, type: dgram}
                      - sendto: {socket: u, to: 203.0.113.10:7, data: "x"}
                expect:
                  - drops: {reason: nat-no-port, count: 1}
                """);
        List<TraceEvent.NatEvent> s = nat(r, "snat");
        assertEquals("203.0.113.1:40005", s.get(0).to().toString(), "in the range and free: kept");
        assertEquals(11, s.size(), "the keeper's flow and ten LAN flows; the eleventh never translated");
        List<Integer> ports = s.stream().skip(1).map(n -> n.to().port()).sorted().toList();
        assertEquals(List.of(40000, 40001, 40002, 40003, 40004, 40005, 40006, 40007, 40008, 40009), ports);
    }

    /** NF7 [NT18]: TCP through a full range: every SYN of the eleventh connection is dropped, its connect times out. */
    @Test
    void nf7TcpThroughAFullRangeTimesOut() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run("""
                scenario: t
                hosts:
                  - {name: server, ip: 203.0.113.10}
                  - name: home
                    ips: [192.168.2.1, 203.0.113.1]
                    forward: true
                    nat:
                      - snat: {from: 192.168.2.0/24, to: 203.0.113.1, ports: 40000-40009}
                  - {name: lan, count: 10, ip: 192.168.2.11}
                  - {name: late, ip: 192.168.2.50}
                links: [[home, server], [lan, home], [late, home]]
                processes:
                  - name: s
                    host: server
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: "0.0.0.0:80"}
                      - listen: {socket: l}
                  - name: c
                    host: lan
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.10:80}
                  - name: eleventh
                    host: late
                    start: 100ms
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.10:80, timeout: 2500ms, expect_error: EINPROGRESS}
                expect:
                  - {process: "c*", finished: true}
                  - {process: eleventh, finished: true}
                """);
        long dropped = r.events().stream().filter(e -> e instanceof TraceEvent.PacketEvent p && "nat-no-port".equals(p.reason())
                && p.time() < 2600 * org.stacklab.sim.SimTime.MS).count();
        assertTrue(dropped >= 2, "each SYN in the first 2.5 s dropped, no RST and no ICMP: " + dropped);
        assertTrue(r.events().stream().noneMatch(e -> e instanceof TraceEvent.PacketEvent p && p.host().equals("late")
                && p.action() == TraceEvent.PacketAction.RX), "nothing comes back");
    }
}
