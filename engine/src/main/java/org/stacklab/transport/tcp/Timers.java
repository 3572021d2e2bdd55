package org.stacklab.transport.tcp;

import org.stacklab.sim.Simulator;
import org.stacklab.transport.SocketError;

/**
 * The timers of one connection, one {@link Timer} (one pending event at most) per kind:
 * retransmission (which also repeats the SYN and SYN-ACK and runs the persist probe), delayed
 * ACK, and linger (TIME-WAIT, or an orphaned FIN-WAIT-2). Allocated when the socket first needs one.
 */
final class Timers {
    static final int RETRANSMIT = 0;
    static final int DELAYED_ACK = 1;
    static final int LINGER = 2;

    private final TcpSocket sock;
    private final Simulator sim;
    private Timer rtx;
    private Timer delack;
    private Timer linger;

    Timers(TcpSocket sock, Simulator sim) {
        this.sock = sock;
        this.sim = sim;
    }

    Timer rtx() {
        if (rtx == null) {
            rtx = new Timer(sim, this, RETRANSMIT);
        }
        return rtx;
    }

    /** Allocated when data first arrives: a socket that only sends never needs it. */
    Timer delack() {
        if (delack == null) {
            delack = new Timer(sim, this, DELAYED_ACK);
        }
        return delack;
    }

    /** Allocated when the connection starts closing. */
    Timer linger() {
        if (linger == null) {
            linger = new Timer(sim, this, LINGER);
        }
        return linger;
    }

    /** RFC 9293 3.8.6.3: acknowledge later, when the delayed-ACK timer expires, unless something is sent first. */
    void delayAck() {
        Timer t = delack();
        if (!t.armed()) {
            t.armIn(TcpSocket.DELAYED_ACK);
        }
    }

    /** 2 MSL (RFC 9293 3.6.1): context().timeWaitNs(), Linux's 60 s by default (L1). */
    void restartTimeWait() {
        linger().armIn(sock.stack().context().timeWaitNs());
    }

    /** An ACK went out: a pending delayed ACK is void. */
    void ackSent() {
        if (delack != null) {
            delack.stop();
        }
    }

    void stopAll() {
        stop(rtx);
        stop(delack);
        stop(linger);
    }

    private static void stop(Timer t) {
        if (t != null) {
            t.stop();
        }
    }

    void expired(int kind) {
        if (kind == RETRANSMIT) {
            retransmit();
        } else if (kind == DELAYED_ACK) {
            // RFC 9293 3.8.6.3: the delayed ACK is due (Linux: 40 ms at least)
            if (sock.state().synchronizedState()) {
                if (sock.rcv != null) {
                    sock.rcv.delayedAckMissed();
                }
                Segments.sendAck(sock);
            }
            return;
        } else {
            lingerExpired();
        }
        sock.flush();
        sock.wake();
    }

    private void retransmit() {
        TcpState st = sock.state();
        if (st == TcpState.SYN_SENT || st == TcpState.SYN_RECEIVED) {
            Handshake.onTimeout(sock);
        } else if (st.synchronizedState() && st != TcpState.TIME_WAIT && timedOut() && !Sender.onTimeout(sock.snd)) {
            // Linux tcp_write_err after tcp_retries2: ETIMEDOUT, no RST
            Closing.terminate(sock, SocketError.ETIMEDOUT);
        }
    }

    private boolean timedOut() {
        sock.opts.timedOut(sim.now());
        return true;
    }

    /** TIME-WAIT is over (RFC 9293 3.6.1: delete the TCB), or an orphaned FIN-WAIT-2 waited tcp_fin_timeout. */
    private void lingerExpired() {
        TcpState st = sock.state();
        if (st == TcpState.TIME_WAIT || st == TcpState.FIN_WAIT_2) {
            Closing.terminate(sock, null);
        }
    }
}
