package org.stacklab.transport.tcp;

import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.TcpFlags;

/**
 * How connections end: shutdown and close from the application (RFC 9293 3.10.4), abort with
 * RST (3.10.5), TIME-WAIT (3.6.1), and the end of the connection record.
 */
final class Closing {
    private Closing() {}

    /** {@code shutdown(how)}: a half-close sends our FIN and keeps receiving (RFC 9293 3.10.4). */
    static SocketError shutdown(TcpSocket s, String how) {
        boolean rd = "read".equals(how) || "both".equals(how);
        boolean wr = "write".equals(how) || "both".equals(how);
        if (!rd && !wr) {
            return SocketError.EINVAL;
        }
        TcpState st = s.state();
        if (st == TcpState.LISTEN) {
            if (rd) {
                stopListening(s); // inet_shutdown: a listener shut for reading is disconnected
            }
            return null;
        }
        if (st == TcpState.CLOSED || st == TcpState.SYN_SENT) {
            return SocketError.ENOTCONN;
        }
        s.readShut |= rd;
        if (wr && !s.writeShut) {
            s.writeShut = true;
            if (st == TcpState.ESTABLISHED || st == TcpState.SYN_RECEIVED || st == TcpState.CLOSE_WAIT) {
                sendFin(s);
            }
        }
        s.wake();
        return null;
    }

    /**
     * {@code close()}: the socket is orphaned. A connection sends its FIN and finishes on its own;
     * with unread data it is reset instead (RFC 2525 2.17, as Linux's tcp_close does); a listener
     * resets its connections not yet accepted (G4).
     */
    static void close(TcpSocket s) {
        TcpState st = s.state();
        if (st == TcpState.LISTEN) {
            stopListening(s);
        } else if (st == TcpState.CLOSED || st == TcpState.SYN_SENT) {
            s.transitionTo(TcpState.CLOSED); // RFC 9293 3.10.4: SYN-SENT: delete the TCB
            s.stopTimers();
            s.stack().forget(s);
        } else if (st == TcpState.ESTABLISHED || st == TcpState.SYN_RECEIVED || st == TcpState.CLOSE_WAIT) {
            if (s.rcv.queued() > 0) {
                abort(s);
            } else {
                s.writeShut = true;
                sendFin(s);
            }
        } else if (st == TcpState.FIN_WAIT_2) {
            s.timers().linger().armIn(TcpSocket.FIN_TIMEOUT); // Linux tcp_fin_timeout for orphans
        }
        // FIN-WAIT-1, CLOSING, LAST-ACK, TIME-WAIT: already closing; they finish on their own.
    }

    /** RFC 9293 3.10.4: queue the FIN; ESTABLISHED (or SYN-RECEIVED) goes to FIN-WAIT-1, CLOSE-WAIT to LAST-ACK. */
    static void sendFin(TcpSocket s) {
        s.snd.queueFin();
        s.transitionTo(s.state() == TcpState.CLOSE_WAIT ? TcpState.LAST_ACK : TcpState.FIN_WAIT_1);
        s.flush();
    }

    private static void stopListening(TcpSocket s) {
        s.listener.close();
        s.listener = null;
        s.transitionTo(TcpState.CLOSED);
        s.stack().forget(s);
    }

    /** RFC 9293 3.10.5 ABORT: RST to the peer (<SEQ=SND.NXT><CTL=RST,ACK> as Linux), then CLOSED. */
    static void abort(TcpSocket s) {
        s.rcv.discard();
        s.transmit(s.snd.sndNxt(), TcpFlags.RST | TcpFlags.ACK, Bytes.EMPTY, false, false);
        terminate(s, null);
    }

    static void enterTimeWait(TcpSocket s) {
        s.transitionTo(TcpState.TIME_WAIT);
        s.table().enterTimeWait(s); // it keeps its port and 4-tuple (L2)
        s.stopTimers();
        s.timers().restartTimeWait();
    }

    /**
     * The connection is over (reset, timeout, TIME-WAIT done): CLOSED, with {@code error} for the
     * application's next call. A failed connect keeps an explicitly bound port for another try.
     */
    static void terminate(TcpSocket s, SocketError error) {
        if (error != null) {
            s.pendingError = error;
        }
        TcpState was = s.state();
        s.transitionTo(TcpState.CLOSED);
        s.stopTimers();
        if (s.parent != null) {
            s.parent.dropped(s);
        }
        boolean connectFailed = was == TcpState.SYN_SENT || (was == TcpState.SYN_RECEIVED && s.activeOpen);
        if (connectFailed && !s.appClosed) {
            s.table().abandonConnect(s);
        } else {
            s.stack().forget(s);
        }
    }
}
