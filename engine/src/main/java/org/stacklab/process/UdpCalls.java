package org.stacklab.process;

import java.util.function.Consumer;
import org.stacklab.transport.Sock;
import org.stacklab.transport.SocketError;
import org.stacklab.transport.udp.UdpSocket;
import org.stacklab.wire.Bytes;

/** Socket calls on a UDP socket: what each call means for a datagram socket. */
final class UdpCalls extends SimCalls {
    private final UdpSocket u;

    UdpCalls(SimSocketApi api, UdpSocket u, Consumer<Outcome> done) {
        super(api, done);
        this.u = u;
    }

    @Override
    Sock sock() {
        return u;
    }

    @Override
    void closeSocket() {
        u.close();
    }

    @Override
    public Void sendTo(Call.SendTo s) {
        SocketError e = u.sendTo(s.to(), s.data());
        done.accept(e == null ? Outcome.sent(s.data().length()) : Outcome.fail(e));
        return null;
    }

    @Override
    public Void recvFrom(Call.RecvFrom r) {
        u.recv(r.timeoutNs(), (e, d) -> done.accept(e != null ? Outcome.fail(e) : Outcome.data(truncate(d.data(), r.max()), d.from())));
        return null;
    }

    @Override
    public Void bind(Call.Bind b) {
        done.accept(result(u.bind(b.addr())));
        return null;
    }

    @Override
    public Void connect(Call.Connect c) {
        done.accept(result(u.connect(c.addr())));
        return null;
    }

    @Override
    public Void send(Call.Send s) {
        SocketError e = u.send(s.data());
        done.accept(e == null ? Outcome.sent(s.data().length()) : Outcome.fail(e));
        return null;
    }

    @Override
    public Void recv(Call.Recv r) {
        u.recv(r.timeoutNs(), (e, d) -> done.accept(e != null ? Outcome.fail(e) : Outcome.data(truncate(d.data(), r.max()), null)));
        return null;
    }

    @Override
    public Void listen(Call.Listen c) {
        return notConnectionMode();
    }

    @Override
    public Void accept(Call.Accept c) {
        return notConnectionMode();
    }

    /** listen(2), accept(2): EOPNOTSUPP, a datagram socket is not connection-mode. */
    private Void notConnectionMode() {
        done.accept(Outcome.fail(SocketError.EOPNOTSUPP));
        return null;
    }

    @Override
    public Void shutdown(Call.Shutdown c) {
        done.accept(u.isConnected() ? Outcome.OK : Outcome.fail(SocketError.ENOTCONN));
        return null;
    }

    /** A datagram longer than the buffer is cut; the rest is lost, as udp(7) says. */
    private static Bytes truncate(Bytes d, int max) {
        return d.length() <= max ? d : d.slice(0, max);
    }
}
