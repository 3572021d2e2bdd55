package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.TcpConfig;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpOptions;
import org.stacklab.wire.TcpSegment;

/**
 * StackLab's TCP puts on the wire what Linux 6.18 does (docs/tcp.md). The Linux side was measured
 * with {@code src/test/resources/probes/tcp-wire.py} (two network namespaces and a veth pair;
 * the machine's kernel chose wscale 10 because its net.core.rmem_max was raised, the default is 7):
 *
 * <pre>
 * S   win 64240 [mss 1460,sackOK,TS val a ecr 0,nop,wscale]
 * S.  win 65160 [mss 1460,sackOK,TS val b ecr a,nop,wscale]
 * .   [nop,nop,TS val c ecr b]
 * rounds (5 request/response, 200 ms apart): 22 packets, 8 pure ACKs
 * rounds0 (5 request/response, back to back): 18 packets, 4 pure ACKs
 * http (HTTP/1.0 GET, server closes, client closes after EOF): 10 packets, the client's FIN
 *      acknowledging the server's FIN
 * </pre>
 */
class TcpAsLinuxTest {
    private static final String ROUNDS = """
            scenario: rr
            hosts:
              - {name: srv, ip: 10.0.0.1}
              - {name: cli, ip: 10.0.0.2}
            links:
              - {a: cli, b: srv, latency: 10ms}
            processes:
              - name: server
                host: srv
                steps:
                  - socket: {name: s, type: stream}
                  - bind: {socket: s, addr: 10.0.0.1:80}
                  - listen: {socket: s}
                  - accept: {socket: s, as: c}
                  - repeat:
                      times: 5
                      steps:
                        - recv: {socket: c, expect: "request"}
                        - send: {socket: c, data: "reply"}
                  - recv: {socket: c}
                  - close: {socket: c}
              - name: client
                host: cli
                start: 10ms
                steps:
                  - socket: {name: c, type: stream}
                  - connect: {socket: c, addr: 10.0.0.1:80}
                  - repeat:
                      times: 5
                      steps:
                        - send: {socket: c, data: "request"}
                        - recv: {socket: c, expect: "reply"}
                        - sleep: 200ms
                  - close: {socket: c}
            """;

    private static List<TcpSegment> sent(Scenario sc) throws ScenarioException {
        Tracer t = new Tracer();
        List<TcpSegment> out = new ArrayList<>();
        t.add(e -> {
            if (e instanceof TraceEvent.PacketEvent p && p.action() == TraceEvent.PacketAction.TX
                    && p.packet().transport() instanceof TcpSegment s) {
                out.add(s);
            }
        });
        RunResult r = ScenarioRun.run(Assembler.assemble(sc, t), -1);
        assertTrue(r.allHeld(), r.checks()::toString);
        return out;
    }

    private static long pureAcks(List<TcpSegment> segs) {
        return segs.stream().filter(s -> s.flags() == TcpFlags.ACK && s.data().isEmpty()).count();
    }

    @Test
    void theWebExamplesHandshakeIsLinuxs() throws ScenarioException {
        List<TcpSegment> s = sent(ScenarioLoader.load(Path.of("..", "scenarios", "01-socket-is-an-address-and-a-port.yaml")));
        TcpSegment syn = s.get(0);
        TcpSegment synAck = s.get(1);
        TcpSegment ack = s.get(2);
        assertEquals(TcpFlags.SYN, syn.flags());
        assertEquals(64240, syn.window());
        assertEquals("mss 1460,sackOK,TS val " + syn.options().tsVal() + " ecr 0,nop,wscale 7", syn.options().describe());
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, synAck.flags());
        assertEquals(65160, synAck.window());
        assertEquals(new TcpOptions(1460, true, true, synAck.options().tsVal(), syn.options().tsVal(), 7, List.of()),
                synAck.options());
        assertEquals(TcpFlags.ACK, ack.flags());
        assertEquals(502, ack.window()); // 64240 rounded up to 128 bytes, shifted by 7
        assertEquals(new TcpOptions(0, false, true, ack.options().tsVal(), synAck.options().tsVal(), -1, List.of()),
                ack.options());
        assertTrue(ack.options().tsVal() - syn.options().tsVal() == 12, "a 1 ms clock: the round trip is 12 ms");
    }

    @Test
    void anHttp10ExchangeIsTenPacketsAndTheClientsFinAcknowledgesTheServers() throws ScenarioException {
        // every segment counted once, where laptop or web sends it (r1 forwards, it does not send)
        List<TcpSegment> s = sent(ScenarioLoader.load(Path.of("..", "scenarios", "01-socket-is-an-address-and-a-port.yaml")));
        assertEquals(10, s.size());
        TcpSegment serverFin = s.stream().filter(x -> x.has(TcpFlags.FIN) && x.srcPort() == 80).findFirst().get();
        TcpSegment clientFin = s.stream().filter(x -> x.has(TcpFlags.FIN) && x.srcPort() != 80).findFirst().get();
        assertEquals(serverFin.seq() + 1, clientFin.ack());
    }

    @Test
    void requestResponseRoundsSendLinuxsPureAcks() throws ScenarioException {
        List<TcpSegment> apart = sent(Loading.ok(ROUNDS));
        assertEquals(22, apart.size());
        assertEquals(8, pureAcks(apart));
        List<TcpSegment> backToBack = sent(Loading.ok(ROUNDS.replaceAll(" *- sleep: 200ms\n", "")));
        assertEquals(18, backToBack.size());
        assertEquals(4, pureAcks(backToBack)); // ping-pong: the ACKs ride on the next request and reply
    }

    @Test
    void withDelayedAckOffEverySegmentIsAcknowledgedAtOnce() throws ScenarioException {
        List<TcpSegment> s = sent(Loading.ok(ROUNDS.replace("hosts:", "defaults: {tcp: {delayed_ack: false}}\nhosts:")
                .replaceAll(" *- sleep: 200ms\n", "")));
        assertTrue(pureAcks(s) > 4, "got " + pureAcks(s));
    }

    @Test
    void fullSegmentsCarry1448BytesWithTimestampsAnd1460Without() throws ScenarioException {
        String bulk = ROUNDS.replace("data: \"request\"", "data: {bytes: 20000}").replace("expect: \"request\"", "max: 100000")
                .replace("times: 5", "times: 1");
        assertEquals(1448, sent(Loading.ok(bulk)).stream().mapToInt(x -> x.data().length()).max().getAsInt());
        String off = bulk.replace("hosts:", "defaults: {tcp: {timestamps: false, window_scaling: false, sack: false}}\nhosts:");
        List<TcpSegment> old = sent(Loading.ok(off));
        assertEquals(1460, old.stream().mapToInt(x -> x.data().length()).max().getAsInt());
        assertEquals(TcpOptions.mssOnly(1460), old.get(0).options());
        assertEquals(TcpOptions.NONE, old.get(2).options());
    }

    /** When the last data segment of a 4 MB transfer over a 100 ms round trip at 100 Mbps is sent, in ms. */
    private static long bulkOver100ms(String tcp) throws ScenarioException {
        String yaml = """
                scenario: bulk
                defaults: {tcp: %s}
                hosts:
                  - {name: srv, ip: 10.0.0.1}
                  - {name: cli, ip: 10.0.0.2}
                links:
                  - {a: cli, b: srv, latency: 50ms, bandwidth: 100Mbps}
                processes:
                  - {name: sink, host: srv, app: tcp-sink, args: {port: 80}}
                  - {name: bulk, host: cli, start: 10ms, app: tcp-bulk-send, args: {to: "10.0.0.1:80", bytes: 4000000}}
                """.formatted(tcp);
        Tracer t = new Tracer();
        long[] last = {0};
        t.add(e -> {
            if (e instanceof TraceEvent.PacketEvent p && p.action() == TraceEvent.PacketAction.TX
                    && p.packet().transport() instanceof TcpSegment s && s.data().length() > 1000) {
                last[0] = p.time();
            }
        });
        ScenarioRun.run(Assembler.assemble(Loading.ok(yaml), t), -1);
        return last[0] / 1_000_000;
    }

    @Test
    void windowScalingLetsALongPathCarryMoreThan64KiBPerRoundTrip() throws ScenarioException {
        long scaled = bulkOver100ms("{}");
        long unscaled = bulkOver100ms("{window_scaling: false}");
        // 4 MB at 64 KiB per 100 ms takes about 6 s; with scaling the window is no limit.
        assertTrue(unscaled > 5500, "unscaled " + unscaled + " ms");
        assertTrue(scaled < unscaled / 3, "scaled " + scaled + " ms, unscaled " + unscaled + " ms");
    }

    @Test
    void aHostsOwnTcpSettingsOverrideTheDefaults() {
        Scenario sc = Loading.ok("""
                scenario: t
                defaults: {tcp: {congestion: reno, min_rto: 1s, syn_retries: 3}}
                hosts:
                  - {name: a, ip: 10.0.0.1, tcp: {sack: false, syn_linear_timeouts: 0, initial_cwnd: 4}}
                  - {name: b, ip: 10.0.0.2}
                """);
        TcpConfig d = TcpConfig.LINUX.withCongestion("reno").withMinRto(1_000_000_000L).withSynRetries(3);
        assertEquals(d, sc.defaults().tcp());
        assertEquals(d.withSack(false).withSynLinearTimeouts(0).withInitialCwnd(4), sc.hosts().get(0).tcp());
        assertEquals(null, sc.hosts().get(1).tcp());
    }

    @Test
    void badTcpSettingsAreReportedWhereTheyAreWritten() {
        Loading.assertErrors("""
                scenario: t
                defaults: {tcp: {congestion: cubik, syn_retries: 0}}
                hosts:
                  - {name: a, ip: 10.0.0.1, tcp: {delayed_acks: false}}
                """,
                "t.yaml:2:30: 'congestion' must be one of cubic, newreno, reno, got 'cubik'; did you mean 'cubic'?",
                "t.yaml:2:50: 'syn_retries' must be between 1 and 127, got 0",
                "t.yaml:4:35: unknown key 'delayed_acks' in host tcp; did you mean 'delayed_ack'?");
    }

    @Test
    void lossMayDifferPerDirection() {
        Scenario sc = Loading.ok("""
                scenario: t
                defaults: {link: {loss: {b_to_a: 2%}}}
                hosts:
                  - {name: a, ip: 10.0.0.1}
                  - {name: b, ip: 10.0.0.2}
                links:
                  - {a: a, b: b, loss: {a_to_b: 1%}}
                  - {a: b, b: a, loss: 5%}
                """);
        assertEquals(0.01, sc.links().get(0).params().loss());
        assertEquals(0.02, sc.links().get(0).params().lossBack());
        assertEquals(0.05, sc.links().get(1).params().lossBack());
        Loading.assertErrors(Loading.BASE + "links:\n  - {a: web, b: client, loss: {a_to_c: 1%}}\n",
                "t.yaml:6:32: unknown key 'a_to_c' in loss; did you mean 'a_to_b'?");
    }
}
