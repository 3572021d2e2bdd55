package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stacklab.scenario.Loading.BASE;
import static org.stacklab.scenario.Loading.assertErrors;
import static org.stacklab.scenario.Loading.ok;

import org.junit.jupiter.api.Test;
import org.stacklab.wire.Endpoint;

class ProcessValidationTest {
    private static final String SCRIPT = "steps: [{sleep: 1ms}]";

    @Test
    void aProcessDefaultsToRootAtTimeZero() {
        ProcessSpec p = ok(BASE + "processes:\n  - {name: p, host: web, " + SCRIPT + "}\n").processes().get(0);
        assertEquals("root", p.user());
        assertEquals(0, p.startNs());
        assertEquals(new Pos(6, 5), p.pos());
    }

    @Test
    void aProcessMayRunOnAGroupOrOnOneMember() {
        Scenario s = ok(BASE + "processes:\n  - {name: p, host: client, " + SCRIPT + "}\n  - {name: q, host: client2, user: bob, start: 5ms, "
                + SCRIPT + "}\n");
        assertEquals("client", s.processes().get(0).host());
        assertEquals("bob", s.processes().get(1).user());
        assertEquals(5_000_000, s.processes().get(1).startNs());
    }

    @Test
    void anUnknownHostSuggestsTheClosestName() {
        assertErrors(BASE + "processes:\n  - {name: p, host: clinet, " + SCRIPT + "}\n",
                "t.yaml:6:21: unknown host 'clinet'; did you mean 'client'?");
    }

    @Test
    void aProcessNeedsANameAndAHost() {
        assertErrors(BASE + "processes:\n  - {" + SCRIPT + "}\n",
                "t.yaml:6:5: missing required key 'host' in process",
                "t.yaml:6:5: missing required key 'name' in process");
    }

    @Test
    void aDuplicateProcessNameIsReported() {
        assertErrors(BASE + "processes:\n  - {name: p, host: web, " + SCRIPT + "}\n  - {name: p, host: web, " + SCRIPT + "}\n",
                "t.yaml:7:12: duplicate process name 'p' (first at line 6)");
    }

    @Test
    void aProcessOnAGroupNamesOneProcessPerMember() {
        assertErrors(BASE + "processes:\n  - {name: ping, host: client, " + SCRIPT + "}\n  - {name: ping3, host: web, "
                + SCRIPT + "}\n",
                "t.yaml:7:12: process name 'ping3' is taken by group 'ping' (line 6), whose members are ping1 .. ping3");
    }

    @Test
    void aProcessNameBeyondTheGroupIsFree() {
        ok(BASE + "processes:\n  - {name: ping, host: client, " + SCRIPT + "}\n  - {name: ping4, host: web, " + SCRIPT + "}\n");
    }

    @Test
    void aNegativeStartIsRefused() {
        assertErrors(BASE + "processes:\n  - {name: p, host: web, start: -1ms, " + SCRIPT + "}\n",
                "t.yaml:6:33: bad time '-1ms': a time cannot be negative");
    }

    @Test
    void stepsAndAppTogetherAreRefused() {
        assertErrors(BASE + "processes:\n  - {name: p, host: web, app: tcp-sink, args: {port: 9}, " + SCRIPT + "}\n",
                "t.yaml:6:26: process 'p' has both 'steps' and 'app'; give one of them");
    }

    @Test
    void aProcessWithNothingToRunIsRefused() {
        assertErrors(BASE + "processes:\n  - {name: p, host: web}\n",
                "t.yaml:6:5: process 'p' needs 'steps' (a script) or 'app' (a built-in program)");
    }

    @Test
    void argsWithoutAnAppAreRefused() {
        assertErrors(BASE + "processes:\n  - {name: p, host: web, args: {port: 9}, " + SCRIPT + "}\n",
                "t.yaml:6:26: 'args' goes with 'app'; process 'p' has no 'app'");
    }

    @Test
    void anUnknownAppSuggestsTheClosestOne() {
        assertErrors(BASE + "processes:\n  - {name: p, host: web, app: tcp-snk}\n  - {name: q, host: web, app: ftp}\n",
                "t.yaml:6:31: unknown app 'tcp-snk'; did you mean 'tcp-sink'?",
                "t.yaml:7:31: unknown app 'ftp'; apps are: udp-echo-server, udp-echo-client, tcp-echo-server,"
                        + " tcp-bulk-send, tcp-sink, http-server, http-client");
    }

    @Test
    void anArgumentTheAppDoesNotTakeIsRefused() {
        assertErrors(BASE + "processes:\n  - name: p\n    host: web\n    app: udp-echo-server\n    args: {port: 7, count: 3, prot: 8}\n",
                "t.yaml:9:21: app 'udp-echo-server' does not take 'count'; it takes: port",
                "t.yaml:9:31: app 'udp-echo-server' does not take 'prot'; did you mean 'port'?");
    }

    @Test
    void aServerNeedsAPortAndAClientADestination() {
        assertErrors(BASE + "processes:\n  - {name: p, host: web, app: tcp-sink}\n  - {name: q, host: web, app: http-client, args: {path: /x}}\n",
                "t.yaml:6:31: app 'tcp-sink' needs 'port' in its args",
                "t.yaml:7:31: app 'http-client' needs 'to' (ip:port) in its args");
    }

    @Test
    void appArgumentsAreChecked() {
        assertErrors(BASE + "processes:\n  - name: p\n    host: web\n    app: udp-echo-client\n"
                + "    args: {to: 10.0.0.1:70000, count: 0, interval: 1, size: 70000}\n",
                "t.yaml:9:16: port 70000 is out of range 0-65535 in '10.0.0.1:70000'",
                "t.yaml:9:39: 'count' must be at least 1, got 0",
                "t.yaml:9:52: bad time '1': expected a number with a unit ns, us, ms or s",
                "t.yaml:9:61: 'size' must be between 0 and 65507, got 70000");
    }

    @Test
    void appDefaultsFillWhatIsNotGiven() {
        Scenario s = ok(BASE + "processes:\n  - {name: p, host: web, app: tcp-bulk-send, args: {to: 10.0.0.1:9}}\n"
                + "  - {name: h, host: web, app: http-server, args: {port: 80}}\n");
        AppSpec bulk = s.processes().get(0).app();
        assertEquals(Endpoint.parse("10.0.0.1:9"), bulk.to());
        assertEquals(65536, bulk.bytes());
        AppSpec http = s.processes().get(1).app();
        assertEquals(80, http.port());
        assertEquals("hello", http.body());
        assertEquals("/", http.path());
    }
}
