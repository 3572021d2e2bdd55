package org.stacklab.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Protocol;

/**
 * Applies one random sequence of socket calls to the real table (on a {@link Bench}) and to
 * the {@link PortModel}, comparing after every step: the call's outcome, the port the table
 * chose where it chooses, every socket's state, address and port, and for probes which
 * socket a packet would reach.
 */
final class ModelDriver {
    enum Kind { OPEN, RA, RP, BIND, LISTEN, CONNECT, CLOSE, TIMEWAIT, EXPIRE, ACCEPT, FAIL, PROBE }

    /** One call: {@code sock} picks among the sockets opened so far, x, y, z pick arguments. */
    record Op(Kind kind, int sock, int x, int y, int z) {}

    static final String[] USERS = {"root", "alice", "bob"};
    static final Ipv4Address[] ADDRS = {Ipv4Address.ANY, Bench.H1, Bench.H2, Ipv4Address.LOOPBACK, Bench.PEER};
    static final int[] PORTS = {0, 80, 5000, 40001};
    static final Endpoint[] REMOTES = {Endpoint.parse("10.0.0.9:7"), Endpoint.parse("10.0.0.9:9"),
        Endpoint.parse("127.0.0.1:7"), Endpoint.parse("10.0.0.2:7")};
    static final Ipv4Address[] DSTS = {Bench.H1, Bench.H2, Ipv4Address.LOOPBACK};
    static final Endpoint[] CLIENTS = {Endpoint.parse("10.0.0.9:7000"), Endpoint.parse("10.0.0.9:7001"),
        Endpoint.parse("127.0.0.1:7000")};
    static final Ipv4Address[] SOURCES = {Bench.PEER, Ipv4Address.LOOPBACK, Bench.H2};
    static final int[] SPORTS = {7, 9, 7000, 7001};
    static final int[][] RANGES = {{40000, 40003}, {40000, 40004}, {40000, 40000}, {40000, 40009}};

    /** Random call sequences: mostly binds, connects and probes, some of everything else. */
    static Arbitrary<List<Op>> sequences(int maxSize) {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(14, Kind.OPEN), Tuple.of(7, Kind.RA), Tuple.of(7, Kind.RP), Tuple.of(22, Kind.BIND),
                Tuple.of(9, Kind.LISTEN), Tuple.of(12, Kind.CONNECT), Tuple.of(6, Kind.CLOSE), Tuple.of(4, Kind.TIMEWAIT),
                Tuple.of(2, Kind.EXPIRE), Tuple.of(7, Kind.ACCEPT), Tuple.of(3, Kind.FAIL), Tuple.of(12, Kind.PROBE));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 35);
        Arbitrary<Op> op = Combinators.combine(kinds, Arbitraries.integers().between(0, 7), pick, pick, pick).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(maxSize);
    }

    final Bench bench;
    final PortModel model;
    final List<TestSock> real = new ArrayList<>();
    private final StringBuilder log = new StringBuilder();
    private final int[] range;

    ModelDriver(long seed, int rangeChoice) {
        range = RANGES[rangeChoice % RANGES.length];
        bench = new Bench(seed, range[0], range[1], true);
        model = new PortModel(range[0], range[1], Set.of(Bench.H1.bits(), Bench.H2.bits()), Bench.H1.bits(),
                Ipv4Address.LOOPBACK.bits());
    }

    /** Runs every op, failing with the steps so far when the table and the model disagree. */
    void run(List<Op> ops) {
        log.append("range ").append(range[0]).append('-').append(range[1]).append('\n');
        for (Op op : ops) {
            apply(op);
            compareAll();
        }
    }

    void apply(Op op) {
        if (op.kind() == Kind.OPEN) {
            boolean tcp = op.x() % 2 == 0;
            String user = USERS[op.y() % USERS.length];
            TestSock s = bench.open(tcp ? Protocol.TCP : Protocol.UDP, "s" + real.size(), user);
            real.add(s);
            model.open(tcp, bench.ctx.uidOf(user));
            log.append("s").append(real.size() - 1).append(" = ").append(tcp ? "tcp" : "udp").append(" as ").append(user).append('\n');
            return;
        }
        if (real.isEmpty()) {
            return;
        }
        int i = op.sock() % real.size();
        TestSock s = real.get(i);
        PortModel.S m = model.socks.get(i);
        if (m.st == PortModel.St.CLOSED || (m.st == PortModel.St.TIMEWAIT && op.kind() != Kind.EXPIRE)) {
            return; // the application has closed it
        }
        String step = "s" + i + ".";
        String want;
        final String got;
        switch (op.kind()) {
            case RA:
            case RP:
                if (m.port != 0) {
                    return; // flags are set before bind (D1) in these sequences
                }
                boolean on = op.x() % 4 != 0;
                if (op.kind() == Kind.RA) {
                    s.setReuseAddr(on);
                    m.ra = on;
                } else {
                    s.setReusePort(on);
                    m.rp = on;
                }
                log.append(step).append(op.kind().name().toLowerCase()).append(on ? " on" : " off").append('\n');
                return;
            case BIND: {
                Ipv4Address a = ADDRS[op.x() % ADDRS.length];
                int port = PORTS[op.y() % PORTS.length];
                step += "bind " + a + ":" + port;
                got = name(bench.bind(s, new Endpoint(a, port)));
                want = expect(step, got, () -> model.bind(m, a.bits(), port, chosen(got, s)));
                break;
            }
            case LISTEN:
                step += "listen";
                got = name(bench.listen(s));
                want = expect(step, got, () -> model.listen(m, chosen(got, s)));
                break;
            case CONNECT: {
                Endpoint r = REMOTES[op.x() % REMOTES.length];
                step += "connect " + r;
                got = name(bench.connect(s, r));
                want = expect(step, got, () -> model.connect(m, r.ipv4().bits(), r.port(), chosen(got, s)));
                break;
            }
            case CLOSE:
                bench.close(s);
                model.close(m);
                log.append(step).append("close\n");
                return;
            case TIMEWAIT:
                if (!m.tcp || m.st != PortModel.St.CONNECTED) {
                    return;
                }
                bench.table(s).enterTimeWait(s);
                model.timeWait(m);
                log.append(step).append("timewait\n");
                return;
            case EXPIRE:
                if (m.st != PortModel.St.TIMEWAIT) {
                    return;
                }
                bench.close(s);
                model.close(m);
                log.append(step).append("expire\n");
                return;
            case FAIL:
                if (!m.tcp || m.st != PortModel.St.CONNECTED || m.child) {
                    return;
                }
                bench.table(s).abandonConnect(s);
                model.fail(m);
                log.append(step).append("fail\n");
                return;
            case ACCEPT: {
                if (m.st != PortModel.St.LISTEN) {
                    return;
                }
                Ipv4Address dst = m.addr != PortModel.ANY ? s.localIpv4() : DSTS[op.x() % DSTS.length];
                Endpoint from = CLIENTS[op.y() % CLIENTS.length];
                if (model.tupleInUse(dst.bits(), m.port, from.ipv4().bits(), from.port())) {
                    return; // the SYN would reach that connection, not the listener
                }
                TestSock c = bench.accept("s" + real.size(), s, from, new Endpoint(dst, m.port));
                real.add(c);
                model.accept(m, dst.bits(), from.ipv4().bits(), from.port());
                log.append("s").append(real.size() - 1).append(" = accept s").append(i).append(" from ").append(from)
                        .append(" to ").append(dst).append('\n');
                return;
            }
            case PROBE:
                probe(op);
                return;
            default:
                throw new IllegalStateException();
        }
        log.append(step).append(" -> ").append(got).append(got.equals("ok") ? " " + s.local() : "").append('\n');
        if (!want.equals(got)) {
            throw new AssertionError("model says " + want + ", table says " + got + " at the last step of:\n" + log);
        }
    }

    /** The model's answer to a call the table answered with {@code got}; a model objection names the steps. */
    private String expect(String step, String got, java.util.function.Supplier<String> model) {
        try {
            return model.get();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " at the last step of:\n" + log + step + " -> " + got
                    + (got.equals("ok") ? " " + real.get(Integer.parseInt(step.substring(1, step.indexOf('.')))).local() : ""));
        }
    }

    private void probe(Op op) {
        boolean tcp = op.x() % 2 == 0;
        Ipv4Address src = SOURCES[(op.x() / 2) % SOURCES.length];
        int sport = SPORTS[op.y() % SPORTS.length];
        Ipv4Address dst = DSTS[op.z() % DSTS.length];
        int dport = probePort(op.z() / DSTS.length);
        PortTable t = bench.stack.table(tcp ? Protocol.TCP : Protocol.UDP);
        Match m = t.lookup(dst, dport, src, sport);
        Match again = t.lookup(dst, dport, src, sport);
        List<PortModel.S> may = model.receivers(tcp, dst.bits(), dport, src.bits(), sport);
        String what = (tcp ? "tcp " : "udp ") + src + ":" + sport + " > " + dst + ":" + dport;
        log.append("probe ").append(what).append(" -> ").append(m == null ? "none" : "s" + real.indexOf((TestSock) m.sock())).append('\n');
        if (m == null) {
            check(may.isEmpty(), "nothing matched, the model expects one of " + may);
            return;
        }
        check(again != null && again.sock() == m.sock(), "the same packet went to another socket the second time");
        int idx = real.indexOf((TestSock) m.sock());
        check(may.contains(model.socks.get(idx)), "went to s" + idx + ", the model expects one of " + may);
    }

    private int probePort(int k) {
        int[] ports = {80, 5000, range[0], range[0] + 1, range[0] + 2, range[1]};
        return ports[k % ports.length];
    }

    private void compareAll() {
        for (int i = 0; i < real.size(); i++) {
            TestSock s = real.get(i);
            PortModel.S m = model.socks.get(i);
            String want = expectedState(m);
            check(want.equals(s.tableState().name()), "s" + i + " is " + s.tableState() + ", the model says " + m);
            if (m.holdsPort()) {
                check(s.localPort() == m.port && s.localIpv4().bits() == m.addr, "s" + i + " holds " + s.local() + ", the model says " + m);
            }
        }
    }

    private static String expectedState(PortModel.S m) {
        switch (m.st) {
            case TIMEWAIT:
                return "TIME_WAIT";
            case CLOSED:
                return "UNBOUND";
            default:
                return m.st.name();
        }
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what + " after:\n" + log);
        }
    }

    private static int chosen(String got, Sock s) {
        return got.equals("ok") ? s.localPort() : -1;
    }

    private static String name(SocketError e) {
        return e == null ? "ok" : e.name();
    }
}
