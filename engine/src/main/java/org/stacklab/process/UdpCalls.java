package org.stacklab.process;

import java.util.function.Consumer;
import org.stacklab.transport.MsgFlags;
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
    void closeSocket(Runnable closed) {
        u.close();
        closed.run();
    }

    @Override
    public Void sendTo(Call.SendTo s) {
        SocketError e = u.sendTo(s.to(), s.data());
        done.accept(e == null ? Outcome.sent(s.data().length()) : Outcome.fail(e));
        return null;
    }

    @Override
    public Void recvFrom(Call.RecvFrom r) {
        u.recv(patience(r.timeoutNs(), r.flags()), (r.flags() & MsgFlags.PEEK) != 0,
                (e, d) -> done.accept(e != null ? Outcome.fail(e) : received(d, r.max(), r.flags(), d.from())));
        return null;
    }

    @Override
    public Void bind(Call.Bind b) {
        done.accept(result(u.bind(b.addr())));
        return null;
    }

    @Override
    public Void connect(Call.Connect c) {
        done.accept(result(c.addr() == null ? u.disconnect() : u.connect(c.addr()))); // null: AF_UNSPEC
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
        u.recv(patience(r.timeoutNs(), r.flags()), (r.flags() & MsgFlags.PEEK) != 0,
                (e, d) -> done.accept(e != null ? Outcome.fail(e) : received(d, r.max(), r.flags(), null)));
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
        done.accept(result(u.shutdown(c.how())));
        return null;
    }

    private long patience(long timeoutNs, int flags) {
        return u.nonblocking() || (flags & MsgFlags.DONTWAIT) != 0 ? 0 : timeoutNs;
    }

    /** S1: with MSG_TRUNC the call returns the datagram's real length, though only {@code max} bytes are kept. */
    private static Outcome received(UdpSocket.Datagram d, int max, int flags, org.stacklab.wire.Endpoint from) {
        Bytes kept = truncate(d.data(), max);
        return (flags & MsgFlags.TRUNC) != 0 ? Outcome.data(kept, from, d.data().length()) : Outcome.data(kept, from);
    }

    /** A datagram longer than the buffer is cut; the rest is lost, as udp(7) says. */
    private static Bytes truncate(Bytes d, int max) {
        return d.length() <= max ? d : d.slice(0, max);
    }
}
