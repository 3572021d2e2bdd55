package org.stacklab.process;

import java.util.function.Consumer;
import org.stacklab.transport.SocketError;
import org.stacklab.transport.tcp.TcpSocket;

/** Socket calls on a TCP socket: what each call means for a stream socket. */
final class TcpCalls {
    private TcpCalls() {}

    static void run(SimSocketApi api, TcpSocket t, Call call, Consumer<Outcome> done) {
        if (call instanceof Call.Bind b) {
            done.accept(result(t.bind(b.addr())));
        } else if (call instanceof Call.Listen l) {
            done.accept(result(t.listen(l.backlog())));
        } else if (call instanceof Call.Accept a) {
            t.accept(a.timeoutNs(), (e, child) -> done.accept(e != null ? Outcome.fail(e)
                    : Outcome.accepted(api.adopt(child), child.remote())));
        } else if (call instanceof Call.Connect c) {
            t.connect(c.addr(), c.timeoutNs(), (e, v) -> done.accept(result(e)));
        } else if (call instanceof Call.Send s) {
            t.send(s.data(), (e, n) -> done.accept(e != null ? Outcome.fail(e) : Outcome.sent(n)));
        } else if (call instanceof Call.SendTo s) {
            // send(2): on a connection-mode socket the address is ignored (Linux's tcp_sendmsg does)
            t.send(s.data(), (e, n) -> done.accept(e != null ? Outcome.fail(e) : Outcome.sent(n)));
        } else if (call instanceof Call.Recv r) {
            t.recv(r.max(), r.timeoutNs(), (e, d) -> done.accept(e != null ? Outcome.fail(e) : Outcome.data(d, null)));
        } else if (call instanceof Call.RecvFrom r) {
            t.recv(r.max(), r.timeoutNs(), (e, d) -> done.accept(e != null ? Outcome.fail(e)
                    : Outcome.data(d, t.remote())));
        } else if (call instanceof Call.Shutdown s) {
            done.accept(result(t.shutdown(s.how())));
        } else {
            done.accept(Outcome.fail(SocketError.EINVAL));
        }
    }

    private static Outcome result(SocketError e) {
        return e == null ? Outcome.OK : Outcome.fail(e);
    }
}
