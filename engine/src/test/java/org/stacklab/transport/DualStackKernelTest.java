package org.stacklab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.stacklab.bridge.libc.Errnos;
import org.stacklab.bridge.libc.Sys;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.RequiredTool;

/**
 * Every pair of dual-stack bindings (M4, M5, M6, M7), TCP and UDP, without options, with SO_REUSEADDR
 * on both and with SO_REUSEPORT on both, run on this machine's kernel (through bridge.libc, in a
 * network namespace of the test's own) and in the simulation: the errnos of both binds and, for TCP,
 * of both listens, and what getsockname shows, must be the same. Addresses are those of lo
 * (127.0.0.1, ::1) so the case needs no other interface.
 */
class DualStackKernelTest {
    /** A binding: family, address, IPV6_V6ONLY. */
    record Binding(boolean inet6, String addr, boolean v6only) {
        @Override
        public String toString() {
            return (inet6 ? "inet6 " : "inet ") + addr + (v6only ? " v6only" : "");
        }
    }

    private static final List<Binding> BINDINGS = List.of(new Binding(false, "0.0.0.0", false), new Binding(false, "127.0.0.1", false),
            new Binding(true, "[::]", false), new Binding(true, "[::]", true), new Binding(true, "[::ffff:127.0.0.1]", false),
            new Binding(true, "[::ffff:0.0.0.0]", false), new Binding(true, "[::1]", false), new Binding(true, "[::ffff:127.0.0.1]", true),
            new Binding(true, "127.0.0.1", false));

    /** Options on both sockets: none, SO_REUSEADDR, SO_REUSEPORT. */
    private static final String[] OPTIONS = {"none", "ra", "rp"};

    @Test
    void everyPairOfBindingsGetsTheKernelsAnswers() throws Exception {
        RequiredTool.require(Sys.unavailable() == null, "libc is not reachable through JNA: " + Sys.unavailable());
        List<String> kernel = new ArrayList<>();
        AtomicReference<String> why = new AtomicReference<>();
        Thread t = new Thread(() -> {
            String e = Sys.privateNetwork();
            if (e != null) {
                why.set(e);
                return;
            }
            waitForIpv6Loopback();
            kernel.addAll(runAll(true));
        });
        t.start();
        t.join();
        RequiredTool.require(why.get() == null, "no network namespace for the kernel side: " + why.get());
        List<String> sim = runAll(false);
        assertEquals(kernel.size(), sim.size());
        for (int i = 0; i < sim.size(); i++) {
            assertEquals(kernel.get(i), sim.get(i), "case " + i + ": kernel first, simulation second");
        }
    }

    /** ::1 on a freshly raised lo comes from a workqueue (dual-stack.py's measurement note): wait for it. */
    private static void waitForIpv6Loopback() {
        for (int i = 0; i < 100; i++) {
            int fd = Sys.socket(false, true);
            int r = Sys.bind(fd, Endpoint.parse("[::1]:0"));
            Sys.close(fd);
            if (r == 0) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<String> runAll(boolean kernel) {
        List<String> out = new ArrayList<>();
        int port = 7000;
        for (boolean tcp : new boolean[] {true, false}) {
            for (String opt : OPTIONS) {
                for (Binding a : BINDINGS) {
                    for (Binding b : BINDINGS) {
                        String head = (tcp ? "tcp " : "udp ") + opt + ": " + a + " then " + b + ": ";
                        out.add(head + (kernel ? onKernel(tcp, opt, a, b, port) : inSimulation(tcp, opt, a, b, port)));
                        port++;
                    }
                }
            }
        }
        return out;
    }

    private static String onKernel(boolean tcp, String opt, Binding a, Binding b, int port) {
        int[] fds = new int[2];
        StringBuilder sb = new StringBuilder();
        Binding[] both = {a, b};
        for (int i = 0; i < 2; i++) {
            fds[i] = Sys.socket(tcp, both[i].inet6());
            if (both[i].v6only()) {
                Sys.v6only(fds[i], true);
            }
            if (!opt.equals("none")) {
                Sys.reuse(fds[i], opt.equals("rp"), true);
            }
            // SCENARIO-FORMAT: an inet6 socket given plain IPv4 uses it v4-mapped (getaddrinfo with
            // AI_V4MAPPED); the kernel itself refuses a sockaddr_in on AF_INET6 (EINVAL, M13)
            String addr = both[i].inet6() && !both[i].addr().startsWith("[") ? "[::ffff:" + both[i].addr() + "]" : both[i].addr();
            int r = Sys.bind(fds[i], Endpoint.parse(addr + ":" + port));
            sb.append(name(r));
            if (r == 0) {
                Endpoint[] e = new Endpoint[1];
                Sys.name(fds[i], false, e);
                sb.append(' ').append(e[0]);
            }
            sb.append("; ");
        }
        if (tcp) {
            for (int fd : fds) {
                sb.append("listen ").append(name(Sys.listen(fd, 16))).append("; ");
            }
        }
        for (int fd : fds) {
            Sys.close(fd);
        }
        return sb.toString();
    }

    private static String name(int r) {
        if (r >= 0) {
            return "ok";
        }
        SocketError e = Errnos.of(-r);
        return e == null ? "errno " + -r : e.name();
    }

    private static String inSimulation(boolean tcp, String opt, Binding a, Binding b, int port) {
        Bench bench = new Bench();
        StringBuilder sb = new StringBuilder();
        TestSock[] socks = new TestSock[2];
        Binding[] both = {a, b};
        for (int i = 0; i < 2; i++) {
            TestSock s = bench.open(tcp ? Protocol.TCP : Protocol.UDP, "s" + i, "root");
            s.setFamily(both[i].inet6() ? Family.INET6 : Family.INET);
            if (both[i].v6only()) {
                s.setV6only(true);
            }
            s.setReuseAddr(opt.equals("ra"));
            s.setReusePort(opt.equals("rp"));
            SocketError e = bench.bind(s, Endpoint.parse(both[i].addr() + ":" + port));
            sb.append(e == null ? "ok " + s.local() : e.name()).append("; ");
            socks[i] = s;
        }
        if (tcp) {
            for (TestSock s : socks) {
                SocketError e = bench.listen(s);
                sb.append("listen ").append(e == null ? "ok" : e.name()).append("; ");
            }
        }
        return sb.toString();
    }
}
