package org.stacklab.process;

import java.util.function.Consumer;
import org.stacklab.transport.MsgFlags;
import org.stacklab.transport.Sock;
import org.stacklab.transport.tcp.TcpSocket;

/** Socket calls on a TCP socket: what each call means for a stream socket. */
final class TcpCalls extends SimCalls {
    private final TcpSocket t;

    TcpCalls(SimSocketApi api, TcpSocket t, Consumer<Outcome> done) {
        super(api, done);
        this.t = t;
    }

    @Override
    Sock sock() {
        return t;
    }

    @Override
    void closeSocket(Runnable closed) {
        t.close(closed);
    }

    @Override
    void optionsSet() {
        t.buffersChanged();
    }

    @Override
    public Void bind(Call.Bind b) {
        done.accept(result(t.bind(b.addr())));
        return null;
    }

    @Override
    public Void listen(Call.Listen l) {
        done.accept(result(t.listen(l.backlog())));
        return null;
    }

    @Override
    public Void accept(Call.Accept a) {
        t.accept(patience(a.timeoutNs()), (e, child) -> done.accept(e != null ? Outcome.fail(e)
                : Outcome.accepted(api.adopt(child), child.remote())));
        return null;
    }

    @Override
    public Void connect(Call.Connect c) {
        if (c.addr() == null) {
            done.accept(result(t.disconnect())); // connect(AF_UNSPEC)
            return null;
        }
        t.connect(c.addr(), patience(c.timeoutNs()), (e, v) -> done.accept(result(e)));
        return null;
    }

    @Override
    public Void send(Call.Send s) {
        t.send(s.data(), (s.flags() & MsgFlags.DONTWAIT) != 0, s.timeoutNs(),
                (e, n) -> done.accept(e != null ? Outcome.fail(e) : Outcome.sent(n)));
        return null;
    }

    @Override
    public Void sendTo(Call.SendTo s) {
        // send(2): on a connection-mode socket the address is ignored (Linux's tcp_sendmsg does)
        t.send(s.data(), (s.flags() & MsgFlags.DONTWAIT) != 0, s.timeoutNs(),
                (e, n) -> done.accept(e != null ? Outcome.fail(e) : Outcome.sent(n)));
        return null;
    }

    @Override
    public Void recv(Call.Recv r) {
        t.recv(r.max(), patience(r.timeoutNs(), r.flags()), r.flags(),
                (e, d) -> done.accept(e != null ? Outcome.fail(e) : Outcome.data(d, null)));
        return null;
    }

    @Override
    public Void recvFrom(Call.RecvFrom r) {
        t.recv(r.max(), patience(r.timeoutNs(), r.flags()), r.flags(),
                (e, d) -> done.accept(e != null ? Outcome.fail(e) : Outcome.data(d, t.remote())));
        return null;
    }

    @Override
    public Void shutdown(Call.Shutdown s) {
        done.accept(result(t.shutdown(s.how())));
        return null;
    }

    /** O_NONBLOCK: a call that would wait has no time to (timeout 0: EAGAIN, or EINPROGRESS for connect). */
    private long patience(long timeoutNs) {
        return t.nonblocking() ? 0 : timeoutNs;
    }

    /** MSG_DONTWAIT: this one call has no time to wait. */
    private long patience(long timeoutNs, int flags) {
        return (flags & MsgFlags.DONTWAIT) != 0 ? 0 : patience(timeoutNs);
    }
}
