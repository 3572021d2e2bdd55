package org.stacklab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioLoader;
import org.stacklab.wire.Ipv4Address;

/** The differential harness itself: a known sequence agrees, and its reproducing scenario loads. */
class DifferentialTest {
    static Differential.Op op(int proc, Differential.Kind k, int addr, int port) {
        return new Differential.Op(proc, k, 0, addr, port, false, false);
    }

    @Test
    void aDatagramSentToABoundPortIsReceivedInBothWorlds() throws Exception {
        List<Differential.Op> ops = List.of(
                op(2, Differential.Kind.SOCKET, 0, 0),
                op(2, Differential.Kind.BIND, 0, 0), // b1 binds 10.0.0.2:47002
                op(0, Differential.Kind.SOCKET, 0, 0),
                op(0, Differential.Kind.SENDTO, 0, 0), // a1 sends to 10.0.0.2:47002
                op(2, Differential.Kind.RECV, 0, 0),
                op(2, Differential.Kind.RECV, 0, 0));
        Differential d = new Differential(false);
        Differential.Verdict v;
        try (SocketWorld sim = new SimulatedWorld(1); SocketWorld real = new LoopbackWorld(Ipv4Address.parse("127.0.46.2"))) {
            v = d.run(ops, sim, real);
        }
        assertNull(v.difference());
        assertNull(v.discarded());
        assertEquals(List.of("socket ok", "bind ok", "socket ok", "sendto ok", "recv ok", "recv EAGAIN"), d.outcomes);
        Scenario sc = ScenarioLoader.parse("repro.yaml", v.yaml());
        assertEquals(2, sc.processes().size());
        assertTrue(v.yaml().contains("recvfrom: {socket: s1, timeout: 20ms, expect: \"m3\"}"), v.yaml());
    }
}
