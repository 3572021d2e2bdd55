package org.stacklab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.net.DropReason;
import org.stacklab.net.Host;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.ScenarioLoader;
import org.stacklab.scenario.World;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.SocketError;
import org.stacklab.transport.tcp.TcpSocket;
import org.stacklab.transport.tcp.TcpState;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * Rule S7 of docs/port-table.md (tcp_keepalive_timer, tcp(7)): with SO_KEEPALIVE and TCP_KEEPIDLE 10 s,
 * TCP_KEEPINTVL 2 s, TCP_KEEPCNT 3 an idle connection sends a probe after 10 s: an ACK without data
 * whose sequence number is one below SND.UNA, which the peer answers with an ACK; a peer that has
 * gone silent gets 3 probes 2 s apart and then the connection is reset and fails with ETIMEDOUT
 * (at 10 + 3 * 2 = 16 s of silence).
 */
class KeepaliveTest {
    private final List<TraceEvent> events = new ArrayList<>();

    private World world() throws Exception {
        Tracer t = new Tracer();
        t.add(events::add);
        return Assembler.assemble(ScenarioLoader.parse("k.yaml", """
                scenario: k
                hosts:
                  - {name: a, ip: 10.0.0.1}
                  - {name: b, ip: 10.0.0.2}
                links: [{a: a, b: b}]
                """), t);
    }

    private static Outcome call(World w, SimSocketApi api, Call c, long within) {
        Outcome[] got = new Outcome[1];
        api.submit(c, o -> got[0] = o);
        long limit = w.sim().now() + within;
        while (got[0] == null && w.sim().nextEventTime() >= 0 && w.sim().nextEventTime() <= limit) {
            w.sim().step();
        }
        return got[0];
    }

    private int connected(World w, SimSocketApi api) {
        TcpSocket l = TcpSocket.open(HostStack.of(w.network().host("b")), "srv", 0);
        l.bind(Endpoint.parse("10.0.0.2:80"));
        l.listen(16);
        int fd = call(w, api, new Call.Open(Step.SockType.STREAM), SimTime.S).fd();
        call(w, api, new Call.SetOpt(fd, null, null, null, null,
                new Step.Opts(null, null, null, null, true, 10 * SimTime.S, 2 * SimTime.S, 3)), SimTime.S);
        assertTrue(call(w, api, new Call.Connect(fd, Endpoint.parse("10.0.0.2:80"), -1), SimTime.S).ok());
        return fd;
    }

    private List<TcpSegment> probes() {
        return events.stream().filter(e -> e instanceof TraceEvent.PacketEvent p && p.action() == TraceEvent.PacketAction.TX
                && p.host().equals("a") && p.packet().transport() instanceof TcpSegment s && s.flags() == TcpFlags.ACK
                && s.data().isEmpty() && p.time() > SimTime.S).map(e -> (TcpSegment) ((TraceEvent.PacketEvent) e).packet().transport())
                .toList();
    }

    @Test
    void anAnsweredProbeKeepsTheConnectionAndComesEveryIdlePeriod() throws Exception {
        World w = world();
        SimSocketApi api = new SimSocketApi(HostStack.of(w.network().host("a")), "cli", "root");
        int fd = connected(w, api);
        TcpSocket s = (TcpSocket) api.socket(fd);
        w.sim().runUntil(w.sim().now() + 35 * SimTime.S);
        assertEquals(TcpState.ESTABLISHED, s.state());
        List<TcpSegment> p = probes();
        assertEquals(3, p.size(), "a probe at 10, 20 and 30 s of idleness");
        assertEquals(p.get(0).seq(), p.get(1).seq(), "every probe has the same sequence number");
        long iss = events.stream().filter(e -> e instanceof TraceEvent.PacketEvent pe && pe.host().equals("a")
                && pe.packet().transport() instanceof TcpSegment t && t.flags() == TcpFlags.SYN)
                .map(e -> ((TcpSegment) ((TraceEvent.PacketEvent) e).packet().transport()).seq()).findFirst().orElseThrow();
        assertEquals(iss, p.get(0).seq(), "no data was sent: SND.UNA - 1 is the SYN's own sequence number");
    }

    @Test
    void aSilentPeerGetsKeepcntProbesThenEtimedout() throws Exception {
        World w = world();
        SimSocketApi api = new SimSocketApi(HostStack.of(w.network().host("a")), "cli", "root");
        int fd = connected(w, api);
        long up = w.sim().now(); // the SYN-ACK, the last segment a hears
        w.sim().runUntil(up + 100 * SimTime.MS); // the handshake's last ACK reaches b
        Host b = w.network().host("b");
        b.register(Protocol.TCP, (h, pkt) -> h.drop(pkt, DropReason.values()[0], "the test silences b")); // b vanishes
        Outcome o = call(w, api, new Call.Recv(fd, 100, -1), 60 * SimTime.S);
        assertEquals(SocketError.ETIMEDOUT, o.error());
        assertEquals(up + 16 * SimTime.S, w.sim().now(), "10 s idle, then 3 probes 2 s apart, then give up");
        assertEquals(3, probes().size());
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.PacketEvent p && p.host().equals("a")
                && p.action() == TraceEvent.PacketAction.TX && p.packet().transport() instanceof TcpSegment t
                && t.has(TcpFlags.RST)), "the connection is reset");
    }
}
