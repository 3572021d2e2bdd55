package org.stacklab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.process.Steps.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.net.DropReason;
import org.stacklab.net.Host;
import org.stacklab.process.app.UdpEchoClient;
import org.stacklab.process.app.UdpEchoServer;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Endpoint;

class UdpScriptTest {
    @Test
    void twentyClientsBehindARouterGetEveryEcho() {
        Lab lab = new Lab(7);
        Host server = lab.host("server", "192.168.0.2", false);
        Host router = lab.host("router", "192.168.0.1", true);
        lab.link(router, server);
        lab.process("echo", server, "root", 0, new UdpEchoServer(7));
        for (int i = 1; i <= 20; i++) {
            Host c = lab.host("client" + i, "10.0.0." + i, false);
            lab.link(c, router);
            lab.process("ping" + i, c, "root", SimTime.S, new UdpEchoClient(Endpoint.parse("192.168.0.2:7"), 10, SimTime.MS, 512));
        }
        lab.sim.run();
        for (VirtualProcess p : lab.procs) {
            if (p.name().startsWith("ping")) {
                assertTrue(p.finished(), p.name());
                assertEquals(5120, p.receivedBytes(), p.name());
            }
        }
        assertEquals(400, lab.net.stats().sent());
        assertEquals(400, lab.net.stats().deliveredCount());
        assertEquals(0, lab.net.stats().inFlight());
        // each datagram crosses the router: 200 requests and 200 echoes
        assertEquals(400, lab.net.stats().forwardedCount());
    }

    @Test
    void echoViaTemplatesReturnsTheDataToTheSender() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        Host b = lab.host("b", "10.0.0.2", false);
        lab.link(a, b);
        lab.script("srv", b, 0, udp("s"), bind("s", "0.0.0.0:7"), recvfrom("s", "m"),
                new Step.SendTo(C, "s", "${m.from}", Step.Data.text("echo:${m.data}")));
        VirtualProcess cli = lab.script("cli", a, SimTime.MS, udp("c"), bind("c", "10.0.0.1:5678"),
                sendto("c", "10.0.0.2:7", "hello"), recv("c", "echo:hello"));
        lab.sim.run();
        assertTrue(cli.finished(), String.valueOf(cli.failure()));
        assertEquals("echo:hello", cli.receivedText());
    }

    @Test
    void datagramToAClosedPortIsDroppedAndAnsweredWithIcmp() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        Host b = lab.host("b", "10.0.0.2", false);
        lab.link(a, b);
        lab.script("cli", a, 0, udp("c"), sendto("c", "10.0.0.2:9", "anyone?"));
        lab.sim.run();
        assertEquals(1, lab.net.stats().dropped(DropReason.PORT_UNREACHABLE));
        TraceEvent.PacketEvent icmp = lab.events.stream()
                .filter(e -> e instanceof TraceEvent.PacketEvent p && p.action() == TraceEvent.PacketAction.DELIVER
                        && p.host().equals("a"))
                .map(e -> (TraceEvent.PacketEvent) e).findFirst().orElseThrow();
        assertEquals("icmp-error", icmp.delivery().rule());
    }

    @Test
    void onlyAConnectedSocketHearsPortUnreachable() {
        // docs/port-table.md K3: connected -> ECONNREFUSED on the next call; unconnected -> nothing (a timeout).
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        Host b = lab.host("b", "10.0.0.2", false);
        lab.link(a, b);
        lab.script("connected", a, 0, udp("c"), connect("c", "10.0.0.2:9"), send("c", "one"),
                sleep(10 * SimTime.MS), send("c", "two", SocketError.ECONNREFUSED), send("c", "three"));
        lab.script("unconnected", a, 0, udp("u"), sendto("u", "10.0.0.2:9", "one"),
                recv(new Step.Common(0, SocketError.EAGAIN, 50 * SimTime.MS, null), "u"));
        lab.sim.run();
        assertEquals(List.of("ok", "ok", "ok", "ECONNREFUSED", "ok"), lab.results("connected"));
        assertEquals(List.of("ok", "ok", "EAGAIN"), lab.results("unconnected"));
        assertTrue(lab.procs.get(0).finished());
        assertTrue(lab.procs.get(1).finished());
    }

    @Test
    void blockedRecvReturnsEconnrefusedWhenTheIcmpArrives() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        Host b = lab.host("b", "10.0.0.2", false);
        lab.link(a, b);
        lab.script("c", a, 0, udp("c"), connect("c", "10.0.0.2:9"), send("c", "x"),
                recv(Steps.expecting(SocketError.ECONNREFUSED), "c"));
        lab.sim.run();
        assertEquals(List.of("ok", "ok", "ok", "ECONNREFUSED"), lab.results("c"));
        // out: 29-byte datagram (232 ns at 1 Gbps) + 1 ms; back: 56-byte ICMP quoting 28 bytes (448 ns) + 1 ms
        assertEquals(2 * SimTime.MS + 232 + 448, lab.sim.now());
    }

    @Test
    void secondBindOnTheSamePortFailsWithEaddrinuse() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        lab.script("first", a, 0, udp("s"), bind("s", "0.0.0.0:53"));
        lab.script("second", a, SimTime.MS, udp("s"), bind("s", "10.0.0.1:53", SocketError.EADDRINUSE));
        lab.script("third", a, SimTime.MS, udp("s"), bind("s", "10.0.0.9:5000", SocketError.EADDRNOTAVAIL));
        lab.sim.run();
        assertEquals(List.of("ok", "EADDRINUSE"), lab.results("second"));
        assertEquals(List.of("ok", "EADDRNOTAVAIL"), lab.results("third"));
    }

    @Test
    void unexpectedErrorStopsTheProcessAndNamesStepAndTime() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        lab.script("first", a, 0, udp("s"), bind("s", "0.0.0.0:53"));
        VirtualProcess p = lab.script("second", a, 5 * SimTime.MS, udp("s"), bind("s", "0.0.0.0:53"), close("s"));
        lab.sim.run();
        assertEquals(VirtualProcess.Status.FAILED, p.status());
        assertEquals("bind (line 0) at 0.005000000s: unexpected EADDRINUSE (Address already in use)", p.failure());
        assertEquals(List.of("ok", "EADDRINUSE"), lab.results("second"));
    }

    @Test
    void unprivilegedUserCannotBindBelow1024() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        lab.process("alice", a, "alice", 0, new ScriptRunner(List.of(udp("s"), bind("s", "0.0.0.0:80", SocketError.EACCES),
                bind("s", "0.0.0.0:8080"))));
        lab.sim.run();
        assertEquals(List.of("ok", "EACCES", "ok"), lab.results("alice"));
    }

    @Test
    void recvTimeoutFailsWithEagainAtTheRightTime() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        lab.script("p", a, 0, udp("s"), bind("s", "0.0.0.0:9000"),
                recv(new Step.Common(0, SocketError.EAGAIN, 500 * SimTime.MS, null), "s"));
        lab.sim.run();
        assertEquals(List.of("ok", "ok", "EAGAIN"), lab.results("p"));
        assertEquals(500 * SimTime.MS, lab.sim.now());
    }

    @Test
    void repeatRunsItsBlockTheGivenNumberOfTimes() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        Host b = lab.host("b", "10.0.0.2", false);
        lab.link(a, b);
        VirtualProcess srv = lab.script("srv", b, 0, udp("s"), bind("s", "0.0.0.0:7"), repeat(3, recvfrom("s", "m")));
        lab.script("cli", a, 0, udp("c"), repeat(3, sendto("c", "10.0.0.2:7", "abc"), sleep(SimTime.MS)));
        lab.sim.run();
        assertTrue(srv.finished());
        assertEquals(9, srv.receivedBytes());
    }

    @Test
    void aLoopThatNeverBlocksFailsInsteadOfHanging() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        VirtualProcess p = lab.script("spin", a, 0, udp("s"), repeat(-1, new Step.GetSockName(C, "s", null)));
        lab.sim.run();
        assertEquals(VirtualProcess.Status.FAILED, p.status());
        assertTrue(p.failure().contains("without simulated time passing"), p.failure());
    }

    @Test
    void closedSocketNameGivesEbadf() {
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        lab.script("p", a, 0, udp("s"), close("s"), new Step.Bind(expecting(SocketError.EBADF), "s", "0.0.0.0:1234"));
        lab.sim.run();
        assertEquals(List.of("ok", "ok", "EBADF"), lab.results("p"));
    }

    @Test
    void unboundSendtoGetsAnEphemeralPortFromTheRange() {
        Lab lab = new Lab(5);
        Host a = lab.host("a", "10.0.0.1", false);
        Host b = lab.host("b", "10.0.0.2", false);
        lab.link(a, b);
        lab.script("p", a, 0, udp("s"), sendto("s", "10.0.0.2:7", "x"));
        lab.sim.run();
        TraceEvent.BindEvent bind = lab.events.stream().filter(e -> e instanceof TraceEvent.BindEvent)
                .map(e -> (TraceEvent.BindEvent) e).findFirst().orElseThrow();
        assertTrue(bind.auto());
        assertTrue(bind.local().port() >= 32768 && bind.local().port() <= 60999, bind.local().toString());
    }

    @Test
    void aLoopbackBoundSocketCannotSendOffTheHost() {
        // Linux: a 127.0.0.0/8 source never leaves the host; __mkroute_output answers EINVAL.
        Lab lab = new Lab(1);
        Host a = lab.host("a", "10.0.0.1", false);
        Host b = lab.host("b", "10.0.0.2", false);
        lab.link(a, b);
        lab.script("p", a, 0, udp("s"), bind("s", "127.0.0.1:4000"),
                new Step.SendTo(expecting(SocketError.EINVAL), "s", "10.0.0.2:7", Step.Data.text("x")),
                sendto("s", "127.0.0.1:4000", "to myself"));
        lab.sim.run();
        assertEquals(List.of("ok", "ok", "EINVAL", "ok"), lab.results("p"));
        assertEquals(1, lab.net.stats().sent());
    }
}
