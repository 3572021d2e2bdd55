package org.stacklab.transport.tcp;

import org.stacklab.transport.Completion;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

/**
 * The socket calls of {@link TcpSocket}: the errno each returns before doing anything (a closed
 * descriptor, a socket not listening or not connected, a handshake in progress), then the phase
 * that carries the call out ({@link Listener}, {@link Handshake}, {@link Waiters},
 * {@link Closing}, {@link SocketLevel}).
 */
final class Calls {
    private Calls() {
    }

    static SocketError bind(TcpSocket s, Endpoint local) {
        if (s.appClosed) {
            return SocketError.EBADF;
        }
        SocketError e = s.table().bind(s, local);
        if (e == null) {
            TcpTrace.bind(s, local.port() == 0);
        }
        return e;
    }

    static void accept(TcpSocket s, long timeoutNs, Completion<TcpSocket> done) {
        if (s.appClosed) {
            done.done(SocketError.EBADF, null);
        } else if (s.listener == null) {
            done.done(SocketError.EINVAL, null); // accept(2): not listening
        } else {
            s.listener.accept(timeoutNs, done);
        }
    }

    static void connect(TcpSocket s, Endpoint to, long timeoutNs, Completion<Void> done) {
        TcpState state = s.state();
        if (s.appClosed) {
            done.done(SocketError.EBADF, null);
        } else if (s.connecting) {
            Handshake.again(s, timeoutNs, done);
        } else if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            done.done(SocketError.EALREADY, null);
        } else if (state != TcpState.CLOSED || s.everConnected) {
            done.done(SocketError.EISCONN, null); // connected, closed after a connection, or listening (inet_stream_connect)
        } else {
            Handshake.connect(s, to, timeoutNs, done);
        }
    }

    static void send(TcpSocket s, Bytes data, boolean dontWait, long timeoutNs, Completion<Long> done) {
        if (s.appClosed) {
            done.done(SocketError.EBADF, null);
            return;
        }
        TcpState state = s.state();
        if ((s.nonblocking() || dontWait) && s.connecting && (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED)) {
            done.done(SocketError.EAGAIN, null); // sk_stream_wait_connect with no time to wait
            return;
        }
        SocketError e = Waiters.sendError(s);
        if (e != null) {
            done.done(e, null);
            return;
        }
        s.waiters().write(data, s.nonblocking() || dontWait || timeoutNs == 0, timeoutNs, done);
    }

    static void recv(TcpSocket s, int max, long timeoutNs, int flags, Completion<Bytes> done) {
        if (s.appClosed) {
            done.done(SocketError.EBADF, null);
        } else if (s.rcv == null || s.state() == TcpState.LISTEN) {
            done.done(SocketError.ENOTCONN, null); // tcp_recvmsg: listening or never connected
        } else {
            s.waiters().read(Math.max(1, max), timeoutNs, flags, done);
        }
    }

    /** close() with SO_LINGER: {0} resets the connection; {N} holds {@code closed} (S4). */
    static void close(TcpSocket s, Runnable closed) {
        if (s.appClosed) {
            closed.run();
            return;
        }
        if (SocketLevel.resetsOnClose(s)) {
            s.appClosed = true;
            s.failWaiters(SocketError.EBADF);
            Closing.abort(s);
            closed.run();
            return;
        }
        s.close();
        long linger = s.options().lingerNs();
        if (linger > 0 && !SocketLevel.lingerOver(s)) {
            SocketLevel.linger(s, linger, closed);
        } else {
            closed.run();
        }
    }
}
