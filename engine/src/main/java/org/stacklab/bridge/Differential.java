package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.process.Call;
import org.stacklab.process.Step;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * A differential run: one sequence of socket calls made in two {@link SocketWorld}s, one call
 * at a time with the worlds settling in between, outcomes compared call by call. A difference is
 * returned with a scenario (YAML) that reproduces the sequence, each step expecting what the real
 * kernel did.
 *
 * <p>Processes a1 and a2 run on host a (10.0.0.1), b1 on host b (10.0.0.2). Host a binds
 * 0.0.0.0, 10.0.0.1 or 127.0.0.1 on ports 47000, 47001 or an ephemeral one; host b binds only its
 * own address, on 47002, 47003 or an ephemeral port, so that no binding of one host can overlap
 * the other's on one machine. Calls the one-machine mapping or Java cannot reproduce are skipped
 * in both worlds: sending or connecting from a socket bound to 0.0.0.0 (the kernel sources it
 * from 127.0.0.1, H2) or from a socket bound to 127.0.0.1 to the other host (a real network does
 * not carry a loopback source, one machine does), and a TCP socket connecting to itself. (Sendto
 * another address on a connected datagram socket and connecting it again are compared since the
 * real side calls libc: Java's channels refused both.)
 */
public final class Differential {
    static final String[] PROCS = {"a1", "a2", "b1"};
    static final String[] HOST_OF = {"a", "a", "b"};
    static final long MS = 1_000_000L;
    static final long RECV_TIMEOUT = 20 * MS;
    static final long CONNECT_TIMEOUT = 200 * MS;
    /** Simulated time between two calls in the reproducing scenario. */
    static final long SLOT = 50 * MS;

    public enum Kind {
        SOCKET, SETOPT, BIND, LISTEN, CONNECT, SEND, SENDTO, RECV, CLOSE
    }

    /** One generated call: which process, what, on which of its sockets, with which address, port and flags. */
    public record Op(int proc, Kind kind, int sock, int addr, int port, boolean flag, boolean flag2) {
        @Override
        public String toString() {
            return PROCS[proc] + " " + kind.name().toLowerCase() + "(sock " + sock + ", addr " + addr + ", port " + port
                    + ", " + flag + ", " + flag2 + ")";
        }
    }

    /** What came of a run: null difference when the worlds agreed; {@code discarded} when a Java limit made them differ. */
    public record Verdict(String difference, String discarded, String yaml, int compared) {}

    private static final class Sock {
        final String name;
        final Step.SockType type;
        int simFd;
        int realFd;
        boolean wildcard;
        /** Bound by bind, or by the kernel at a sendto or connect. */
        boolean hasPort;
        Endpoint bound;
        Endpoint peer;

        Sock(String name, Step.SockType type) {
            this.name = name;
            this.type = type;
        }
    }

    /** A step made, for the reproducing scenario. */
    private record Made(int proc, int index, String yaml, SocketWorld.Result sim, SocketWorld.Result real, boolean waited) {}

    /** Each compared call's kind and result, e.g. "bind EADDRINUSE", for the property's statistics. */
    public final List<String> outcomes = new ArrayList<>();
    private final boolean tcp;
    private final List<List<Sock>> socks = new ArrayList<>();
    private final List<Made> made = new ArrayList<>();

    public Differential(boolean tcp) {
        this.tcp = tcp;
        for (int i = 0; i < PROCS.length; i++) {
            socks.add(new ArrayList<>());
        }
    }

    /** Runs {@code ops} in both worlds (which the caller closes). */
    public Verdict run(List<Op> ops, SocketWorld sim, SocketWorld real) {
        SocketWorld.Proc[] s = new SocketWorld.Proc[PROCS.length];
        SocketWorld.Proc[] r = new SocketWorld.Proc[PROCS.length];
        for (int i = 0; i < PROCS.length; i++) {
            s[i] = sim.process(HOST_OF[i]);
            r[i] = real.process(HOST_OF[i]);
        }
        int compared = 0;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            List<Sock> mine = socks.get(op.proc());
            if (mine.isEmpty() && op.kind() != Kind.SOCKET) {
                op = new Op(op.proc(), Kind.SOCKET, op.sock(), op.addr(), op.port(), op.flag(), op.flag2()); // a process starts with a socket
            }
            Sock sock = op.kind() == Kind.SOCKET ? null : pick(mine, op);
            Plan p = plan(i, op, sock);
            if (p == null) {
                continue;
            }
            SocketWorld.Result a = s[op.proc()].call(p.call(sock, true));
            SocketWorld.Result b = r[op.proc()].call(p.call(sock, false));
            made.add(new Made(op.proc(), i, p.yaml(), a, b, op.kind() == Kind.RECV));
            String x = key(a);
            String y = key(b);
            if (!x.equals(y)) {
                String what = "call " + i + ", " + PROCS[op.proc()] + " " + p.yaml().trim() + ": simulation " + x + ", real " + y;
                if (b.note() != null && !b.note().compared()) {
                    return new Verdict(null, what + " (" + b.note() + ")", yaml(), compared);
                }
                return new Verdict(what, null, yaml(), compared);
            }
            compared++;
            outcomes.add(op.kind().name().toLowerCase() + " " + (x.startsWith("ok") ? "ok" : x));
            if (op.kind() == Kind.SOCKET && a.outcome().ok()) {
                opened(op.proc(), tcp && op.flag() ? Step.SockType.STREAM : Step.SockType.DGRAM, a.fd(), b.fd());
            }
            update(op, sock, p.to(), a);
        }
        return new Verdict(null, null, yaml(), compared);
    }

    /**
     * The socket a call is about: 0 is the process's newest, 1 the one before, ... (the oldest when
     * there are fewer); a recv looks first at sockets bound to a fixed port, where datagrams go, a
     * bind at sockets without a port.
     */
    private static Sock pick(List<Sock> mine, Op op) {
        List<Sock> order = new ArrayList<>();
        for (int i = mine.size() - 1; i >= 0; i--) {
            Sock s = mine.get(i);
            if ((op.kind() == Kind.RECV && s.bound != null && s.bound.port() != 0) || (op.kind() == Kind.BIND && !s.hasPort)) {
                order.add(s);
            }
        }
        for (int i = mine.size() - 1; i >= 0; i--) {
            if (!order.contains(mine.get(i))) {
                order.add(mine.get(i));
            }
        }
        return order.get(Math.min(op.sock(), order.size() - 1));
    }

    private static String key(SocketWorld.Result r) {
        if (r.outcome() != null && r.outcome().ok() && r.outcome().data() != null) {
            return "ok \"" + r.text() + "\"";
        }
        return r.result();
    }

    /** A call ready for either world, and its scenario step. */
    private interface Plan {
        Call call(Sock s, boolean sim);

        String yaml();

        /** The destination of a connect, sendto (else null). */
        Endpoint to();
    }

    private static Plan plan(String yaml, java.util.function.BiFunction<Sock, Boolean, Call> call) {
        return plan(yaml, null, call);
    }

    private static Plan plan(String yaml, Endpoint to, java.util.function.BiFunction<Sock, Boolean, Call> call) {
        return new Plan() {
            public Call call(Sock s, boolean sim) {
                return call.apply(s, sim);
            }

            public String yaml() {
                return yaml;
            }

            public Endpoint to() {
                return to;
            }
        };
    }

    private static int fd(Sock s, boolean sim) {
        return sim ? s.simFd : s.realFd;
    }

    private Plan plan(int i, Op op, Sock sock) {
        boolean a = op.proc() < 2;
        switch (op.kind()) {
            case SOCKET: {
                Step.SockType t = tcp && op.flag() ? Step.SockType.STREAM : Step.SockType.DGRAM;
                String name = "s" + (socks.get(op.proc()).size() + 1);
                return plan("socket: {name: " + name + ", type: " + (t == Step.SockType.DGRAM ? "dgram" : "stream") + "}",
                        (s, sim) -> new Call.Open(t));
            }
            case SETOPT:
                return plan("setsockopt: {socket: " + sock.name + ", reuseaddr: " + op.flag() + ", reuseport: " + op.flag2() + "}",
                        (s, sim) -> new Call.SetOpt(fd(s, sim), op.flag(), op.flag2()));
            case BIND: {
                Endpoint e = bindAddress(op, a);
                return plan("bind: {socket: " + sock.name + ", addr: " + e + "}", (s, sim) -> new Call.Bind(fd(s, sim), e));
            }
            case LISTEN:
                return plan("listen: {socket: " + sock.name + "}", (s, sim) -> new Call.Listen(fd(s, sim), -1));
            case CONNECT: {
                Endpoint e = destination(op, a);
                if (sock.wildcard || loopbackToOtherHost(sock, e, a)
                        || (sock.type == Step.SockType.STREAM && e.equals(sock.bound))) {
                    return null;
                }
                return plan("connect: {socket: " + sock.name + ", addr: " + e + ", timeout: 200ms}", e,
                        (s, sim) -> new Call.Connect(fd(s, sim), e, CONNECT_TIMEOUT));
            }
            case SEND: {
                if (sock.wildcard) {
                    return null;
                }
                String data = "m" + i;
                return plan("send: {socket: " + sock.name + ", data: \"" + data + "\"}",
                        (s, sim) -> new Call.Send(fd(s, sim), Bytes.of(data)));
            }
            case SENDTO: {
                Endpoint e = destination(op, a);
                if (sock.wildcard || loopbackToOtherHost(sock, e, a)) {
                    return null;
                }
                String data = "m" + i;
                return plan("sendto: {socket: " + sock.name + ", to: " + e + ", data: \"" + data + "\"}",
                        (s, sim) -> new Call.SendTo(fd(s, sim), e, Bytes.of(data)));
            }
            case RECV:
                return plan("recvfrom: {socket: " + sock.name + ", timeout: 20ms}",
                        (s, sim) -> new Call.RecvFrom(fd(s, sim), 65536, RECV_TIMEOUT));
            case CLOSE:
                return plan("close: {socket: " + sock.name + "}", (s, sim) -> new Call.Close(fd(s, sim)));
            default:
                throw new IllegalStateException(op.kind().name());
        }
    }

    /** A socket bound to 127.0.0.1 on host a sending to host b (only host a binds 127.0.0.1). */
    /**
     * A socket of host a with a loopback source talking to host b: bound to 127.x, or not bound by
     * the script and connected to 127.x (its source is then 127.0.0.1 in the simulation, as on
     * Linux, but the bridge bound it to the host's address before it sent: H2).
     */
    private static boolean loopbackToOtherHost(Sock s, Endpoint to, boolean a) {
        boolean loopbackSource = s.bound != null ? s.bound.ip().isLoopback() : s.peer != null && s.peer.ip().isLoopback();
        return a && loopbackSource && to.ip().equals(SocketWorld.ip("b"));
    }

    private static Endpoint bindAddress(Op op, boolean a) {
        if (!a) {
            return new Endpoint(SocketWorld.ip("b"), new int[] {47002, 47003, 47002, 47003, 0}[op.port() % 5]);
        }
        Ipv4Address ip = switch (op.addr() % 3) {
            case 0 -> Ipv4Address.ANY;
            case 1 -> SocketWorld.ip("a");
            default -> Ipv4Address.LOOPBACK;
        };
        return new Endpoint(ip, new int[] {47000, 47001, 47000, 47001, 0}[op.port() % 5]);
    }

    /**
     * Where a call sends: half the time (flag2) one of the fixed ports some socket is bound to now,
     * so that datagrams often find a receiver; otherwise any fixed port this host may talk to.
     */
    private Endpoint destination(Op op, boolean a) {
        List<Endpoint> d = new ArrayList<>();
        for (int p = 0; p < PROCS.length; p++) {
            for (Sock s : socks.get(p)) {
                Endpoint e = s.bound;
                if (e == null || e.port() == 0) {
                    continue;
                }
                if (e.ip().isWildcard()) {
                    e = new Endpoint(SocketWorld.ip(HOST_OF[p]), e.port());
                }
                if ((a || !e.ip().isLoopback()) && !d.contains(e)) {
                    d.add(e);
                }
            }
        }
        int bound = d.size();
        if (op.flag2() && bound > 0) {
            return d.get((op.addr() * 3 + op.port()) % bound);
        }
        for (Endpoint e : a
                ? List.of(at("b", 47002), at("b", 47003), at("a", 47000), at("a", 47001), at("lo", 47000), at("lo", 47001))
                : List.of(at("a", 47000), at("a", 47001), at("b", 47002), at("b", 47003))) {
            if (!d.contains(e)) {
                d.add(e);
            }
        }
        return d.get((op.addr() * 3 + op.port()) % d.size());
    }

    private static Endpoint at(String host, int port) {
        return new Endpoint(host.equals("lo") ? Ipv4Address.LOOPBACK : SocketWorld.ip(host), port);
    }

    /** Follows what a call did to its socket (the worlds agreed on it). */
    private void update(Op op, Sock sock, Endpoint peer, SocketWorld.Result simResult) {
        if (sock == null || simResult.outcome() == null || !simResult.outcome().ok()) {
            return;
        }
        if (op.kind() == Kind.BIND) {
            Endpoint e = bindAddress(op, op.proc() < 2);
            sock.bound = e;
            sock.wildcard = e.ip().isWildcard();
            sock.hasPort = true;
        } else if (op.kind() == Kind.CONNECT) {
            sock.peer = peer;
            sock.hasPort = true;
        } else if (op.kind() == Kind.SENDTO || op.kind() == Kind.SEND) {
            sock.hasPort = true;
        }
    }

    /** Records a new socket after both worlds opened it. */
    private void opened(int proc, Step.SockType type, int simFd, int realFd) {
        Sock s = new Sock("s" + (socks.get(proc).size() + 1), type);
        s.simFd = simFd;
        s.realFd = realFd;
        socks.get(proc).add(s);
    }

    /** Each call made so far, one line each: its number, process, step, and both worlds' results. */
    public List<String> results() {
        List<String> lines = new ArrayList<>();
        for (Made m : made) {
            String x = key(m.sim());
            String y = key(m.real());
            lines.add("call " + m.index() + "  " + PROCS[m.proc()] + "  " + m.yaml() + "\n    simulation: " + x + "\n    real:       " + y
                    + (m.real().note() != null ? " (" + m.real().note() + ")" : "") + (x.equals(y) ? "" : "\n    DIFFERS"));
        }
        return lines;
    }

    /** The scenario reproducing the calls made so far; each step expects the real kernel's result. */
    public String yaml() {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario: differential-repro\n");
        sb.append("description: |\n  Calls made by the bridge's differential property; each step expects what the real kernel\n"
                + "  did. Run it with 'stacklab run' (the simulation) and 'stacklab bridge' (both worlds).\n");
        sb.append("defaults:\n  link: {latency: 1us}\n");
        sb.append("hosts:\n  - {name: a, ip: 10.0.0.1}\n  - {name: b, ip: 10.0.0.2}\n");
        sb.append("links:\n  - [a, b]\n");
        sb.append("processes:\n");
        for (int p = 0; p < PROCS.length; p++) {
            List<Made> mine = new ArrayList<>();
            for (Made m : made) {
                if (m.proc() == p) {
                    mine.add(m);
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            sb.append("  - name: ").append(PROCS[p]).append("\n    host: ").append(HOST_OF[p]).append("\n    steps:\n");
            long t = 0;
            for (Made m : mine) {
                long at = m.index() * SLOT;
                if (at > t) {
                    sb.append("      - sleep: ").append((at - t) / MS).append("ms\n");
                }
                sb.append("      - ").append(expecting(m)).append("\n");
                boolean timedOut = m.waited() && m.real().outcome() != null && !m.real().outcome().ok();
                t = at + (timedOut ? RECV_TIMEOUT : 0);
            }
        }
        return sb.toString();
    }

    /** The step with the real result as its expectation. */
    private static String expecting(Made m) {
        SocketWorld.Result r = m.real();
        String y = m.yaml();
        if (r.outcome() == null) {
            return y;
        }
        if (!r.outcome().ok()) {
            return y.substring(0, y.length() - 1) + ", expect_error: " + r.outcome().error().name() + "}";
        }
        if (r.outcome().data() != null) {
            return y.substring(0, y.length() - 1) + ", expect: \"" + r.text() + "\"}";
        }
        return y;
    }
}
