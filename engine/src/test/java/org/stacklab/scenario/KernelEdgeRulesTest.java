package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * Rules R1-R7 of docs/port-table.md: the kernel's answers at the edges of connect, shutdown and
 * send, each measured on Linux 6.18 with the probes in {@code src/test/resources/probes}
 * ({@code unshare --net --map-root-user python3 connect-edges.py}, {@code udp-shutdown.py}).
 * Each scenario states the measured result as {@code expect_error}s and a {@code finished} claim.
 */
class KernelEdgeRulesTest {
    private static final String HOSTS = """
            scenario: t
            hosts:
              - {name: web, ip: 10.0.0.1}
              - {name: a, ip: 10.0.0.2}
              - {name: b, ip: 10.0.0.3}
            links: [[a, web], [b, web]]
            """;

    /** A run's result and every trace event. */
    record Run(RunResult result, List<TraceEvent> events) {
        List<TraceEvent.CallEvent> calls(String process) {
            return events.stream().filter(e -> e instanceof TraceEvent.CallEvent c && c.process().equals(process))
                    .map(e -> (TraceEvent.CallEvent) e).toList();
        }
    }

    static Run run(String yaml) throws ScenarioException {
        Scenario sc = Loading.ok(yaml);
        Tracer t = new Tracer();
        List<TraceEvent> events = new ArrayList<>();
        t.add(events::add);
        World w = Assembler.assemble(sc, t);
        RunResult r = ScenarioRun.run(w, -1);
        assertTrue(r.allHeld(), () -> r.checks() + "\n" + events.stream().filter(e -> e instanceof TraceEvent.CallEvent)
                .map(Object::toString).collect(Collectors.joining("\n")));
        return new Run(r, events);
    }

    @Test
    void r1ConnectTimeoutIsEinprogressAndTheHandshakeGoesOnOnTheSamePort() throws ScenarioException {
        // Measured: SO_SNDTIMEO 1 s on a connect whose SYNs go unanswered: EINPROGRESS after 1.0 s;
        // a second connect EALREADY after another 1.0 s, same local port; once the peer answers, 0,
        // then EISCONN. Here the SYNs go unanswered because web's accept queue (backlog 0: one fits)
        // is full until srv accepts at 2.5 s; the SYN sent again at 3 s then completes.
        Run r = run(HOSTS + """
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l, backlog: 0}
                      - sleep: 2500ms
                      - accept: {socket: l, as: c1}
                      - accept: {socket: l, as: c2}
                      - recv: {socket: c2, expect: "late"}
                  - name: first
                    host: a
                    steps:
                      - socket: {name: c, type: stream}
                      - connect: {socket: c, addr: 10.0.0.1:80}
                  - name: late
                    host: b
                    start: 10ms
                    steps:
                      - socket: {name: c, type: stream}
                      - connect: {socket: c, addr: 10.0.0.1:80, timeout: 500ms, expect_error: EINPROGRESS}
                      - connect: {socket: c, addr: 10.0.0.1:80, timeout: 500ms, expect_error: EALREADY}
                      - sleep: 3s
                      - connect: {socket: c, addr: 10.0.0.1:80}
                      - connect: {socket: c, addr: 10.0.0.1:80, expect_error: EISCONN}
                      - send: {socket: c, data: "late"}
                expect:
                  - {process: late, finished: true}
                  - {process: srv, finished: true}
                """);
        List<Integer> synPorts = r.events().stream()
                .filter(e -> e instanceof TraceEvent.PacketEvent p && p.action() == TraceEvent.PacketAction.TX
                        && p.host().equals("b") && p.packet().transport() instanceof TcpSegment s && s.has(TcpFlags.SYN))
                .map(e -> ((TcpSegment) ((TraceEvent.PacketEvent) e).packet().transport()).srcPort()).toList();
        assertTrue(synPorts.size() >= 3, synPorts::toString); // the first SYN, again at 1 s and 3 s
        assertEquals(1, synPorts.stream().distinct().count(), synPorts::toString);
    }

    @Test
    void r1NonBlockingStyleSecondConnectReportsTheHandshakesErrorOnceThenStartsAgain() throws ScenarioException {
        // Measured: connect (not answered in time) EINPROGRESS; refused in the background; the next
        // connect ECONNREFUSED; the one after starts a new handshake (EINPROGRESS again).
        run(HOSTS + """
                processes:
                  - name: c
                    host: a
                    steps:
                      - socket: {name: s, type: stream}
                      - connect: {socket: s, addr: 10.0.0.1:81, timeout: 0s, expect_error: EINPROGRESS}
                      - sleep: 100ms
                      - connect: {socket: s, addr: 10.0.0.1:81, expect_error: ECONNREFUSED}
                      - connect: {socket: s, addr: 10.0.0.1:81, timeout: 0s, expect_error: EINPROGRESS}
                expect:
                  - {process: c, finished: true}
                """);
    }

    @Test
    void r1EtimedoutComesOnlyWhenTheSynRetriesAreSpent() throws ScenarioException {
        // tcp_syn_retries = 6 and tcp_syn_linear_timeouts = 4: SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35,
        // 67 s, ETIMEDOUT at 131 s (measured on Linux 6.18, probes/syn-schedule.py); a 1 s timeout
        // only gives EINPROGRESS, and the next connect waits for the kernel's verdict.
        Run r = run(HOSTS.replace("links: [[a, web], [b, web]]", "links: [{a: a, b: web, loss: 100%}]") + """
                processes:
                  - name: c
                    host: a
                    steps:
                      - socket: {name: s, type: stream}
                      - connect: {socket: s, addr: 10.0.0.1:80, timeout: 1s, expect_error: EINPROGRESS}
                      - connect: {socket: s, addr: 10.0.0.1:80, expect_error: ETIMEDOUT}
                expect:
                  - {process: c, finished: true}
                """);
        TraceEvent.CallEvent last = r.calls("c").get(r.calls("c").size() - 1);
        assertEquals("ETIMEDOUT", last.errno());
        assertEquals(131, last.time() / 1_000_000_000L);
    }

    @Test
    void r2ZeroAddressAsDestinationIsThisHost() throws ScenarioException {
        // Measured: connect to 0.0.0.0:80 succeeds, peer 127.0.0.1:80; UDP connect to 0.0.0.0:53 too.
        run(HOSTS + """
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - accept: {socket: l, as: c}
                      - recv: {socket: c, expect: "self"}
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: 10.0.0.1:53}
                      - recv: {socket: u, expect: "bound"}
                  - name: cli
                    host: web
                    start: 1ms
                    steps:
                      - socket: {name: s, type: stream}
                      - connect: {socket: s, addr: 0.0.0.0:80}
                      - send: {socket: s, data: "self"}
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: 10.0.0.1:0}
                      - sendto: {socket: u, to: 0.0.0.0:53, data: "bound"}
                expect:
                  - {process: srv, finished: true}
                  - {process: cli, finished: true}
                """);
    }

    @Test
    void r3NoRouteIsEnetunreachForUdpSendtoUdpConnectAndTcpConnect() throws ScenarioException {
        run(HOSTS + """
                processes:
                  - name: c
                    host: a
                    steps:
                      - socket: {name: u, type: dgram}
                      - sendto: {socket: u, to: 10.9.9.9:53, data: "x", expect_error: ENETUNREACH}
                      - connect: {socket: u, addr: 10.9.9.9:53, expect_error: ENETUNREACH}
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 10.9.9.9:80, expect_error: ENETUNREACH}
                expect:
                  - {process: c, finished: true}
                """);
    }

    @Test
    void r4AFailedUdpSendStillBindsThePort() throws ScenarioException {
        // Measured: send() on an unconnected, unbound UDP socket: EDESTADDRREQ, and getsockname shows a port.
        Run r = run(HOSTS + """
                processes:
                  - name: c
                    host: a
                    steps:
                      - socket: {name: u, type: dgram}
                      - send: {socket: u, data: "x", expect_error: EDESTADDRREQ}
                expect:
                  - {process: c, finished: true}
                """);
        List<TraceEvent.BindEvent> binds = r.events().stream().filter(e -> e instanceof TraceEvent.BindEvent)
                .map(e -> (TraceEvent.BindEvent) e).toList();
        assertEquals(1, binds.size());
        assertTrue(binds.get(0).local().port() >= 32768, binds.toString());
    }

    @Test
    void r5ShutdownOnUdpTakesEffectConnectedOrNot() throws ScenarioException {
        // Measured: connected: shutdown(read) 0, then a blocking recv returns 0 bytes at once.
        // Unconnected: shutdown(write) ENOTCONN, yet sendto then fails with EPIPE; shutdown(read)
        // ENOTCONN, yet recv returns 0 bytes at once.
        Run r = run(HOSTS + """
                processes:
                  - name: c
                    host: a
                    steps:
                      - socket: {name: u, type: dgram}
                      - connect: {socket: u, addr: 10.0.0.1:53}
                      - shutdown: {socket: u, how: read}
                      - recv: {socket: u}
                      - socket: {name: v, type: dgram}
                      - shutdown: {socket: v, how: write, expect_error: ENOTCONN}
                      - sendto: {socket: v, to: 10.0.0.1:53, data: "x", expect_error: EPIPE}
                      - socket: {name: w, type: dgram}
                      - bind: {socket: w, addr: 10.0.0.2:5000}
                      - shutdown: {socket: w, how: read, expect_error: ENOTCONN}
                      - recv: {socket: w}
                expect:
                  - {process: c, finished: true}
                """);
        List<TraceEvent.CallEvent> recvs = r.calls("c").stream().filter(c -> c.step().equals("recv")).toList();
        assertEquals(2, recvs.size());
        assertTrue(recvs.stream().allMatch(c -> c.time() == 0), recvs::toString); // at once
    }

    @Test
    void r6ListenAfterARefusedConnectIsEinval() throws ScenarioException {
        run(HOSTS + """
                processes:
                  - name: c
                    host: a
                    steps:
                      - socket: {name: s, type: stream}
                      - connect: {socket: s, addr: 10.0.0.1:9, expect_error: ECONNREFUSED}
                      - listen: {socket: s, expect_error: EINVAL}
                expect:
                  - {process: c, finished: true}
                """);
    }

    @Test
    void r7ATimeWaitSocketBelongsToNoProcess() throws ScenarioException {
        // ss -tanp prints no users:(...) for TIME-WAIT: the kernel owns an inet_timewait_sock.
        Run r = run(HOSTS + """
                until: 2s
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - accept: {socket: l, as: c}
                      - recv: {socket: c}
                      - close: {socket: c}
                  - name: cli
                    host: a
                    steps:
                      - socket: {name: s, type: stream}
                      - connect: {socket: s, addr: 10.0.0.1:80}
                      - close: {socket: s}
                expect:
                  - {process: cli, finished: true}
                """);
        List<TraceEvent.SocketRow> timeWait = r.events().stream().filter(e -> e instanceof TraceEvent.SnapshotEvent)
                        .flatMap(e -> ((TraceEvent.SnapshotEvent) e).rows().stream())
                        .filter(row -> row.state().equals("TIME-WAIT")).toList();
        assertTrue(!timeWait.isEmpty(), "a TIME-WAIT row in the end-of-run socket table");
        timeWait.forEach(row -> assertNull(row.process(), row.toString()));
    }
}
