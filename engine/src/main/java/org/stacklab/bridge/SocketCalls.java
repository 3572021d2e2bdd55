package org.stacklab.bridge;

import org.stacklab.process.Call;
import org.stacklab.transport.SocketError;

/** One call on a {@link RealSocket}, dispatched by kind to the system call of its name; answered through {@code r}. */
final class SocketCalls implements Call.Visitor<Void> {
    private final RealSocket s;
    private final Reply r;

    SocketCalls(RealSocket s, Reply r) {
        this.s = s;
        this.r = r;
    }

    @Override
    public Void open(Call.Open c) {
        r.fail(SocketError.EINVAL); // the API opens sockets; a socket never sees this call
        return null;
    }

    @Override
    public Void sleep(Call.Sleep c) {
        r.fail(SocketError.EINVAL); // the API sleeps; a socket never sees this call
        return null;
    }

    @Override
    public Void setOpt(Call.SetOpt c) {
        s.setOpt(c, r);
        return null;
    }

    @Override
    public Void bind(Call.Bind c) {
        s.bind(c.addr(), r);
        return null;
    }

    @Override
    public Void listen(Call.Listen c) {
        s.listen(c.backlog(), r);
        return null;
    }

    @Override
    public Void accept(Call.Accept c) {
        s.accept(c.timeoutNs(), r);
        return null;
    }

    @Override
    public Void connect(Call.Connect c) {
        if (c.addr() == null) {
            s.disconnect(r); // connect(AF_UNSPEC)
            return null;
        }
        s.connect(c.addr(), c.timeoutNs(), r);
        return null;
    }

    @Override
    public Void send(Call.Send c) {
        s.send(null, c.data(), r);
        return null;
    }

    @Override
    public Void sendTo(Call.SendTo c) {
        s.send(c.to(), c.data(), r);
        return null;
    }

    @Override
    public Void recv(Call.Recv c) {
        s.recv(c.max(), c.timeoutNs(), false, c.flags(), r);
        return null;
    }

    @Override
    public Void recvFrom(Call.RecvFrom c) {
        s.recv(c.max(), c.timeoutNs(), true, c.flags(), r);
        return null;
    }

    @Override
    public Void getSockName(Call.GetSockName c) {
        s.getSockName(r);
        return null;
    }

    @Override
    public Void shutdown(Call.Shutdown c) {
        s.shutdown(c.how(), r);
        return null;
    }

    @Override
    public Void exit(Call.Exit c) {
        r.fail(SocketError.EINVAL); // the API exits; a socket never sees this call
        return null;
    }

    @Override
    public Void getPeerName(Call.GetPeerName c) {
        org.stacklab.wire.Endpoint p = s.peer();
        if (p == null) {
            r.fail(SocketError.ENOTCONN);
        } else {
            r.ok(org.stacklab.process.Outcome.address(p));
        }
        return null;
    }

    @Override
    public Void getSockOpt(Call.GetSockOpt c) {
        int n = org.stacklab.bridge.libc.Sys.pendingError(s.kfd); // SO_ERROR, cleared by reading
        SocketError e = n > 0 ? org.stacklab.bridge.libc.Errnos.of(n) : n < 0 ? org.stacklab.bridge.libc.Errnos.of(-n) : null;
        if (n < 0) {
            r.fail(e == null ? SocketError.EINVAL : e);
        } else {
            r.ok(org.stacklab.process.Outcome.data(org.stacklab.wire.Bytes.of(n == 0 ? "0" : e == null ? "E" + n : e.name()), null));
        }
        return null;
    }

    @Override
    public Void poll(Call.Poll c) {
        r.fail(SocketError.EINVAL); // the API polls; a socket never sees this call
        return null;
    }

    @Override
    public Void close(Call.Close c) {
        s.close();
        r.ok();
        return null;
    }
}
