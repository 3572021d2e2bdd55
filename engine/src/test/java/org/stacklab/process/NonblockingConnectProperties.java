package org.stacklab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.ScenarioLoader;
import org.stacklab.scenario.World;
import org.stacklab.sim.SimTime;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.SocketError;
import org.stacklab.transport.tcp.TcpSocket;
import org.stacklab.transport.tcp.TcpState;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

/**
 * Random sequences of the second wave's calls on one TCP socket never leave it in a state Linux
 * cannot reach. The model is Linux's {@code sock->state} (SS_UNCONNECTED, SS_CONNECTING,
 * SS_CONNECTED) as {@code __inet_stream_connect} moves it, with the answers measured by
 * connect-edges.py (port-table.md R1): a non-blocking connect is always in progress, connected,
 * or failed with an errno Linux gives. poll's answer agrees with the TCP state as tcp_poll's does
 * (port-table.md P2), and connect(AF_UNSPEC) returns any state to unconnected (S3).
 */
class NonblockingConnectProperties {
    enum Action { CONNECT, CONNECT_WAITING, SLEEP_SHORT, SLEEP_LONG, SO_ERROR, BLOCKING, NONBLOCKING, SEND, PEER, POLL, UNSPEC }

    private enum Model { UNCONNECTED, CONNECTING, CONNECTED }

    /** What a failed handshake reports (RST: refused; SYN retries spent: timed out). */
    private static final Set<SocketError> HANDSHAKE = EnumSet.of(SocketError.ECONNREFUSED, SocketError.ETIMEDOUT);

    @Provide
    Arbitrary<List<Action>> actions() {
        return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<String> link() {
        return Arbitraries.of("{a: a, b: b}", "{a: a, b: b, loss: 100%}", "{a: a, b: b, loss: 50%}");
    }

    @Property(tries = 150)
    void aConnectIsInProgressConnectedOrFailedWithALinuxErrno(@ForAll("actions") List<Action> actions,
            @ForAll("link") String link, @ForAll boolean listening, @ForAll @LongRange(min = 1, max = 10_000) long seed)
            throws Exception {
        World w = Assembler.assemble(ScenarioLoader.parse("p.yaml", """
                scenario: p
                hosts:
                  - {name: a, ip: 10.0.0.1}
                  - {name: b, ip: 10.0.0.2}
                links: [%s]
                seed: %d
                """.formatted(link, seed)), Tracer.off());
        Endpoint peer = Endpoint.parse("10.0.0.2:80");
        if (listening) {
            TcpSocket l = TcpSocket.open(HostStack.of(w.network().host("b")), "srv", 0);
            assertEquals(null, l.bind(peer));
            assertEquals(null, l.listen(16));
        }
        SimSocketApi api = new SimSocketApi(HostStack.of(w.network().host("a")), "cli", "root");
        int fd = call(w, api, new Call.Open(Step.SockType.STREAM, true)).fd();
        TcpSocket s = (TcpSocket) api.socket(fd);
        Model m = Model.UNCONNECTED;
        boolean errorPending = false;
        boolean resetPending = false; // connect(AF_UNSPEC) of a connection leaves ECONNRESET in SO_ERROR (S3)
        boolean staleError = false; // ... and keeps a background handshake's error that nobody read
        for (Action a : actions) {
            switch (a) {
                case CONNECT, CONNECT_WAITING -> {
                    long timeout = a == Action.CONNECT ? -1 : 300 * SimTime.MS;
                    Outcome o = call(w, api, new Call.Connect(fd, peer, timeout));
                    if (resetPending && o.error() == SocketError.ECONNRESET) {
                        resetPending = false; // the reset is reported once
                        continue;
                    }
                    resetPending = false;
                    m = connected(m, o, s.nonblocking() || a == Action.CONNECT_WAITING);
                    errorPending = false;
                }
                case SLEEP_SHORT -> w.sim().runUntil(w.sim().now() + 20 * SimTime.MS);
                case SLEEP_LONG -> w.sim().runUntil(w.sim().now() + 40 * SimTime.S);
                case SO_ERROR -> {
                    String e = call(w, api, new Call.GetSockOpt(fd)).data().text();
                    assertTrue(e.equals("0") || (m == Model.CONNECTING && HANDSHAKE.contains(SocketError.byName(e)))
                            || (resetPending && e.equals("ECONNRESET"))
                            || (staleError && HANDSHAKE.contains(SocketError.byName(e))), e);
                    resetPending = false;
                    staleError = false;
                    errorPending |= !e.equals("0");
                }
                case BLOCKING, NONBLOCKING -> call(w, api, new Call.SetOpt(fd, null, null, a == Action.NONBLOCKING));
                case SEND -> {
                    Outcome o = call(w, api, new Call.Send(fd, Bytes.of("x")));
                    assertTrue(o.ok() || m != Model.CONNECTED || o.error() == SocketError.EPIPE
                            || o.error() == SocketError.ECONNRESET, () -> "send: " + o.error());
                    resetPending &= o.ok() || o.error() != SocketError.ECONNRESET;
                }
                case PEER -> {
                    Outcome o = call(w, api, new Call.GetPeerName(fd));
                    assertTrue(o.ok() == (m == Model.CONNECTED || (m == Model.CONNECTING && s.state().synchronizedState())),
                            () -> "getpeername " + o.error() + " in " + s.state());
                }
                case POLL -> {
                    // P2 (tcp_poll, measured): hup exactly when CLOSE; never in or out during the handshake;
                    // an established connection with room is writable.
                    Outcome o = call(w, api, new Call.Poll(List.of(new Call.PollFd(fd, "s",
                            org.stacklab.transport.Readiness.IN | org.stacklab.transport.Readiness.OUT)), 0));
                    int ev = o.ready().isEmpty() ? 0 : o.ready().get(0).events();
                    TcpState st = s.state();
                    assertEquals(st == TcpState.CLOSED, (ev & org.stacklab.transport.Readiness.HUP) != 0, () -> st + " " + ev);
                    if (st == TcpState.SYN_SENT || st == TcpState.SYN_RECEIVED) {
                        assertEquals(0, ev & (org.stacklab.transport.Readiness.IN | org.stacklab.transport.Readiness.OUT),
                                () -> "poll during the handshake: " + ev);
                    }
                    if (st == TcpState.ESTABLISHED) {
                        assertTrue((ev & org.stacklab.transport.Readiness.OUT) != 0, () -> "established: " + ev);
                    }
                }
                case UNSPEC -> {
                    // S3 (tcp_disconnect, measured): 0 in every state; the socket is unconnected and may connect again
                    boolean wasUp = s.state().synchronizedState() || s.state() == TcpState.SYN_SENT;
                    Outcome o = call(w, api, new Call.Connect(fd, null, -1));
                    assertTrue(o.ok(), () -> "connect(AF_UNSPEC): " + o.error());
                    assertEquals(TcpState.CLOSED, s.state());
                    resetPending |= wasUp; // tcp_disconnect sets sk_err = ECONNRESET; a second one keeps it
                    staleError |= m == Model.CONNECTING; // inet_stream_connect's AF_UNSPEC leaves sk_err alone
                    m = Model.UNCONNECTED;
                    errorPending = false;
                }
            }
            assertReachable(m, s.state(), errorPending);
        }
    }

    /** The model's step for a connect's answer; fails on an answer Linux never gives in that state. */
    private static Model connected(Model m, Outcome o, boolean mayReturnEarly) {
        SocketError e = o.error();
        switch (m) {
            case UNCONNECTED:
                if (e == SocketError.EINPROGRESS) {
                    assertTrue(mayReturnEarly, "EINPROGRESS from a blocking connect without a timeout");
                    return Model.CONNECTING;
                }
                assertTrue(e == null || HANDSHAKE.contains(e), () -> "first connect: " + e);
                return e == null ? Model.CONNECTED : Model.UNCONNECTED;
            case CONNECTING:
                if (e == SocketError.EALREADY) {
                    return Model.CONNECTING;
                }
                assertTrue(e == null || HANDSHAKE.contains(e) || e == SocketError.ECONNABORTED,
                        () -> "connect while connecting: " + e);
                return e == null ? Model.CONNECTED : Model.UNCONNECTED;
            default:
                assertEquals(SocketError.EISCONN, e);
                return Model.CONNECTED;
        }
    }

    /** The TCP states each of Linux's socket states can be in. */
    private static void assertReachable(Model m, TcpState st, boolean errorTaken) {
        switch (m) {
            case UNCONNECTED -> assertEquals(TcpState.CLOSED, st);
            case CONNECTING -> assertTrue(st == TcpState.SYN_SENT || st == TcpState.SYN_RECEIVED || st.synchronizedState()
                    || st == TcpState.CLOSED, st::toString); // in progress, up, or failed in the background
            default -> assertTrue(st != TcpState.LISTEN && st != TcpState.SYN_SENT, st::toString);
        }
    }

    /** Submits a call and runs the simulation until it completes (at most 200 s of simulated time). */
    private static Outcome call(World w, SimSocketApi api, Call c) {
        Outcome[] got = new Outcome[1];
        api.submit(c, o -> got[0] = o);
        long limit = w.sim().now() + 200 * SimTime.S;
        while (got[0] == null) {
            long next = w.sim().nextEventTime();
            if (next < 0 || next > limit) {
                break;
            }
            w.sim().step();
        }
        assertTrue(got[0] != null, () -> c + " never completed");
        return got[0];
    }
}
