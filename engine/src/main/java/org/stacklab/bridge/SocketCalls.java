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
        s.recv(c.max(), c.timeoutNs(), false, r);
        return null;
    }

    @Override
    public Void recvFrom(Call.RecvFrom c) {
        s.recv(c.max(), c.timeoutNs(), true, r);
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
    public Void close(Call.Close c) {
        s.close();
        r.ok();
        return null;
    }
}
