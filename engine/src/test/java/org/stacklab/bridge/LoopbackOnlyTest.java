package org.stacklab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioLoader;
import org.stacklab.wire.Endpoint;

/**
 * The hard rule: nothing but 127.0.0.0/8. A scenario naming an address of no host is refused
 * before anything runs; every call that sends checks its destination again. These tests never
 * open a socket toward another address: they check the refusals themselves.
 */
class LoopbackOnlyTest {
    static final String YAML = """
            scenario: leaves
            hosts:
              - {name: a, ip: 10.0.0.1}
            processes:
              - name: p
                host: a
                steps:
                  - socket: {name: u, type: dgram}
                  - sendto: {socket: u, to: 8.8.8.8:53, data: "x"}
              - name: q
                host: a
                app: udp-echo-client
                args: {to: 203.0.113.9:7, count: 1}
            """;

    @Test
    void everyAddressOfNoHostIsRefusedWithItsPosition() throws Exception {
        Scenario sc = ScenarioLoader.parse("leaves.yaml", YAML);
        BridgePlan plan = BridgePlan.of(sc, Environment.detect(), AddressMap.DEFAULT_BASE);
        assertEquals(2, plan.refusals().size());
        String first = plan.refusals().get(0).toString();
        assertTrue(first.startsWith("leaves.yaml:9:"), first);
        assertTrue(first.contains("8.8.8.8 belongs to no host"), first);
        assertTrue(plan.refusals().get(1).toString().contains("203.0.113.9"));
    }

    @Test
    void aRefusedScenarioRunsNothing() throws Exception {
        Scenario sc = ScenarioLoader.parse("leaves.yaml", YAML);
        assertThrows(Bridge.Refused.class, () -> Bridge.run(sc, Bridge.Options.DEFAULT, Environment.detect()));
    }

    @Test
    void aDestinationOutsideLoopbackIsRefusedAtTheCallToo() {
        assertNull(SocketNotes.destination(Endpoint.parse("10.0.0.1:7")));
        assertNull(SocketNotes.destination(Endpoint.parse("192.0.2.1:7")));
        assertNull(SocketNotes.destination(Endpoint.parse("255.255.255.255:7")));
        assertEquals(Endpoint.parse("127.0.0.3:7"), SocketNotes.destination(Endpoint.parse("127.0.0.3:7")));
        // The wildcard as a destination means this machine (Linux; Java rewrites it too, N8).
        assertEquals(Endpoint.parse("127.0.0.1:7"), SocketNotes.destination(Endpoint.parse("0.0.0.0:7")));
    }
}
