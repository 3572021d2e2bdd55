package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.trace.Tracer;

/**
 * Dual-stack scenarios written to the contract (SCENARIO-FORMAT "IPv6 and dual stack"), run end to end:
 * each step's expect_error and expect is what dual-stack.py measured on Linux 6.18 (docs/port-table.md M4-M14).
 */
class DualStackScenarioTest {
    private static final String HEAD = """
            scenario: t
            seed: 1
            %s
            hosts:
              - {name: h, ips: [10.0.0.1, "2001:db8::1"]}
              - {name: p, ips: [10.0.0.9, "2001:db8::9"]}
            links:
              - [h, p]
            processes:
              - name: a
                host: h
                steps:
            """;

    private static RunResult run(String defaults, String steps) throws Exception {
        Scenario sc = ScenarioLoader.parse("t.yaml", HEAD.formatted(defaults) + steps);
        RunResult r = ScenarioRun.run(Assembler.assemble(sc, Tracer.off()), -1);
        assertTrue(r.allHeld(), r.checks().toString());
        return r;
    }

    @Test
    void bindv6onlyTrueLetsBracketAnyAndZeroShareAPortUnlessV6onlyIsTurnedOff() throws Exception {
        // M6: with net.ipv6.bindv6only=1 a new AF_INET6 socket reads V6ONLY=1 (measured: 1)
        run("defaults: {bindv6only: true}", """
                      - socket: {name: s, type: stream, family: inet6}
                      - bind: {socket: s, addr: "[::]:80"}
                      - socket: {name: t, type: stream}
                      - bind: {socket: t, addr: 0.0.0.0:80}
                      - socket: {name: u, type: dgram, family: inet6}
                      - setsockopt: {socket: u, v6only: false}
                      - bind: {socket: u, addr: "[::]:53"}
                      - socket: {name: v, type: dgram}
                      - bind: {socket: v, addr: 0.0.0.0:53, expect_error: EADDRINUSE}
                """);
    }

    @Test
    void familyErrorsAsLinuxGivesThem() throws Exception {
        run("", """
                      - socket: {name: s, type: stream}
                      - bind: {socket: s, addr: "[::]:80", expect_error: EAFNOSUPPORT}
                      - setsockopt: {socket: s, v6only: true, expect_error: ENOPROTOOPT}
                      - socket: {name: t, type: dgram, family: inet6}
                      - setsockopt: {socket: t, v6only: true}
                      - bind: {socket: t, addr: "[::ffff:10.0.0.1]:53", expect_error: EINVAL}
                      - sendto: {socket: t, to: "10.0.0.9:53", data: "x", expect_error: ENETUNREACH}
                      - getsockname: {socket: t, expect: "[::]:*", note: "M7: the failed sendto has autobound it"}
                      - socket: {name: u, type: stream, family: inet6}
                      - bind: {socket: u, addr: "[2001:db8::7]:80", expect_error: EADDRNOTAVAIL}
                      - bind: {socket: u, addr: "[::ffff:10.0.0.1]:81"}
                      - connect: {socket: u, addr: "[2001:db8::9]:80", expect_error: EAFNOSUPPORT}
                """);
    }

    @Test
    void aDualStackUdpSocketHearsIpv4AsV4MappedAndAnswersInIpv4() throws Exception {
        // M10: recvfrom reports [::ffff:10.0.0.9]:Q; sendto back reaches the AF_INET client from 10.0.0.1
        String steps = """
                      - socket: {name: u, type: dgram, family: inet6}
                      - bind: {socket: u, addr: "[::]:7"}
                      - recvfrom: {socket: u, as: m}
                      - sendto: {socket: u, to: "${m.from}", data: "echo"}
                      - recvfrom: {socket: u, as: n}
                      - sendto: {socket: u, to: "${n.from}", data: "echo6"}
                      - connect: {socket: u, addr: "${m.from}"}
                      - getpeername: {socket: u, expect: "[::ffff:10.0.0.9]:*"}
                      - getsockname: {socket: u, expect: "[::ffff:10.0.0.1]:7", note: "B5, M10: the IPv4 source, v4-mapped"}
                  - name: c4
                    host: p
                    start: 1ms
                    steps:
                      - socket: {name: c, type: dgram}
                      - sendto: {socket: c, to: 10.0.0.1:7, data: "x"}
                      - recv: {socket: c, expect: "echo"}
                  - name: c6
                    host: p
                    start: 5ms
                    steps:
                      - socket: {name: c, type: dgram, family: inet6}
                      - sendto: {socket: c, to: "[2001:db8::1]:7", data: "y"}
                      - recv: {socket: c, expect: "echo6"}
                expect:
                  - {process: "c*", finished: true}
                  - {process: a, finished: true}
                """;
        run("", steps);
    }
}
