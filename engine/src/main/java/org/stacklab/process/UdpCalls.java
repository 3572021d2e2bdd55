package org.stacklab.process;

import java.util.function.Consumer;
import org.stacklab.transport.SocketError;
import org.stacklab.transport.udp.UdpSocket;
import org.stacklab.wire.Bytes;

/** Socket calls on a UDP socket: what each call means for a datagram socket. */
final class UdpCalls {
    private UdpCalls() {}

    static void run(UdpSocket u, Call call, Consumer<Outcome> done) {
        if (call instanceof Call.SendTo s) {
            SocketError e = u.sendTo(s.to(), s.data());
            done.accept(e == null ? Outcome.sent(s.data().length()) : Outcome.fail(e));
        } else if (call instanceof Call.RecvFrom r) {
            u.recv(r.timeoutNs(), (e, d) -> done.accept(e != null ? Outcome.fail(e) : Outcome.data(truncate(d.data(), r.max()), d.from())));
        } else if (call instanceof Call.Bind b) {
            done.accept(result(u.bind(b.addr())));
        } else if (call instanceof Call.Connect c) {
            done.accept(result(u.connect(c.addr())));
        } else if (call instanceof Call.Send s) {
            SocketError e = u.send(s.data());
            done.accept(e == null ? Outcome.sent(s.data().length()) : Outcome.fail(e));
        } else if (call instanceof Call.Recv r) {
            u.recv(r.timeoutNs(), (e, d) -> done.accept(e != null ? Outcome.fail(e) : Outcome.data(truncate(d.data(), r.max()), null)));
        } else if (call instanceof Call.Listen || call instanceof Call.Accept) {
            done.accept(Outcome.fail(SocketError.EOPNOTSUPP)); // listen(2): not a connection-mode socket
        } else if (call instanceof Call.Shutdown s) {
            done.accept(result(u.shutdown(s.how())));
        } else {
            done.accept(Outcome.fail(SocketError.EINVAL));
        }
    }

    /** A datagram longer than the buffer is cut; the rest is lost, as udp(7) says. */
    private static Bytes truncate(Bytes d, int max) {
        return d.length() <= max ? d : d.slice(0, max);
    }

    private static Outcome result(SocketError e) {
        return e == null ? Outcome.OK : Outcome.fail(e);
    }
}
