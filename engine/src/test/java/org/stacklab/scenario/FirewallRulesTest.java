package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * DNAT, the reverse path and the firewall, rules NF8-NF20 of docs/nat-and-firewall.md, each
 * stated as the kernel was measured (Linux 6.18, nftables 1.0.6, namespaces joined by veth).
 */
class FirewallRulesTest {
    /** {@code home} forwards 203.0.113.1:8080 to web 192.168.1.10:80; {@code out} is on the internet. */
    static final String NET = """
            scenario: t
            hosts:
              - {name: out, ip: 203.0.113.10}
              - name: home
                ips: [192.168.1.1, 203.0.113.1]
                forward: true
                nat:
                  - masquerade: {from: 192.168.1.0/24, to: 203.0.113.1}
                  - dnat: {proto: tcp, at: 203.0.113.1, to_port: 8080, to: 192.168.1.10:80}
                  - dnat: {proto: udp, at: 203.0.113.1, to_port: 5353, to: 192.168.1.10:53}
            %s
              - {name: web, ip: 192.168.1.10}
              - {name: lan, ip: 192.168.1.20}
            links: [[home, out], [web, home], [lan, home]]
            processes:
            """;

    static String net(String firewall) {
        return String.format(NET, firewall.isEmpty() ? "" : firewall.stripTrailing().indent(4).stripTrailing());
    }

    private static List<PacketEvent> drops(KernelEdgeRulesTest.Run r, String reason) {
        return r.events().stream().filter(e -> e instanceof PacketEvent p && p.action() == PacketAction.DROP
                && reason.equals(p.reason())).map(e -> (PacketEvent) e).toList();
    }

    private static long errorAt(KernelEdgeRulesTest.Run r, String process, String errno) {
        return r.calls(process).stream().filter(c -> errno.equals(c.errno())).findFirst().orElseThrow().time();
    }

    /** NF8 [NT19, NT20]: the server sees the real client; the client sees only the public address. */
    @Test
    void nf8DnatRewritesTheDestinationOnly() throws Exception {
        KernelEdgeRulesTest.run(net("") + """
                  - name: s
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: "0.0.0.0:80"}
                      - listen: {socket: l}
                      - accept: {socket: l, as: a}
                      - getpeername: {socket: a, expect: "203.0.113.10:*"}
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: "0.0.0.0:53"}
                      - recvfrom: {socket: u, as: m, expect_from: "203.0.113.10:*"}
                      - sendto: {socket: u, to: "${m.from}", data: "answer"}
                  - name: c
                    host: out
                    start: 10ms
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.1:8080}
                      - getpeername: {socket: t, expect: "203.0.113.1:8080"}
                      - socket: {name: u, type: dgram}
                      - sendto: {socket: u, to: 203.0.113.1:5353, data: "query"}
                      - recvfrom: {socket: u, timeout: 1s, expect: "answer", expect_from: "203.0.113.1:5353"}
                expect:
                  - {process: c, finished: true}
                  - {process: s, finished: true}
                """);
    }

    /**
     * NF9 [NT11, NT12, NT23]: errors travel back through the translation: a LAN UDP socket hears
     * the server's ICMP port unreachable (its quoted packet translated back), a LAN connect to a
     * closed port and an outside connect forwarded to a closed LAN port are refused.
     */
    @Test
    void nf9ErrorsComeBackTranslated() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(net("") + """
                  - name: u
                    host: lan
                    start: 10ms
                    steps:
                      - socket: {name: u, type: dgram}
                      - connect: {socket: u, addr: 203.0.113.10:9}
                      - send: {socket: u, data: "x"}
                      - recv: {socket: u, timeout: 1s, expect_error: ECONNREFUSED}
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.10:9, expect_error: ECONNREFUSED}
                  - name: o
                    host: out
                    start: 10ms
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.1:8080, expect_error: ECONNREFUSED}
                      - socket: {name: u, type: dgram}
                      - connect: {socket: u, addr: 203.0.113.1:5353}
                      - send: {socket: u, data: "x"}
                      - recv: {socket: u, timeout: 1s, expect_error: ECONNREFUSED}
                expect:
                  - {process: u, finished: true}
                  - {process: o, finished: true}
                """);
        PacketEvent icmp = r.events().stream().filter(e -> e instanceof PacketEvent p && p.action() == PacketAction.DELIVER
                && p.host().equals("lan") && p.packet().transport() instanceof IcmpMessage).map(e -> (PacketEvent) e)
                .findFirst().orElseThrow();
        IcmpMessage m = (IcmpMessage) icmp.packet().transport();
        assertEquals("192.168.1.20", m.quoted().src().toString(), "the quoted packet is the LAN socket's own");
        assertEquals("192.168.1.20", icmp.packet().dst().toString());
    }

    /** NF10 [NT10, NT40]: inbound without a forward is for the router: RST; with input dropping new, a timeout. */
    @Test
    void nf10InboundWithoutForwardIsTheRouters() throws Exception {
        KernelEdgeRulesTest.run(net("") + """
                  - name: o
                    host: out
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.1:22, expect_error: ECONNREFUSED}
                      - socket: {name: u, type: dgram}
                      - connect: {socket: u, addr: 203.0.113.1:9}
                      - send: {socket: u, data: "x"}
                      - recv: {socket: u, timeout: 1s, expect_error: ECONNREFUSED}
                expect:
                  - {process: o, finished: true}
                """);
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(net("""
                firewall:
                  rules:
                    - {chain: input, state: new, action: drop}
                """) + """
                  - name: o
                    host: out
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.1:22, timeout: 2500ms, expect_error: EINPROGRESS}
                  - name: l
                    host: lan
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.10:9, expect_error: ECONNREFUSED,
                                  note: "masqueraded traffic is forwarded, never input: not affected (NF12)"}
                expect:
                  - {process: o, finished: true}
                  - {process: l, finished: true}
                """);
        assertTrue(drops(r, "firewall").size() >= 2, "every SYN dropped");
    }

    /** NF12 [NT39]: the forward chain sees the destination after DNAT: a rule on the public 8080 never matches. */
    @Test
    void nf12ForwardSeesTheTranslatedDestination() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(net("""
                firewall:
                  policy: {forward: drop}
                  rules:
                    - {chain: forward, proto: tcp, dst: 203.0.113.1, dport: 8080, action: accept}
                """) + """
                  - name: o
                    host: out
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.1:8080, timeout: 1500ms, expect_error: EINPROGRESS}
                expect:
                  - {process: o, finished: true}
                """);
        List<PacketEvent> d = drops(r, "firewall");
        assertEquals(2, d.stream().filter(p -> p.time() < 1500 * SimTime.MS).count(), "the SYNs at 0 and 1 s");
        assertTrue(d.get(0).detail().startsWith("policy drop (forward"), d.get(0).detail());
        assertEquals("192.168.1.10", d.get(0).packet().dst().toString(), "the dropped SYN is already DNATed");
    }

    /**
     * NF13, NF14 [NT24, NT30, NT31]: first match wins; a plain reject is ICMP port unreachable for
     * TCP too (ECONNREFUSED although a listener exists, which never sees the SYN), from the
     * router's address towards the client; admin-prohibited gives EHOSTUNREACH. (probes/nat-rules.py
     * measured ECONNREFUSED for a connect through a router's forward-chain reject.)
     */
    @Test
    void nf14PlainRejectIsPortUnreachableForTcpToo() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(net("""
                firewall:
                  rules:
                    - {chain: forward, proto: tcp, dport: 25, action: reject}
                    - {chain: forward, proto: tcp, dport: 25, action: accept}
                    - {chain: forward, proto: tcp, dport: 26, action: reject, reject_with: icmp-admin-prohibited}
                """) + """
                  - name: s
                    host: out
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: "0.0.0.0:25"}
                      - listen: {socket: l}
                  - name: c
                    host: lan
                    start: 10ms
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.10:25, expect_error: ECONNREFUSED}
                      - socket: {name: t2, type: stream}
                      - connect: {socket: t2, addr: 203.0.113.10:26, expect_error: EHOSTUNREACH}
                expect:
                  - {process: c, finished: true}
                """);
        PacketEvent icmp = r.events().stream().filter(e -> e instanceof PacketEvent p && p.action() == PacketAction.TX
                && p.host().equals("home") && p.packet().transport() instanceof IcmpMessage).map(e -> (PacketEvent) e)
                .findFirst().orElseThrow();
        assertEquals("192.168.1.1", icmp.packet().src().toString());
        assertEquals(IcmpMessage.CODE_PORT_UNREACHABLE, ((IcmpMessage) icmp.packet().transport()).code());
        assertTrue(drops(r, "firewall").get(0).detail().startsWith("rule 0 "), "the first rule matched");
        assertTrue(r.events().stream().noneMatch(e -> e instanceof PacketEvent p && p.host().equals("out")
                && p.action() == PacketAction.RX && p.packet().transport() instanceof TcpSegment), "nothing reaches the server");
    }

    /** NF16 [NT25, NT32]: reject with tcp-reset from a router impersonates the server: RST,ACK, ack = seq + 1. */
    @Test
    void nf16TcpResetImpersonatesTheServer() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(net("""
                firewall:
                  rules:
                    - {chain: forward, proto: tcp, dport: 25, action: reject, reject_with: tcp-reset}
                """) + """
                  - name: c
                    host: lan
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.10:25, expect_error: ECONNREFUSED}
                expect:
                  - {process: c, finished: true}
                """);
        PacketEvent rst = r.events().stream().filter(e -> e instanceof PacketEvent p && p.action() == PacketAction.TX
                && p.host().equals("home") && p.packet().transport() instanceof TcpSegment).map(e -> (PacketEvent) e)
                .findFirst().orElseThrow();
        TcpSegment s = (TcpSegment) rst.packet().transport();
        assertEquals("203.0.113.10:25", rst.packet().srcEndpoint().toString());
        assertEquals(TcpFlags.RST | TcpFlags.ACK, s.flags());
    }

    /** NF17, NF18 [NT29, NT27, NT28]: drop: UDP sends succeed, recv times out; a stored ICMP error fails the next send once. */
    @Test
    void nf17DropSaysNothingNf18ErrorReportedOnce() throws Exception {
        KernelEdgeRulesTest.run(net("""
                firewall:
                  rules:
                    - {chain: forward, proto: udp, dport: 161, action: drop}
                    - {chain: forward, proto: udp, dport: 162, action: reject}
                """) + """
                  - name: c
                    host: lan
                    steps:
                      - socket: {name: u, type: dgram}
                      - connect: {socket: u, addr: 203.0.113.10:161}
                      - send: {socket: u, data: "x"}
                      - send: {socket: u, data: "y"}
                      - recv: {socket: u, timeout: 500ms, expect_error: EAGAIN}
                      - socket: {name: v, type: dgram}
                      - connect: {socket: v, addr: 203.0.113.10:162}
                      - send: {socket: v, data: "x"}
                      - sleep: 100ms
                      - send: {socket: v, data: "y", expect_error: ECONNREFUSED}
                      - send: {socket: v, data: "z"}
                expect:
                  - {process: c, finished: true}
                """);
    }

    /**
     * NF19 [NT41, NT42; probes/nat-rules.py measured EPERM for a sendto through an output drop]: the output chain: a dropped datagram is EPERM to its sender; a rejected
     * one EPERM and, from the ICMP reject made locally, ECONNREFUSED on the next recv. TCP does not
     * hear EPERM: a dropped connect goes on retransmitting; a rejected one is refused at the
     * retransmission 1 s later (the first ICMP came while connect() owned the socket, NF15).
     */
    @Test
    void nf19OutputChainIsEperm() throws Exception {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(net("""
                firewall:
                  rules:
                    - {chain: output, proto: udp, dport: 53, action: drop}
                    - {chain: output, proto: udp, dport: 54, action: reject}
                    - {chain: output, proto: tcp, dport: 80, action: drop}
                    - {chain: output, proto: tcp, dport: 81, action: reject}
                """) + """
                  - name: c
                    host: home
                    steps:
                      - socket: {name: u, type: dgram}
                      - sendto: {socket: u, to: 203.0.113.10:53, data: "x", expect_error: EPERM}
                      - socket: {name: v, type: dgram}
                      - connect: {socket: v, addr: 203.0.113.10:54}
                      - send: {socket: v, data: "x", expect_error: EPERM}
                      - recv: {socket: v, timeout: 100ms, expect_error: ECONNREFUSED}
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.10:80, timeout: 2500ms, expect_error: EINPROGRESS}
                  - name: d
                    host: home
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 203.0.113.10:81, expect_error: ECONNREFUSED}
                expect:
                  - {process: c, finished: true}
                  - {process: d, finished: true}
                """);
        assertEquals(SimTime.S, errorAt(r, "d", "ECONNREFUSED"), "refused at the retransmission, 1 s on");
    }

    /**
     * NF20 [NT34, NT35, NT36, NT37]: "established, related accept; LAN accept; drop" lets LAN flows
     * out and their replies back, drops new flows from outside; without `related` a LAN socket
     * never hears the ICMP error of its own flow.
     */
    @Test
    void nf20StatefulRules() throws Exception {
        String rules = """
                firewall:
                  policy: {forward: drop}
                  rules:
                    - {chain: forward, state: %s, action: accept}
                    - {chain: forward, src: 192.168.1.0/24, action: accept}
                """;
        String procs = """
                  - {name: echo, host: out, app: udp-echo-server, args: {port: 7}}
                  - name: c
                    host: lan
                    steps:
                      - socket: {name: u, type: dgram}
                      - connect: {socket: u, addr: 203.0.113.10:7}
                      - send: {socket: u, data: "x"}
                      - recv: {socket: u, timeout: 500ms, expect: "x"}
                      - socket: {name: v, type: dgram}
                      - connect: {socket: v, addr: 203.0.113.10:9}
                      - send: {socket: v, data: "x"}
                      - recv: {socket: v, timeout: 500ms, expect_error: %s}
                  - name: o
                    host: out
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 192.168.1.20:22, timeout: 1500ms, expect_error: EINPROGRESS}
                expect:
                  - {process: c, finished: true}
                  - {process: o, finished: true}
                """;
        KernelEdgeRulesTest.run(String.format(net(rules), "[established, related]") + String.format(procs, "ECONNREFUSED"));
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(String.format(net(rules), "established")
                + String.format(procs, "EAGAIN"));
        assertTrue(drops(r, "firewall").stream().anyMatch(p -> p.packet().transport() instanceof IcmpMessage),
                "the related ICMP error is dropped");
    }

    /**
     * NF15 [NT24S: ECONNREFUSED after about 1.0 s, two SYNs rejected; NT24 over a link with latency:
     * one round trip, one SYN]: a reject on a path without latency answers while connect() still
     * owns the socket, so only the retransmission's ICMP ends the connect.
     */
    @Test
    void nf15ZeroLatencyRejectRefusesAtTheRetransmission() throws Exception {
        String yaml = """
                scenario: t
                defaults:
                  link: {latency: %s}
                hosts:
                  - {name: c, ip: 10.0.0.2}
                  - name: s
                    ip: 10.0.0.1
                    firewall:
                      rules:
                        - {chain: input, proto: tcp, dport: 25, action: reject}
                links: [[c, s]]
                processes:
                  - name: p
                    host: c
                    steps:
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 10.0.0.1:25, expect_error: ECONNREFUSED}
                expect:
                  - {process: p, finished: true}
                """;
        KernelEdgeRulesTest.Run zero = KernelEdgeRulesTest.run(String.format(yaml, "0ms"));
        long t0 = errorAt(zero, "p", "ECONNREFUSED");
        assertTrue(t0 >= SimTime.S && t0 < SimTime.S + SimTime.MS, "refused at the retransmission: " + t0);
        assertEquals(2, drops(zero, "firewall").size(), "two SYNs rejected");
        KernelEdgeRulesTest.Run slow = KernelEdgeRulesTest.run(String.format(yaml, "5ms"));
        long t5 = errorAt(slow, "p", "ECONNREFUSED");
        assertTrue(t5 >= 10 * SimTime.MS && t5 < 11 * SimTime.MS, "one round trip of 2 x 5 ms: " + t5);
        assertEquals(1, drops(slow, "firewall").size());
    }
}
