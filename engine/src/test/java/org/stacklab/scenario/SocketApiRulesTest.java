package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * Rules P1-P4 and S1-S6 of docs/port-table.md: poll's readiness and the second wave's socket
 * options and flags, each measured on Linux 6.18 with {@code src/test/resources/probes/poll-readiness.py}
 * and {@code socket-options.py} (run in a network namespace of their own). Each scenario states the
 * measured result as {@code expect}, {@code expect_error} and {@code expect_len} claims.
 */
class SocketApiRulesTest {
    private static final String HOSTS = """
            scenario: t
            hosts:
              - {name: web, ip: 10.0.0.1}
              - {name: a, ip: 10.0.0.2}
            links: [[a, web]]
            """;

    private static KernelEdgeRulesTest.Run run(String yaml) throws ScenarioException {
        return KernelEdgeRulesTest.run(HOSTS + yaml);
    }

    @Test
    void p1p2TcpReadinessAsTcpPollReportsIt() throws ScenarioException {
        // Measured: fresh socket [out, hup]; empty listener []; listener with a queued connection [in];
        // non-blocking connect refused: asked out -> [out, err, hup]; after SO_ERROR read: [in, out, hup];
        // an established connection [out], with data [in, out]; poll(0) with nothing ready: [].
        run("""
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - poll: {fds: {l: [in, out]}, timeout: 0s, expect: {l: [out, hup]}}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - poll: {fds: {l: [in, out]}, timeout: 0s, expect_count: 0}
                      - poll: {fds: {l: [in]}, expect: {l: [in]}}
                      - accept: {socket: l, as: c}
                      - poll: {fds: {l: [in], c: [in, out]}, timeout: 0s, expect: {c: [out]}}
                      - poll: {fds: {c: [in]}, timeout: 1s, expect: {c: [in]}}
                      - poll: {fds: {c: [in, out]}, timeout: 0s, expect: {c: [in, out]}}
                      - recv: {socket: c, expect: "hi"}
                  - name: cli
                    host: a
                    start: 10ms
                    steps:
                      - socket: {name: r, type: stream, nonblocking: true}
                      - connect: {socket: r, addr: 10.0.0.1:81, expect_error: EINPROGRESS}
                      - poll: {fds: {r: [out]}, timeout: 1s, expect: {r: [out, err, hup]}}
                      - getsockopt: {socket: r, error: ECONNREFUSED}
                      - poll: {fds: {r: [in, out]}, timeout: 0s, expect: {r: [in, out, hup]}}
                      - socket: {name: s, type: stream, nonblocking: true}
                      - connect: {socket: s, addr: 10.0.0.1:80, expect_error: EINPROGRESS}
                      - poll: {fds: {s: [in]}, timeout: 0s, expect_count: 0}
                      - poll: {fds: {s: [out]}, timeout: 1s, expect: {s: [out]}}
                      - sleep: 50ms
                      - send: {socket: s, data: "hi"}
                """);
    }

    @Test
    void p1PollWithNothingReadyTimesOutWithNoSocketsNotAnError() throws ScenarioException {
        KernelEdgeRulesTest.Run r = run("""
                processes:
                  - name: p
                    host: a
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: 0.0.0.0:53}
                      - poll: {fds: {u: [in]}, timeout: 250ms, expect_count: 0}
                """);
        TraceEvent.CallEvent poll = r.calls("p").stream().filter(c -> c.step().equals("poll")).findFirst().orElseThrow();
        assertEquals(250 * SimTime.MS, poll.time(), "the poll returned when its timeout passed");
        assertEquals(java.util.Map.of(), poll.ready());
    }

    @Test
    void p3UdpIsAlwaysWritableReadableWithADatagramAndErrAfterPortUnreachable() throws ScenarioException {
        // Measured: fresh UDP [out]; a datagram queued [in, out]; connected, port unreachable: [out, err];
        // the recv that reports ECONNREFUSED clears it: [out]; shut both ways [in, out, hup].
        run("""
                processes:
                  - name: p
                    host: web
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: 0.0.0.0:53}
                      - poll: {fds: {u: [in, out]}, timeout: 0s, expect: {u: [out]}}
                      - poll: {fds: {u: [in]}, timeout: 1s, expect: {u: [in]}}
                      - poll: {fds: {u: [in, out]}, timeout: 0s, expect: {u: [in, out]}}
                      - socket: {name: v, type: dgram}
                      - connect: {socket: v, addr: 10.0.0.2:9}
                      - send: {socket: v, data: "x"}
                      - poll: {fds: {v: [in]}, timeout: 1s, expect: {v: [err]}}
                      - poll: {fds: {v: [out]}, timeout: 0s, expect: {v: [out, err]}}
                      - recv: {socket: v, expect_error: ECONNREFUSED}
                      - poll: {fds: {v: [in, out]}, timeout: 0s, expect: {v: [out]}}
                      - shutdown: {socket: v, how: both}
                      - poll: {fds: {v: [in, out]}, timeout: 0s, expect: {v: [in, out, hup]}}
                  - name: q
                    host: a
                    start: 10ms
                    steps:
                      - socket: {name: u, type: dgram}
                      - sendto: {socket: u, to: 10.0.0.1:53, data: "q"}
                """);
    }

    @Test
    void s1PeekWaitallDontwaitAndTrunc() throws ScenarioException {
        // Measured: peek b'hello' then recv b'hello'; dontwait on an empty queue EAGAIN; waitall 8
        // returned b'abcdefgh' after the second part came (0.2 s); UDP 10-byte datagram, max 4:
        // with trunc 10, without 4.
        run("""
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - accept: {socket: l, as: c}
                      - recv: {socket: c, flags: [peek], expect: "hello"}
                      - recv: {socket: c, expect: "hello"}
                      - recv: {socket: c, flags: [dontwait], expect_error: EAGAIN}
                      - recv: {socket: c, max: 8, flags: [waitall], expect: "abcdefgh", expect_len: 8}
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: 0.0.0.0:53}
                      - recv: {socket: u, max: 4, flags: [peek, trunc], expect_len: 10}
                      - recv: {socket: u, max: 4, expect: "0123", expect_len: 4}
                  - name: cli
                    host: a
                    start: 10ms
                    steps:
                      - socket: {name: s, type: stream}
                      - connect: {socket: s, addr: 10.0.0.1:80}
                      - send: {socket: s, data: "hello"}
                      - sleep: 100ms
                      - send: {socket: s, data: "abc"}
                      - sleep: 200ms
                      - send: {socket: s, data: "defgh"}
                      - socket: {name: u, type: dgram}
                      - sendto: {socket: u, to: 10.0.0.1:53, data: "0123456789"}
                """);
    }

    @Test
    void s2AndS6SendTimeoutReturnsThePartOfTheDataTheDoubledBufferTook() throws ScenarioException {
        // Measured: SO_SNDBUF 8192 reads back 16384; with SO_SNDTIMEO 0.3 s a 4000000-byte send to a peer
        // that does not read returned a part after 0.3 s; the next send, buffer full, EAGAIN after 0.3 s.
        KernelEdgeRulesTest.Run r = run("""
                until: 3s
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - setsockopt: {socket: l, rcvbuf: 4096}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - accept: {socket: l, as: c}
                      - sleep: 5s
                  - name: cli
                    host: a
                    start: 10ms
                    steps:
                      - socket: {name: s, type: stream}
                      - setsockopt: {socket: s, sndbuf: 8192}
                      - connect: {socket: s, addr: 10.0.0.1:80}
                      - send: {socket: s, data: {bytes: 4000000}, timeout: 300ms}
                      - send: {socket: s, data: "more", timeout: 300ms, expect_error: EAGAIN}
                      - send: {socket: s, data: "more", flags: [dontwait], expect_error: EAGAIN}
                """);
        List<TraceEvent.CallEvent> sends = r.calls("cli").stream().filter(c -> c.step().equals("send")).toList();
        long n = Long.parseLong(sends.get(0).result().split(" ")[0]);
        // the peer's window (half of its doubled 4096) plus the send buffer (twice 8192); the kernel ran
        // on loopback, where one segment fills the window. Here segments are 1448 bytes and the last
        // window offered is rounded up to the window-scale unit (128 bytes with wscale 7), as Linux's
        // __tcp_select_window does (ALIGN), so up to 127 bytes more may fit
        assertTrue(n >= 4096 + 16384 && n < 4096 + 16384 + 128, sends.get(0).result());
        assertEquals(sends.get(0).time() + 300 * SimTime.MS, sends.get(1).time(), "EAGAIN when the timeout passed");
    }

    @Test
    void s3ConnectUnspecDisconnectsUdpAndResetsTcp() throws ScenarioException {
        // Measured: UDP: 0, name 0.0.0.0:0 (automatic port given back), getpeername ENOTCONN, send
        // EDESTADDRREQ; bound 127.0.0.1:7100 keeps its name. TCP: 0, the peer's recv ECONNRESET, own send
        // ECONNRESET, recv ENOTCONN, connect again 0.
        KernelEdgeRulesTest.Run r = run("""
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - accept: {socket: l, as: c}
                      - recv: {socket: c, expect_error: ECONNRESET}
                      - accept: {socket: l, as: d}
                  - name: cli
                    host: a
                    start: 10ms
                    steps:
                      - socket: {name: u, type: dgram}
                      - connect: {socket: u, addr: 10.0.0.1:7000}
                      - connect: {socket: u, addr: unspec}
                      - getpeername: {socket: u, expect_error: ENOTCONN}
                      - getsockname: {socket: u, expect: "0.0.0.0:0"}
                      - send: {socket: u, data: "x", expect_error: EDESTADDRREQ}
                      - socket: {name: b, type: dgram}
                      - bind: {socket: b, addr: 10.0.0.2:7100}
                      - connect: {socket: b, addr: 10.0.0.1:7000}
                      - connect: {socket: b, addr: unspec}
                      - getsockname: {socket: b, expect: "10.0.0.2:7100"}
                      - socket: {name: s, type: stream}
                      - connect: {socket: s, addr: 10.0.0.1:80}
                      - connect: {socket: s, addr: unspec}
                      - getpeername: {socket: s, expect_error: ENOTCONN}
                      - sleep: 50ms
                      - send: {socket: s, data: "x", expect_error: ECONNRESET}
                      - recv: {socket: s, expect_error: ENOTCONN}
                      - connect: {socket: s, addr: 10.0.0.1:80}
                """);
        assertTrue(r.events().stream().anyMatch(e -> e instanceof TraceEvent.PacketEvent p
                && p.action() == TraceEvent.PacketAction.TX && p.host().equals("a")
                && p.packet().transport() instanceof TcpSegment t && t.has(TcpFlags.RST)), "the abort sends an RST");
    }

    @Test
    void s4LingerZeroResetsWithoutTimeWaitAndLingerWaitsForTheAck() throws ScenarioException {
        // Measured: SO_LINGER {1, 0} then close: the peer's recv ECONNRESET (an RST, no FIN).
        KernelEdgeRulesTest.Run r = run("""
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - accept: {socket: l, as: c}
                      - recv: {socket: c, expect_error: ECONNRESET}
                      - accept: {socket: l, as: d}
                      - recv: {socket: d, expect: "bye"}
                  - name: cli
                    host: a
                    start: 10ms
                    steps:
                      - socket: {name: s, type: stream}
                      - setsockopt: {socket: s, linger: 0s}
                      - connect: {socket: s, addr: 10.0.0.1:80}
                      - close: {socket: s}
                      - sleep: 50ms
                      - socket: {name: t, type: stream}
                      - setsockopt: {socket: t, linger: 5s}
                      - connect: {socket: t, addr: 10.0.0.1:80}
                      - send: {socket: t, data: "bye"}
                      - close: {socket: t}
                """);
        assertTrue(r.events().stream().noneMatch(e -> e instanceof TraceEvent.StateEvent s && s.host().equals("a")
                && s.to().equals("TIME-WAIT") && s.socket() == 1), "linger 0: no TIME-WAIT");
        List<TraceEvent.CallEvent> calls = r.calls("cli");
        TraceEvent.CallEvent send = calls.stream().filter(c -> c.step().equals("send")).findFirst().orElseThrow();
        TraceEvent.CallEvent close = calls.get(calls.size() - 1);
        assertEquals("close", close.step());
        long finAcked = r.events().stream().filter(e -> e instanceof TraceEvent.StateEvent st && st.host().equals("a")
                && st.to().equals("FIN-WAIT-2")).mapToLong(TraceEvent::time).max().orElseThrow();
        assertTrue(close.time() > send.time(), "linger 5s: close waited");
        assertEquals(finAcked, close.time(), "linger 5s: close returns when the FIN is acknowledged");
    }
}
