package org.stacklab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;

/**
 * Runs a named action list against a {@link Bench}, checking each outcome as it goes (the
 * tables of gVisor's {@code ports_test.go}, written as text). Statements are separated by
 * {@code ;}:
 *
 * <pre>
 * range 40000 40003                  ephemeral range (before the first socket; default 32768-60999)
 * a = tcp | udp [as USER]            a socket of USER (default root); tcp6 | udp6 for AF_INET6 (M4)
 * c = accept L from EP to EP         an accepted child of listener L (A3)
 * a.ra  a.rp                         set SO_REUSEADDR / SO_REUSEPORT
 * a.v6only on|off [-> ERRNO]         setsockopt(IPV6_V6ONLY); a.isv6only on|off reads it back (M6)
 * a.bind EP  a.listen  a.connect EP  a call; "-> ERRNO" expects that error, else success
 * a.close  a.timewait  a.fail        leave the table; enter TIME-WAIT; a failed connect
 * a.port odd|even|N|LO..HI           assertions on the socket
 * a.local IP:PORT|IP:*  a.state S  a.user U  a.icmp N   (local as getsockname shows it, [::ffff:a.b.c.d]:P on AF_INET6)
 * tcp|ack|rst|udp EP > EP -> a|b RULE    a packet (tcp = SYN) and who takes it, by which rule
 * tcp|ack|rst|udp EP > EP -> RST|ICMP|nothing    nobody takes it, and the answer
 * </pre>
 * An endpoint {@code @a} is socket a's local endpoint.
 */
final class Actions {
    private static final Pattern OPEN = Pattern.compile("(\\w+) = (tcp|udp)(6?)(?: as (\\w+))?");
    private static final Pattern ACCEPT = Pattern.compile("(\\w+) = accept (\\w+) from (\\S+) to (\\S+)");
    private static final Pattern CALL = Pattern.compile("(\\w+)\\.(\\w+)(?: (\\S+))?");
    private static final Pattern PACKET = Pattern.compile("(tcp|ack|rst|udp) (\\S+) > (\\S+)");
    private static final Pattern RANGE = Pattern.compile("range (\\d+) (\\d+)");

    private Bench bench;
    private int low = 32768;
    private int high = 60999;
    private final Map<String, TestSock> socks = new LinkedHashMap<>();
    private String script;

    /** Runs {@code script}, failing at the first outcome that differs. */
    static Bench run(String script) {
        Actions a = new Actions();
        a.script = script;
        for (String raw : script.split(";")) {
            String line = raw.trim();
            if (!line.isEmpty()) {
                a.step(line);
            }
        }
        return a.bench;
    }

    private void step(String line) {
        String expect = null;
        String stmt = line;
        int arrow = line.indexOf(" -> ");
        if (arrow >= 0) {
            stmt = line.substring(0, arrow).trim();
            expect = line.substring(arrow + 4).trim();
        }
        Matcher m;
        if ((m = RANGE.matcher(stmt)).matches()) {
            low = Integer.parseInt(m.group(1));
            high = Integer.parseInt(m.group(2));
        } else if ((m = OPEN.matcher(stmt)).matches()) {
            Protocol p = m.group(2).equals("tcp") ? Protocol.TCP : Protocol.UDP;
            TestSock s = bench().open(p, m.group(1), m.group(4) == null ? "root" : m.group(4));
            s.setFamily(m.group(3).isEmpty() ? Family.INET : Family.INET6);
            socks.put(m.group(1), s);
        } else if ((m = ACCEPT.matcher(stmt)).matches()) {
            socks.put(m.group(1), bench().accept(m.group(1), sock(m.group(2)), endpoint(m.group(3)), endpoint(m.group(4))));
        } else if ((m = PACKET.matcher(stmt)).matches()) {
            packet(line, m.group(1), endpoint(m.group(2)), endpoint(m.group(3)), expect);
        } else if ((m = CALL.matcher(stmt)).matches()) {
            call(line, sock(m.group(1)), m.group(2), m.group(3), expect);
        } else {
            throw new IllegalArgumentException("cannot read action: " + line);
        }
    }

    private void call(String line, TestSock s, String verb, String arg, String expect) {
        switch (verb) {
            case "ra":
                s.setReuseAddr(true);
                return;
            case "rp":
                s.setReusePort(true);
                return;
            case "v6only":
                outcome(line, s.setV6only(arg.equals("on")), expect);
                return;
            case "isv6only":
                assertEquals(arg.equals("on"), s.v6only(), at(line));
                return;
            case "bind":
                outcome(line, bench.bind(s, endpoint(arg)), expect);
                return;
            case "listen":
                outcome(line, bench.listen(s), expect);
                return;
            case "connect":
                outcome(line, bench.connect(s, endpoint(arg)), expect);
                return;
            case "close":
                bench.close(s);
                return;
            case "timewait":
                bench.table(s).enterTimeWait(s);
                return;
            case "fail":
                bench.table(s).abandonConnect(s);
                return;
            case "port":
                port(line, s.localPort(), arg);
                return;
            case "local":
                int colon = arg.lastIndexOf(':');
                String shown = s.local().toString();
                assertEquals(arg.substring(0, colon), shown.substring(0, shown.lastIndexOf(':')), at(line));
                if (!arg.endsWith(":*")) {
                    assertEquals(Integer.parseInt(arg.substring(colon + 1)), s.localPort(), at(line));
                }
                return;
            case "state":
                assertEquals(arg, s.tableState().name(), at(line));
                return;
            case "user":
                assertEquals(bench.ctx.uidOf(arg), s.uid(), at(line));
                return;
            case "icmp":
                assertEquals(Integer.parseInt(arg), s.icmpErrors.size(), at(line));
                return;
            default:
                throw new IllegalArgumentException("unknown verb in: " + line);
        }
    }

    private void outcome(String line, SocketError got, String expect) {
        String want = expect == null ? "ok" : expect;
        assertEquals(want, got == null ? "ok" : got.name(), at(line));
    }

    private void port(String line, int port, String arg) {
        if (arg.equals("odd") || arg.equals("even")) {
            assertEquals(arg, port % 2 == 1 ? "odd" : "even", at(line) + " (port " + port + ")");
        } else if (arg.contains("..")) {
            String[] r = arg.split("\\.\\.");
            assertTrue(port >= Integer.parseInt(r[0]) && port <= Integer.parseInt(r[1]), at(line) + " (port " + port + ")");
        } else {
            assertEquals(Integer.parseInt(arg), port, at(line));
        }
    }

    private void packet(String line, String kind, Endpoint from, Endpoint to, String expect) {
        Bench.Arrival a;
        if (kind.equals("udp")) {
            a = bench().udp(from, to);
        } else {
            int flags = kind.equals("tcp") ? TcpFlags.SYN : kind.equals("ack") ? TcpFlags.ACK : TcpFlags.RST;
            a = bench().tcp(flags, from, to);
        }
        String detail = a.event().detail() == null ? "" : a.event().detail();
        switch (expect) {
            case "RST":
                assertTrue(!a.delivered() && detail.endsWith("answered with RST (K1)"), at(line) + ": " + describe(a));
                return;
            case "ICMP":
                assertTrue(!a.delivered() && (detail.endsWith("answered with ICMP port unreachable (K2)") || detail.endsWith("answered with ICMPv6 port unreachable (K2)")), at(line) + ": " + describe(a));
                return;
            case "nothing":
                assertTrue(!a.delivered() && detail.endsWith("never an RST to an RST"), at(line) + ": " + describe(a));
                return;
            default:
                String[] who = expect.split(" ");
                if (!a.delivered()) {
                    fail(at(line) + ": " + describe(a));
                }
                TestSock got = (TestSock) a.receiver();
                assertTrue(List.of(who[0].split("\\|")).contains(got.name), at(line) + ": went to " + got.name);
                assertEquals(who[1], a.rule(), at(line));
        }
    }

    private static String describe(Bench.Arrival a) {
        return a.event().action().label() + " " + (a.delivered() ? a.event().delivery().explanation() : a.event().detail());
    }

    private Endpoint endpoint(String text) {
        if (text.startsWith("@")) {
            return sock(text.substring(1)).local();
        }
        return Endpoint.parse(text);
    }

    private TestSock sock(String name) {
        TestSock s = socks.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no socket " + name + " in: " + script);
        }
        return s;
    }

    private Bench bench() {
        if (bench == null) {
            bench = new Bench(1, low, high, true);
        }
        return bench;
    }

    private String at(String line) {
        return "at '" + line + "' in: " + script + "\nsocket table: " + bench.stack.socketTable();
    }
}
