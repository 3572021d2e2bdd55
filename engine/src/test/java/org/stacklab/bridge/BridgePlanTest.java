package org.stacklab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stacklab.process.Step;
import org.stacklab.scenario.ScenarioLoader;

class BridgePlanTest {
    static final Environment ROOT = new Environment("Linux", "6.18", "amd64", "17", 0, true, 1024, 32768, 60999);
    static final Environment USER = new Environment("Linux", "6.18", "amd64", "17", 1000, false, 1024, 32768, 60999);

    static BridgePlan plan(String yaml, Environment env) throws Exception {
        return BridgePlan.of(ScenarioLoader.parse("t.yaml", yaml), env, AddressMap.DEFAULT_BASE);
    }

    static final String ECHO = """
            scenario: t
            hosts:
              - {name: server, ip: 10.0.0.1}
              - {name: client, count: 2, ip: 10.0.1.1}
            links:
              - {a: client, b: server, loss: 1%}
            processes:
              - name: echo
                host: server
                app: udp-echo-server
                args: {port: 7}
              - name: ping
                host: client
                app: udp-echo-client
                args: {to: 10.0.0.1:7, count: 2}
            """;

    @Test
    void groupMembersBecomeProcessesNamedAsTheSimulationNamesThem() throws Exception {
        BridgePlan p = plan(ECHO, ROOT);
        assertEquals(List.of("echo", "ping1", "ping2"), p.processes().stream().map(BridgePlan.Planned::name).toList());
        assertEquals(List.of("server", "client1", "client2"), p.processes().stream().map(BridgePlan.Planned::host).toList());
        assertEquals("127.0.0.2:7", p.processes().get(1).mapped().app().to().toString());
        assertEquals("10.0.0.1:7", p.processes().get(1).spec().app().to().toString()); // the program keeps the scenario's addresses
        assertEquals(Set.of(7), p.fixedPorts());
    }

    @Test
    void anIpv4ScenarioWithAnIpv6EndpointOrV6onlyIsSkippedWithItsReasonNotACrash() throws Exception {
        String yaml = """
                scenario: t
                hosts:
                  - {name: server, ip: 10.0.0.1}
                processes:
                  - name: s
                    host: server
                    steps:
                      - socket: {name: s, type: stream}
                      - %s
                """;
        assertTrue(plan(yaml.formatted("bind: {socket: s, addr: \"[::]:8080\", expect_error: EAFNOSUPPORT}"), ROOT).skip()
                .contains("uses the IPv6 endpoint [::]:8080"));
        assertTrue(plan(yaml.formatted("setsockopt: {socket: s, v6only: true, expect_error: ENOPROTOOPT}"), ROOT).skip()
                .contains("sets IPV6_V6ONLY on s"));
    }

    @Test
    void linksAndLossAreListedAsNotCompared() throws Exception {
        BridgePlan p = plan(ECHO, ROOT);
        assertTrue(p.notCompared().get(0).contains("1 lossy link"), p.notCompared().toString());
    }

    @Test
    void withoutPrivilegesAScenarioBindingALowPortIsSkippedNotFailed() throws Exception {
        assertNull(plan(ECHO, ROOT).skip());
        String why = plan(ECHO, USER).skip();
        assertNotNull(why);
        assertTrue(why.contains("port 7") && why.contains("skipped"), why);
    }

    @Test
    void aSimulatedUserWithoutPrivilegeBindingALowPortIsNotComparedWhenTheBridgeIsRoot() throws Exception {
        BridgePlan p = plan("""
                scenario: t
                hosts:
                  - {name: a, ip: 10.0.0.1}
                processes:
                  - name: p
                    host: a
                    user: alice
                    steps:
                      - socket: {name: s, type: dgram}
                      - bind: {socket: s, addr: 0.0.0.0:80, expect_error: EACCES}
                """, ROOT);
        assertTrue(p.exclusion("p", 10).contains("user alice"), p.exclusion("p", 10));
        assertTrue(p.notCompared().stream().anyMatch(n -> n.startsWith("users:")));
    }

    @Test
    void twoHostsSharingAPortWithAWildcardBindingAreWarnedAbout() throws Exception {
        BridgePlan p = plan("""
                scenario: t
                hosts:
                  - {name: a, ip: 10.0.0.1}
                  - {name: b, ip: 10.0.0.2}
                processes:
                  - name: p
                    host: a
                    steps:
                      - socket: {name: s, type: dgram}
                      - bind: {socket: s, addr: 0.0.0.0:5000}
                  - name: q
                    host: b
                    steps:
                      - socket: {name: s, type: dgram}
                      - bind: {socket: s, addr: 10.0.0.2:5000}
                """, ROOT);
        assertTrue(p.warnings().get(0).contains("udp:5000"), p.warnings().toString());
        assertNotNull(p.exclusion("q", 15));
        assertNotNull(p.exclusion("p", 10));
    }

    @Test
    void aConnectedUdpClientOfAWildcardServerIsWarnedAbout() throws Exception { // K4
        BridgePlan p = plan("""
                scenario: t
                hosts:
                  - {name: a, ip: 10.0.0.1}
                  - {name: b, ip: 10.0.0.2}
                processes:
                  - name: server
                    host: a
                    steps:
                      - socket: {name: s, type: dgram}
                      - bind: {socket: s, addr: 0.0.0.0:6000}
                  - name: client
                    host: b
                    steps:
                      - socket: {name: c, type: dgram}
                      - connect: {socket: c, addr: 10.0.0.1:6000}
                """, ROOT);
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("K4")), p.warnings().toString());
    }

    @Test
    void reuseportListenersOfOneUserFormAGroupAndTheirClientsAreKnown() throws Exception { // D3, D4
        BridgePlan p = plan("""
                scenario: t
                hosts:
                  - {name: a, ip: 10.0.0.1}
                  - {name: b, ip: 10.0.0.2}
                processes:
                  - name: w1
                    host: a
                    steps:
                      - socket: {name: s, type: dgram}
                      - setsockopt: {socket: s, reuseport: true}
                      - bind: {socket: s, addr: 10.0.0.1:6000}
                  - name: w2
                    host: a
                    steps:
                      - socket: {name: s, type: dgram}
                      - setsockopt: {socket: s, reuseport: true}
                      - bind: {socket: s, addr: 10.0.0.1:6000}
                  - name: lone
                    host: a
                    user: mallory
                    steps:
                      - socket: {name: s, type: dgram}
                      - setsockopt: {socket: s, reuseport: true}
                      - bind: {socket: s, addr: 10.0.0.1:6000, expect_error: EADDRINUSE}
                  - name: client
                    host: b
                    steps:
                      - socket: {name: c, type: dgram}
                      - sendto: {socket: c, to: 10.0.0.1:6000, data: "x"}
                """, ROOT);
        assertEquals("w1+w2", p.reuseportGroup("w1"));
        assertEquals("w1+w2", p.reuseportGroup("w2"));
        assertNull(p.reuseportGroup("lone")); // another user's socket is not in the group (D1, D3)
        assertEquals("w1+w2", p.servedByGroup("client"));
        assertNull(p.exclusion("w1", 11)); // root, like the bridge
        assertNotNull(p.exclusion("lone", 24)); // mallory: D1 cannot be reproduced
    }

    @Test
    void templatesAreLeftForRunTime() throws Exception {
        BridgePlan p = plan("""
                scenario: t
                hosts:
                  - {name: a, ip: 10.0.0.1}
                processes:
                  - name: p
                    host: a
                    steps:
                      - socket: {name: s, type: dgram}
                      - bind: {socket: s, addr: 10.0.0.1:5000}
                      - recvfrom: {socket: s, as: m}
                      - sendto: {socket: s, to: "${m.from}", data: "${m.data}"}
                """, ROOT);
        assertTrue(p.refusals().isEmpty());
        Step.SendTo st = (Step.SendTo) p.processes().get(0).mapped().steps().get(3);
        assertEquals("${m.from}", st.to());
        assertEquals("127.0.0.2:5000", ((Step.Bind) p.processes().get(0).mapped().steps().get(1)).addr());
    }
}
