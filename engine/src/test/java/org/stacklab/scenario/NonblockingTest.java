package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent;

/**
 * O_NONBLOCK ({@code nonblocking} on socket and setsockopt): calls that would wait fail at once
 * with EAGAIN, connect with EINPROGRESS (measured on Linux 6.18 with connect-edges.py: a
 * non-blocking connect, even to 127.0.0.1, is EINPROGRESS; the next connect once it is up is 0,
 * then EISCONN).
 */
class NonblockingTest {
    @Test
    void callsThatWouldWaitFailAtOnceAndConnectCompletesInTheBackground() throws ScenarioException {
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run("""
                scenario: t
                hosts:
                  - {name: web, ip: 10.0.0.1}
                  - {name: a, ip: 10.0.0.2}
                links: [[a, web]]
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream, nonblocking: true}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - accept: {socket: l, as: c, expect_error: EAGAIN}
                      - sleep: 50ms
                      - accept: {socket: l, as: c}
                      - recv: {socket: c, expect: "hi"}
                      - socket: {name: u, type: dgram}
                      - setsockopt: {socket: u, nonblocking: true}
                      - bind: {socket: u, addr: 10.0.0.1:53}
                      - recv: {socket: u, expect_error: EAGAIN}
                  - name: cli
                    host: a
                    steps:
                      - socket: {name: s, type: stream, nonblocking: true}
                      - connect: {socket: s, addr: 10.0.0.1:80, expect_error: EINPROGRESS}
                      - send: {socket: s, data: "too early", expect_error: EAGAIN}
                      - connect: {socket: s, addr: 10.0.0.1:80, expect_error: EALREADY}
                      - sleep: 10ms
                      - connect: {socket: s, addr: 10.0.0.1:80}
                      - connect: {socket: s, addr: 10.0.0.1:80, expect_error: EISCONN}
                      - recv: {socket: s, expect_error: EAGAIN}
                      - send: {socket: s, data: "hi"}
                      - send: {socket: s, data: {bytes: 50000000}}
                expect:
                  - {process: srv, finished: true}
                  - {process: cli, finished: true}
                """);
        List<TraceEvent.CallEvent> sends = r.calls("cli").stream().filter(c -> c.step().equals("send")).toList();
        String big = sends.get(sends.size() - 1).result();
        long n = Long.parseLong(big.replaceAll("[^0-9]", ""));
        assertTrue(n > 0 && n < 50_000_000L, "a non-blocking send takes what fits: " + big);
        assertEquals(0, sends.get(sends.size() - 1).time() / 1_000_000_000L);
    }

    @Test
    void soErrorTakesTheHandshakesErrorAndGetpeernameNamesThePeerOnceConnected() throws ScenarioException {
        // Measured (connect-edges.py): non-blocking connect refused in the background; SO_ERROR
        // ECONNREFUSED; the next connect ECONNABORTED (the error was taken). getpeername is
        // ENOTCONN until the handshake completes.
        KernelEdgeRulesTest.run("""
                scenario: t
                hosts:
                  - {name: web, ip: 10.0.0.1}
                  - {name: a, ip: 10.0.0.2}
                links: [[a, web]]
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                  - name: cli
                    host: a
                    start: 1ms
                    steps:
                      - socket: {name: s, type: stream, nonblocking: true}
                      - connect: {socket: s, addr: 10.0.0.1:81, expect_error: EINPROGRESS}
                      - getpeername: {socket: s, expect_error: ENOTCONN}
                      - sleep: 10ms
                      - getsockopt: {socket: s, error: ECONNREFUSED}
                      - getsockopt: {socket: s, error: 0}
                      - connect: {socket: s, addr: 10.0.0.1:81, expect_error: ECONNABORTED}
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 10.0.0.1:80}
                      - getpeername: {socket: t, expect: "10.0.0.1:80"}
                      - getsockopt: {socket: t, error: 0}
                expect:
                  - {process: cli, finished: true}
                """);
    }

    @Test
    void getsockoptMistakesPointIntoTheFile() {
        java.util.List<String> errors = Loading.errors(Loading.BASE + """
                processes:
                  - name: p
                    host: web
                    steps:
                      - socket: {name: s, type: stream}
                      - getsockopt: {socket: s, error: ECONNREFUSD}
                """);
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("t.yaml:10:"), errors::toString);
    }
}
