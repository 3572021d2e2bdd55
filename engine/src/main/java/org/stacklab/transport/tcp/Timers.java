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

    final Timer rtx;
    final Timer delack;
    final Timer linger;
    private final TcpSocket sock;

    Timers(TcpSocket sock, Simulator sim) {
        this.sock = sock;
        this.rtx = new Timer(sim, this, RETRANSMIT);
        this.delack = new Timer(sim, this, DELAYED_ACK);
        this.linger = new Timer(sim, this, LINGER);
    }

    void stopAll() {
        rtx.stop();
        delack.stop();
        linger.stop();
    }

    void expired(int kind) {
        if (kind == RETRANSMIT) {
            retransmit();
        } else if (kind == DELAYED_ACK) {
            // RFC 9293 3.8.6.3: the delayed ACK is due (Linux: 40 ms at least)
            if (sock.state().synchronizedState()) {
                Segments.sendAck(sock);
            }
            return;
        } else {
            linger();
        }
        sock.flush();
        sock.wake();
    }

    private void retransmit() {
        TcpState st = sock.state();
        if (st == TcpState.SYN_SENT || st == TcpState.SYN_RECEIVED) {
            Handshake.onTimeout(sock);
        } else if (st.synchronizedState() && st != TcpState.TIME_WAIT && !sock.snd.onTimeout()) {
            // Linux tcp_write_err after tcp_retries2: ETIMEDOUT, no RST
            Closing.terminate(sock, SocketError.ETIMEDOUT);
        }
    }

    /** TIME-WAIT is over (RFC 9293 3.6.1: delete the TCB), or an orphaned FIN-WAIT-2 waited tcp_fin_timeout. */
    private void linger() {
        TcpState st = sock.state();
        if (st == TcpState.TIME_WAIT || st == TcpState.FIN_WAIT_2) {
            Closing.terminate(sock, null);
        }
    }
}
