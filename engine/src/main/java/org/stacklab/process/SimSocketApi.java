package org.stacklab.process;

import java.util.function.Consumer;
import org.stacklab.sim.Simulator;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.Sock;
import org.stacklab.transport.SocketError;
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
        if (call instanceof Call.Sleep sl) {
            Simulator sim = stack.sim();
            sim.schedule(sl.ns(), () -> done.accept(Outcome.OK));
            return;
        }
        if (call instanceof Call.Open o) {
            done.accept(open(o));
            return;
        }
        Sock s = socket(call.fd());
        if (s == null) {
            done.accept(Outcome.fail(SocketError.EBADF));
            return;
        }
        if (call instanceof Call.SetOpt o) {
            setOpt(s, o);
            done.accept(Outcome.OK);
        } else if (call instanceof Call.GetSockName) {
            done.accept(Outcome.address(s.local()));
        } else if (call instanceof Call.Close c) {
            fds[c.fd()] = null;
            close(s);
            done.accept(Outcome.OK);
        } else if (s instanceof UdpSocket u) {
            UdpCalls.run(u, call, done);
        } else if (s instanceof TcpSocket t) {
            TcpCalls.run(this, t, call, done);
        } else {
            done.accept(Outcome.fail(SocketError.EOPNOTSUPP));
        }
    }

    private Outcome open(Call.Open o) {
        Sock s;
        if (o.type() == Step.SockType.DGRAM) {
            s = UdpSocket.open(stack, process, uid);
        } else {
            s = TcpSocket.open(stack, process, uid);
        }
        return Outcome.fd(adopt(s));
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

    private static void setOpt(Sock s, Call.SetOpt o) {
        if (o.reuseAddr() != null) {
            s.setReuseAddr(o.reuseAddr());
        }
        if (o.reusePort() != null) {
            s.setReusePort(o.reusePort());
        }
    }

    private static void close(Sock s) {
        if (s instanceof UdpSocket u) {
            u.close();
        } else if (s instanceof TcpSocket t) {
            t.close();
        }
    }
}
