package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stacklab.scenario.Loading.BASE;
import static org.stacklab.scenario.Loading.assertErrors;
import static org.stacklab.scenario.Loading.ok;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.process.Step;
import org.stacklab.transport.SocketError;

/** Steps of a script; every script here starts at line 9 with its kinds at column 9. */
class StepValidationTest {
    private static String script(String steps) {
        return BASE + "processes:\n  - name: p\n    host: web\n    steps:\n" + steps;
    }

    private static List<Step> steps(String steps) {
        return ok(script(steps)).processes().get(0).steps();
    }

    private static Step.Common at(int line) {
        return new Step.Common(line, null, -1, null);
    }

    @Test
    void everySocketCallIsRead() {
        List<Step> s = steps("""
                      - socket: {name: u, type: dgram}
                      - setsockopt: {socket: u, reuseport: true}
                      - bind: {socket: u, addr: 0.0.0.0:7}
                      - recvfrom: {socket: u, max: 512, as: m, expect: ping}
                      - sendto: {socket: u, to: "${m.from}", data: "pong ${m.data}"}
                      - getsockname: {socket: u, expect: "0.0.0.0:*"}
                      - shutdown: {socket: u}
                      - close: {socket: u}
                """);
        assertEquals(List.of(
                new Step.Socket(at(9), "u", Step.SockType.DGRAM),
                new Step.SetSockOpt(at(10), "u", null, true),
                new Step.Bind(at(11), "u", "0.0.0.0:7"),
                new Step.RecvFrom(at(12), "u", 512, "m", "ping"),
                new Step.SendTo(at(13), "u", "${m.from}", Step.Data.text("pong ${m.data}")),
                new Step.GetSockName(at(14), "u", "0.0.0.0:*"),
                new Step.Shutdown(at(15), "u", "both"),
                new Step.Close(at(16), "u")), s);
    }

    @Test
    void commonOptionsAndGeneratedData() {
        List<Step> s = steps("""
                      - socket: {name: c, type: stream, note: "a TCP socket"}
                      - connect: {socket: c, addr: 10.0.0.1:80, timeout: 500ms, expect_error: econnrefused}
                      - send: {socket: c, data: {bytes: 1000}}
                      - listen: {socket: c}
                """);
        assertEquals(new Step.Common(9, null, -1, "a TCP socket"), s.get(0).common());
        assertEquals(new Step.Common(10, SocketError.ECONNREFUSED, 500_000_000, null), s.get(1).common());
        assertEquals(new Step.Send(at(11), "c", Step.Data.bytes(1000)), s.get(2));
        assertEquals(new Step.Listen(at(12), "c", -1), s.get(3));
    }

    @Test
    void sleepNoteAndRepeat() {
        List<Step> s = steps("""
                      - note: "waiting for clients"
                      - sleep: 1.5ms
                      - socket: {name: l, type: stream}
                      - repeat:
                          times: forever
                          steps:
                            - accept: {socket: l, as: c}
                            - close: {socket: c}
                      - repeat: {times: 2, steps: [{sleep: 1s}], note: twice}
                """);
        assertEquals(new Step.Note(at(9), "waiting for clients"), s.get(0));
        assertEquals(new Step.Sleep(at(10), 1_500_000), s.get(1));
        assertEquals(new Step.Repeat(at(12), -1, List.of(new Step.Accept(at(15), "l", "c"), new Step.Close(at(16), "c"))),
                s.get(3));
        assertEquals(new Step.Repeat(new Step.Common(17, null, -1, "twice"), 2, List.of(new Step.Sleep(at(17), 1_000_000_000))),
                s.get(4));
    }

    @Test
    void aSocketNamedInsideARepeatStaysNamedAfterIt() {
        steps("""
                      - socket: {name: l, type: stream}
                      - repeat: {times: 1, steps: [{accept: {socket: l, as: c}}]}
                      - close: {socket: c}
                """);
    }

    @Test
    void anUnknownStepKindSuggestsTheClosestOne() {
        assertErrors(script("      - bnd: {socket: s}\n      - frobnicate: {}\n"),
                "t.yaml:9:9: unknown step 'bnd'; did you mean 'bind'?",
                "t.yaml:10:9: unknown step 'frobnicate'; steps are: socket, setsockopt, bind, listen, accept, connect,"
                        + " send, sendto, recv, recvfrom, getsockname, getpeername, getsockopt, shutdown, close, poll, sleep, repeat, retry, exit, note");
    }

    @Test
    void anUnknownSocketIsReportedWhereItIsUsed() {
        assertErrors(script("      - socket: {name: conn, type: stream}\n      - close: {socket: con}\n      - close: {socket: x}\n"),
                "t.yaml:10:25: unknown socket 'con': no earlier 'socket' or 'accept ... as:' step names it; did you mean 'conn'?",
                "t.yaml:11:25: unknown socket 'x': no earlier 'socket' or 'accept ... as:' step names it");
    }

    @Test
    void aSocketUsedBeforeItIsMadeIsUnknown() {
        assertErrors(script("      - close: {socket: s}\n      - socket: {name: s, type: stream}\n"),
                "t.yaml:9:25: unknown socket 's': no earlier 'socket' or 'accept ... as:' step names it");
    }

    @Test
    void anUnknownErrnoSuggestsTheClosestOne() {
        assertErrors(script("      - socket: {name: s, type: stream, expect_error: EADDRINUS}\n"),
                "t.yaml:9:55: unknown errno 'EADDRINUS'; did you mean 'EADDRINUSE'?");
    }

    @Test
    void badAddressesAndPortsArePointedAt() {
        assertErrors(script("""
                      - socket: {name: s, type: stream}
                      - bind: {socket: s, addr: 0.0.0.0:70000}
                      - connect: {socket: s, addr: 10.0.0.1}
                      - connect: {socket: s, addr: 10.0.0:80}
                """),
                "t.yaml:10:33: port 70000 is out of range 0-65535 in '0.0.0.0:70000'",
                "t.yaml:11:36: expected ip:port, got '10.0.0.1'",
                "t.yaml:12:36: not an IPv4 address: '10.0.0'");
    }

    @Test
    void aTemplateMustNameAnEarlierRecvfrom() {
        assertErrors(script("""
                      - socket: {name: u, type: dgram}
                      - sendto: {socket: u, to: "${m.from}", data: x}
                      - recvfrom: {socket: u, as: m}
                      - sendto: {socket: u, to: "${m.from}:80", data: "${n.data} ${m.size}"}
                """),
                "t.yaml:10:33: unknown variable 'm': no earlier 'recvfrom' step has 'as: m'",
                "t.yaml:12:33: 'to' must be ip:port or exactly \"${NAME.from}\", got '${m.from}:80'",
                "t.yaml:12:55: bad template '${m.size}': expected ${NAME.data}, ${NAME.from}, ${member}, ${host} or ${ip}",
                "t.yaml:12:55: unknown variable 'n': no earlier 'recvfrom' step has 'as: n'");
    }

    @Test
    void aStepWithItsFieldsBesideItsKindIsExplained() {
        assertErrors(script("      - socket: {name: s, type: stream}\n      - bind:\n        socket: s\n"),
                "t.yaml:10:9: a step has one key, its kind, but this one has 2: 'bind', 'socket';"
                        + " indent the step's fields under its kind, or write them as {socket: s, ...}");
    }

    @Test
    void aStepThatIsNotAMapShowsAnExample() {
        assertErrors(script("      - close\n      - bind: s\n"),
                "t.yaml:9:9: expected a step like '- bind: {socket: s, addr: 0.0.0.0:80}', got 'close'",
                "t.yaml:10:15: expected a map like {socket: s, addr: 0.0.0.0:80} for step 'bind', got 's'");
    }

    @Test
    void aSocketFamilyIsInetOrInet6WithADidYouMean() {
        assertErrors(script("      - socket: {name: s, type: stream, family: inet4}\n      - setsockopt: {socket: s, v6only: maybe}\n"),
                "t.yaml:9:49: 'family' must be inet (AF_INET) or inet6 (AF_INET6), got 'inet4'; did you mean 'inet'?",
                "t.yaml:10:41: expected true or false for 'v6only', got 'maybe'");
    }

    @Test
    void fieldsOfAStepAreChecked() {
        assertErrors(script("""
                      - socket: {name: s, type: tcp}
                      - listen: {socket: s, backlog: -1, queue: 5}
                      - shutdown: {socket: s, how: sideways}
                      - setsockopt: {socket: s}
                      - recv: {socket: s, max: 0, timeout: 5}
                """),
                "t.yaml:9:33: 'type' must be stream (TCP) or dgram (UDP), got 'tcp'",
                "t.yaml:10:38: 'backlog' must be at least 0, got -1",
                "t.yaml:10:42: unknown key 'queue' in step 'listen'; known keys: socket, backlog, expect_error, timeout, note",
                "t.yaml:11:36: 'how' must be read, write or both, got 'sideways'",
                "t.yaml:12:21: setsockopt needs 'reuseaddr', 'reuseport', 'nonblocking' or 'v6only'",
                "t.yaml:13:32: 'max' must be at least 1, got 0",
                "t.yaml:13:44: bad time '5': expected a number with a unit ns, us, ms or s");
    }

    @Test
    void sleepAndRepeatAreChecked() {
        assertErrors(script("""
                      - sleep: 10
                      - repeat: {times: 0, steps: [{sleep: 1ms}]}
                      - repeat: {times: often, steps: []}
                """),
                "t.yaml:9:16: bad time '10': expected a number with a unit ns, us, ms or s",
                "t.yaml:10:25: 'times' must be at least 1, got 0",
                "t.yaml:11:25: 'times' must be a whole number of at least 1, or forever, got 'often'",
                "t.yaml:11:39: 'steps' of a repeat is empty: give it at least one step");
    }

    @Test
    void gettingSocknameExpectsAnAddressWithAPortOrAStar() {
        assertErrors(script("      - socket: {name: s, type: stream}\n      - getsockname: {socket: s, expect: \"10.0.0.1\"}\n"),
                "t.yaml:10:42: 'expect' of getsockname must be ip:port (the port may be *), got '10.0.0.1'");
    }

    @Test
    void dataIsRequiredForSend() {
        assertErrors(script("      - socket: {name: s, type: stream}\n      - send: {socket: s}\n      - send: {socket: s, data: {bytes: -1}}\n"),
                "t.yaml:10:15: missing required key 'data' in step 'send'",
                "t.yaml:11:41: 'bytes' must be at least 0, got -1");
    }
}
