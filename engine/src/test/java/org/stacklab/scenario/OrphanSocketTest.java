package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * A socket its process closed (or that the process's exit closed) while the connection still
 * finishes is an orphan: the kernel's, not the process's. Measured with ss -tanp on Linux 6.18 in a
 * fresh network namespace: after the server's close the FIN-WAIT-2 row has no users:(...), while an
 * established socket of the same process shows users:(("python3",pid=...,fd=5)). And an orphaned
 * FIN-WAIT-2 sends no keepalive probes: tcp_keepalive_timer hands it to tcp_fin_timeout first.
 */
class OrphanSocketTest {
    @Test
    void aClosedSocketThatStillFinishesBelongsToNoProcessAndSendsNoKeepalive() throws ScenarioException {
        List<TraceEvent> events = new ArrayList<>();
        Tracer t = new Tracer();
        t.add(events::add);
        World w = Assembler.assemble(ScenarioLoader.parse("o.yaml", """
                scenario: o
                until: 30s
                hosts:
                  - {name: a, ip: 10.0.0.2}
                  - {name: b, ip: 10.0.0.1}
                links: [[a, b]]
                processes:
                  - name: srv
                    host: b
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - accept: {socket: l, as: c}
                      - sleep: 60s
                  - name: cli
                    host: a
                    steps:
                      - socket: {name: s, type: stream}
                      - setsockopt: {socket: s, keepalive: true, keepidle: 5s, keepintvl: 1s, keepcnt: 3}
                      - connect: {socket: s, addr: 10.0.0.1:80}
                      - sleep: 1s
                      - exit
                """), t);
        ScenarioRun.run(w, -1);
        TraceEvent.SocketRow orphan = null;
        TraceEvent.SocketRow held = null;
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.SnapshotEvent s) {
                for (TraceEvent.SocketRow r : s.rows()) {
                    if (s.host().equals("a") && r.state().equals("FIN-WAIT-2")) {
                        orphan = r;
                    } else if (s.host().equals("b") && r.state().equals("CLOSE-WAIT")) {
                        held = r;
                    }
                }
            }
        }
        assertTrue(orphan != null && held != null, "the end snapshot shows both ends");
        assertNull(orphan.process(), "the exited client's FIN-WAIT-2 is the kernel's");
        assertEquals("srv", held.process(), "the server still holds its CLOSE-WAIT socket");
        long probes = events.stream().filter(e -> e instanceof TraceEvent.PacketEvent p
                && p.action() == TraceEvent.PacketAction.TX && p.host().equals("a") && p.time() > 2 * SimTime.S
                && p.packet().transport() instanceof TcpSegment s && s.flags() == TcpFlags.ACK && s.data().isEmpty()).count();
        assertEquals(0, probes, "no keepalive probe from an orphaned FIN-WAIT-2");
    }
}
