package org.stacklab.transport.tcp;

import org.stacklab.sim.EventHandle;
import org.stacklab.transport.Readiness;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.TcpFlags;

/**
 * What a TCP socket answers at the socket level rather than on the wire: poll(2)'s readiness
 * (tcp_poll), connect(AF_UNSPEC) (tcp_disconnect) and close with SO_LINGER (tcp_close). The
 * rules are in docs/port-table.md section 12 (P1-P4, S3, S4, S7).
 */
final class SocketLevel {
    private SocketLevel() {}

    /**
     * tcp_poll, measured on Linux 6.18: a listener is readable when a connection waits to be
     * accepted; HUP when both directions are shut or the socket is CLOSE (a new socket too);
     * IN at end of stream or shutdown(SHUT_RD); IN and OUT only past the handshake (OUT also once
     * shut for writing); ERR while SO_ERROR holds an error. A connection that ended (reset,
     * refused, timed out) is shut both ways, as tcp_done leaves it.
     */
    static int pollMask(TcpSocket s) {
        if (s.appClosed) {
            return 0;
        }
        TcpState st = s.state();
        if (st == TcpState.LISTEN) {
            return s.listener != null && s.listener.queued() > 0 ? Readiness.IN : 0;
        }
        boolean done = st == TcpState.CLOSED && (s.connectTried || s.everConnected);
        boolean rdShut = done || s.readShut || (s.rcv != null && s.rcv.finReceived());
        boolean wrShut = done || s.writeShut;
        int m = 0;
        if ((rdShut && wrShut) || st == TcpState.CLOSED) {
            m |= Readiness.HUP;
        }
        if (rdShut) {
            m |= Readiness.IN;
        }
        if (st != TcpState.SYN_SENT && st != TcpState.SYN_RECEIVED) {
            if (s.rcv != null && s.rcv.queued() > 0) {
                m |= Readiness.IN;
            }
            if (wrShut || s.snd == null || s.snd.writable()) {
                m |= Readiness.OUT;
            }
        }
        if (s.hasError()) {
            m |= Readiness.ERR;
        }
        return m;
    }

    /** tcp_need_reset: the states in which an abort tells the peer with an RST. */
    static boolean needsReset(TcpState st) {
        return st == TcpState.ESTABLISHED || st == TcpState.CLOSE_WAIT || st == TcpState.FIN_WAIT_1
                || st == TcpState.FIN_WAIT_2 || st == TcpState.SYN_RECEIVED;
    }

    /**
     * S3, connect(AF_UNSPEC) on a TCP socket (tcp_disconnect), measured on Linux 6.18: returns 0;
     * a connection is reset (RST to the peer, ECONNRESET for this socket's next send, ENOTCONN
     * for recv); a connect in progress is dropped without an RST (its ECONNRESET is still kept for
     * the next call, as tcp_disconnect does); a second one leaves that error alone; the socket may
     * connect again.
     */
    static SocketError disconnect(TcpSocket s) {
        TcpState st = s.state();
        if (st == TcpState.LISTEN) {
            s.listener.close();
            s.listener = null;
            s.transitionTo(TcpState.CLOSED);
            s.table().abandonConnect(s);
        } else if (st != TcpState.CLOSED && st != TcpState.TIME_WAIT) {
            if (needsReset(st)) {
                s.rcv.discard();
                s.transmit(s.snd.sndNxt(), TcpFlags.RST | TcpFlags.ACK, Bytes.EMPTY, false, false);
                s.pendingError = SocketError.ECONNRESET;
            } else if (st == TcpState.SYN_SENT) {
                s.pendingError = SocketError.ECONNRESET; // tcp_disconnect: no RST, but sk_err all the same
            }
            s.transitionTo(TcpState.CLOSED);
            s.stopTimers();
            s.table().abandonConnect(s);
        }
        s.connecting = false;
        s.everConnected = false; // sock->state = SS_UNCONNECTED: connect() may be called again
        s.readShut = false;
        s.writeShut = false;
        s.rcv = null;
        s.snd = null;
        s.wake();
        return null;
    }

    /** S4, SO_LINGER {on, 0}: close() aborts a connection with RST and no TIME-WAIT (tcp_close). */
    static boolean resetsOnClose(TcpSocket s) {
        return s.options().lingerNs() == 0 && needsReset(s.state());
    }

    /** SO_LINGER {on, N}: close() returns once our FIN is acknowledged, the connection ended, or N passed. */
    static boolean lingerOver(TcpSocket s) {
        TcpState st = s.state();
        return s.snd == null || st == TcpState.CLOSED || st == TcpState.TIME_WAIT || st == TcpState.FIN_WAIT_2
                || s.snd.finAcked();
    }

    /** Holds {@code closed} until {@link #lingerOver} or {@code ns}, whichever is first. */
    static void linger(TcpSocket s, long ns, Runnable closed) {
        EventHandle[] timer = new EventHandle[1];
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (lingerOver(s)) {
                s.lingering = null;
                timer[0].cancel();
                closed.run();
            }
        };
        timer[0] = s.stack().sim().schedule(ns, () -> {
            if (s.lingering == check[0]) {
                s.lingering = null;
                closed.run(); // the time ran out: close returns, the connection goes on closing
            }
        });
        s.lingering = check[0];
    }

    /** S7: arms the keepalive timer when SO_KEEPALIVE is on and it is not running (setsockopt, a new connection). */
    static void keepalive(TcpSocket s) {
        if (s.options().keepalive() && s.keepTimer == null && !s.appClosed) {
            s.lastHeard = s.now();
            s.keepTimer = s.stack().sim().schedule(s.options().keepIdle(), () -> keepaliveFired(s));
        } else if (!s.options().keepalive() && s.keepTimer != null) {
            s.keepTimer.cancel();
            s.keepTimer = null;
        }
    }

    /**
     * S7, tcp_keepalive_timer: after {@code keepidle} without a segment from the peer (and with
     * nothing in flight or queued), a probe: an ACK carrying no data, one before SND.UNA, which the
     * peer must answer with an ACK; then one every {@code keepintvl}; when {@code keepcnt} probes
     * went unanswered the connection is reset (RST) and fails with ETIMEDOUT.
     */
    private static void keepaliveFired(TcpSocket s) {
        s.keepTimer = null;
        TcpState st = s.state();
        // an orphaned FIN-WAIT-2 waits for tcp_fin_timeout instead (tcp_keepalive_timer checks it first)
        if (!s.options().keepalive() || st == TcpState.CLOSED || st == TcpState.TIME_WAIT || st == TcpState.LISTEN
                || (st == TcpState.FIN_WAIT_2 && s.appClosed)) {
            return;
        }
        long idle = s.options().keepIdle();
        long next = idle;
        if (st.synchronizedState() && s.snd != null && s.snd.flight() == 0 && s.snd.bytes() == 0) {
            long elapsed = s.now() - s.lastHeard;
            if (elapsed >= idle) {
                if (s.keepProbes >= s.options().keepCnt()) {
                    s.transmit(s.snd.sndNxt(), TcpFlags.RST | TcpFlags.ACK, Bytes.EMPTY, false, false);
                    Closing.terminate(s, SocketError.ETIMEDOUT);
                    s.wake();
                    return;
                }
                s.keepProbes++;
                s.transmit(Seq.add(s.snd.sndUna(), -1), TcpFlags.ACK, Bytes.EMPTY, false, false);
                next = s.options().keepIntvl();
            } else {
                next = idle - elapsed;
            }
        }
        s.keepTimer = s.stack().sim().schedule(next, () -> keepaliveFired(s));
    }
}
