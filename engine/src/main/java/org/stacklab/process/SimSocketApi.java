package org.stacklab.process;

import java.util.function.Consumer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.Sock;
import org.stacklab.transport.tcp.TcpSocket;
import org.stacklab.transport.udp.UdpSocket;

/**
 * The socket API of one simulated process: a descriptor table (numbers from 3, as in Unix)
 * over the sockets of its host's stack, with calls completing in simulated time.
 */
public final class SimSocketApi implements SocketApi {
    private final HostStack stack;
    private final String process;
    private final int uid;
    /** Descriptor to socket (an array: descriptors are small numbers handed out in order). */
    private Sock[] fds = new Sock[8];
    private int nextFd = 3;

    public SimSocketApi(HostStack stack, String process, String user) {
        this.stack = stack;
        this.process = process;
        this.uid = stack.context().uidOf(user);
    }

    @Override
    public long now() {
        return stack.sim().now();
    }

    /** The socket behind a descriptor, or null. */
    public Sock socket(int fd) {
        return fd >= 0 && fd < fds.length ? fds[fd] : null;
    }

    @Override
    public void submit(Call call, Consumer<Outcome> done) {
        Sock s = socket(call.fd());
        Call.Visitor<Void> calls;
        if (s instanceof TcpSocket t) {
            calls = new TcpCalls(this, t, done);
        } else if (s instanceof UdpSocket u) {
            calls = new UdpCalls(this, u, done);
        } else {
            calls = SimCalls.noSocket(this, done);
        }
        call.accept(calls);
    }

    Outcome open(Call.Open o) {
        Sock s;
        if (o.type() == Step.SockType.DGRAM) {
            s = UdpSocket.open(stack, process, uid);
        } else {
            s = TcpSocket.open(stack, process, uid);
        }
        s.setNonblocking(o.nonblocking());
        s.setFamily(o.family());
        return Outcome.fd(adopt(s));
    }

    /**
     * poll(2): the sockets asked about that are ready now (each with its events, those asked for
     * plus ERR and HUP); if none is and there is time, waits until one is or the time passes (P1).
     */
    void poll(Call.Poll p, Consumer<Outcome> done) {
        java.util.List<Outcome.Ready> now = ready(p);
        if (!now.isEmpty() || p.timeoutNs() == 0) {
            done.accept(Outcome.polled(now));
            return;
        }
        org.stacklab.transport.Readiness r = stack.readiness();
        org.stacklab.sim.EventHandle[] timer = new org.stacklab.sim.EventHandle[1];
        Runnable[] look = new Runnable[1];
        look[0] = () -> {
            java.util.List<Outcome.Ready> got = ready(p);
            if (!got.isEmpty()) {
                r.remove(look[0]);
                if (timer[0] != null) {
                    timer[0].cancel();
                }
                done.accept(Outcome.polled(got));
            }
        };
        r.add(look[0]);
        if (p.timeoutNs() > 0) {
            timer[0] = stack.sim().schedule(p.timeoutNs(), () -> {
                r.remove(look[0]);
                done.accept(Outcome.polled(java.util.List.of()));
            });
        }
    }

    private java.util.List<Outcome.Ready> ready(Call.Poll p) {
        java.util.List<Outcome.Ready> out = new java.util.ArrayList<>();
        for (Call.PollFd f : p.fds()) {
            Sock s = socket(f.fd());
            int ev = s == null ? 0 : s.pollMask() & (f.events() | org.stacklab.transport.Readiness.ERR
                    | org.stacklab.transport.Readiness.HUP);
            if (ev != 0) {
                out.add(new Outcome.Ready(f.fd(), f.name(), ev));
            }
        }
        return out;
    }

    void sleep(long ns, Runnable then) {
        stack.sim().schedule(ns, then);
    }

    /** exit(2): every descriptor is closed, lowest first, as the kernel's exit_files does. */
    void closeAll() {
        for (int fd = 0; fd < fds.length; fd++) {
            Sock s = fds[fd];
            fds[fd] = null;
            if (s instanceof TcpSocket t) {
                t.close();
            } else if (s instanceof UdpSocket u) {
                u.close();
            }
        }
    }

    /** Frees a descriptor ({@code close}). */
    void forget(int fd) {
        fds[fd] = null;
    }

    /** Registers a socket created by the stack for this process (an accepted connection). */
    public int adopt(Sock s) {
        int fd = nextFd++;
        if (fd == fds.length) {
            fds = java.util.Arrays.copyOf(fds, fds.length * 2);
        }
        fds[fd] = s;
        return fd;
    }
}
