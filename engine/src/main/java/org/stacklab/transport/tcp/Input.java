package org.stacklab.transport.tcp;

import org.stacklab.trace.TraceEvent;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * A segment arrives at a synchronized connection: RFC 9293 section 3.10.7.4, checked in the
 * RFC's order (sequence number, RST, SYN, ACK, text, FIN), one method per check. TIME-WAIT has
 * its own short table.
 */
final class Input {
    private Input() {}

    /** A segment for {@code s}: decide (by state), account for it, send what it caused, wake blocked calls. */
    static void receive(TcpSocket s, IpPacket p, TraceEvent.Delivery how) {
        // The deliver (or drop) line comes first in the trace, then the state changes it caused.
        s.stack().tracer().hold();
        s.lastHeard = s.now();
        s.keepProbes = 0;
        Verdict v = arrive(s, p, (TcpSegment) p.transport());
        if (s.stack().tracer().on()) {
            s.stack().tracer().releaseAfter(() -> account(s, p, how, v));
        } else {
            account(s, p, how, v);
        }
        s.flush();
        s.wake();
    }

    /** Ends the segment's accounting: delivered to this socket, or dropped with the verdict's reason. */
    private static void account(TcpSocket s, IpPacket p, TraceEvent.Delivery how, Verdict v) {
        if (v == Verdict.DELIVERED) {
            s.host().delivered(p, how);
        } else {
            s.host().drop(p, v.reason(), v.detail());
        }
    }

    /** RFC 9293 3.10.7: by state, the listener (3.10.7.2), SYN-SENT (3.10.7.3), CLOSED (3.10.7.1), or the rest. */
    static Verdict arrive(TcpSocket s, IpPacket p, TcpSegment seg) {
        TcpState st = s.state();
        if (st == TcpState.LISTEN) {
            return s.listener.onSegment(p, seg);
        }
        if (st == TcpState.SYN_SENT) {
            return Handshake.onSegment(s, seg);
        }
        if (st == TcpState.CLOSED) {
            if (!seg.has(TcpFlags.RST)) {
                s.reply(Segments.resetFor(s.host(), p.dst(), p.src(), seg));
            }
            return Verdict.CLOSED;
        }
        return onSegment(s, seg);
    }

    private static Verdict onSegment(TcpSocket s, TcpSegment seg) {
        if (s.state() == TcpState.TIME_WAIT) {
            return inTimeWait(s, seg);
        }
        if (s.state() == TcpState.SYN_RECEIVED && seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.ACK)
                && Seq.add(seg.seq(), 1) == s.rcv.rcvNxt()) {
            Listener.sendSynAck(s, true); // the peer repeated its SYN: our SYN-ACK was lost (Linux tcp_check_req)
            return Verdict.SYN_REPEATED;
        }
        int len = seg.sequenceLength();
        if (!s.rcv.acceptable(seg.seq(), len)) {
            // First: an unacceptable segment is answered with an ACK (unless it is an RST) and dropped.
            if (!seg.has(TcpFlags.RST)) {
                s.ackNow();
            }
            return Seq.le(Seq.add(seg.seq(), len), s.rcv.rcvNxt()) ? Verdict.OLD_DUPLICATE : Verdict.OUT_OF_WINDOW;
        }
        s.opts.seen(seg, s.rcv.lastAckSent()); // RFC 7323 4.3: TS.Recent
        if (seg.has(TcpFlags.RST)) {
            return reset(s, seg);
        }
        if (seg.has(TcpFlags.SYN)) {
            s.ackNow(); // fourth: a SYN in the window gets a challenge ACK (RFC 5961 section 4)
            return Verdict.SYN_CHALLENGED;
        }
        if (!seg.has(TcpFlags.ACK)) {
            return Verdict.NO_ACK; // fifth: without ACK the segment is dropped
        }
        Verdict v = ack(s, seg);
        if (v != null) {
            return v;
        }
        return s.state() == TcpState.CLOSED ? Verdict.DELIVERED : text(s, seg);
    }

    /**
     * Second: an RST exactly at RCV.NXT resets the connection; elsewhere in the window it earns a
     * challenge ACK (RFC 5961 3.2). The error for the application is Linux's (tcp_reset): EPIPE
     * in CLOSE-WAIT, ECONNREFUSED for an active open still in SYN-RECEIVED, else ECONNRESET. A
     * passive child in SYN-RECEIVED just goes away (RFC: "return to LISTEN").
     */
    private static Verdict reset(TcpSocket s, TcpSegment seg) {
        if (seg.seq() != s.rcv.rcvNxt()) {
            s.ackNow();
            return Verdict.RST_CHALLENGED;
        }
        SocketError e;
        if (s.state() == TcpState.SYN_RECEIVED) {
            e = s.activeOpen ? SocketError.ECONNREFUSED : null;
        } else {
            e = s.state() == TcpState.CLOSE_WAIT ? SocketError.EPIPE : SocketError.ECONNRESET;
        }
        Closing.terminate(s, e);
        return Verdict.DELIVERED;
    }

    /** Fifth: the ACK field, per state. Returns a drop verdict, or null to go on to the text. */
    private static Verdict ack(TcpSocket s, TcpSegment seg) {
        if (s.state() == TcpState.SYN_RECEIVED) {
            Verdict v = completeHandshake(s, seg);
            if (v != null) {
                return v;
            }
        }
        Verdict v = s.snd.onAck(seg);
        if (v != null || !s.snd.finAcked()) {
            return v;
        }
        TcpState st = s.state();
        if (st == TcpState.FIN_WAIT_1) {
            s.transitionTo(TcpState.FIN_WAIT_2); // our FIN is acknowledged
            if (s.appClosed) {
                s.timers().linger().armIn(TcpSocket.FIN_TIMEOUT); // an orphan does not wait forever (tcp_fin_timeout)
            }
        } else if (st == TcpState.CLOSING) {
            Closing.enterTimeWait(s);
        } else if (st == TcpState.LAST_ACK) {
            Closing.terminate(s, null); // "delete the TCB, enter the CLOSED state"
        }
        return null;
    }

    /**
     * SYN-RECEIVED: SND.UNA < SEG.ACK =< SND.NXT establishes the connection (and a child joins its
     * listener's accept queue); any other ACK gets <SEQ=SEG.ACK><CTL=RST>. When the accept queue
     * is full Linux drops the ACK and lets the SYN-ACK timer try again (listen overflow).
     */
    private static Verdict completeHandshake(TcpSocket s, TcpSegment seg) {
        long ack = seg.ack();
        if (!Seq.gt(ack, s.snd.sndUna()) || Seq.gt(ack, s.snd.sndNxt())) {
            s.reply(Segments.resetFor(s.host(), s.localIp(), s.peerIp, seg));
            return Verdict.BAD_ACK;
        }
        if (s.parent != null && s.parent.full()) {
            return Verdict.ACCEPT_OVERFLOW;
        }
        s.snd.setWindow(seg); // SND.WND = SEG.WND, SND.WL1 = SEG.SEQ, SND.WL2 = SEG.ACK
        s.transitionTo(TcpState.ESTABLISHED);
        if (s.parent != null) {
            s.parent.established(s);
        }
        return null;
    }

    /** Seventh and eighth: the text goes to the receive buffer, then the FIN is processed. */
    private static Verdict text(TcpSocket s, TcpSegment seg) {
        boolean fin = seg.has(TcpFlags.FIN);
        if ((seg.data().isEmpty() && !fin) || !s.state().receivesData()) {
            return Verdict.DELIVERED; // CLOSE-WAIT, CLOSING, LAST-ACK: text and FIN are ignored
        }
        if ((s.appClosed || s.readShut) && s.state() != TcpState.ESTABLISHED && !seg.data().isEmpty()) {
            // Linux (tcp_rcv_state_process, FIN-WAIT with RCV_SHUTDOWN): new data nobody will read
            // resets the connection: RST to the peer, ECONNRESET here.
            s.reply(Segments.resetFor(s.host(), s.localIp(), s.peerIp, seg));
            Closing.terminate(s, SocketError.ECONNRESET);
            return Verdict.DATA_AFTER_CLOSE;
        }
        int r = s.rcv.take(seg.seq(), seg.data(), fin);
        if ((r & ReceiveSide.IN_ORDER) != 0) {
            s.rcv.lastDataAt = s.now();
        }
        int now = ReceiveSide.OUT_OF_ORDER | ReceiveSide.FILLED_HOLE | ReceiveSide.FIN | ReceiveSide.OLD
                | ReceiveSide.WINDOW_FULL;
        if ((r & ReceiveSide.FIN) != 0 && s.state() == TcpState.ESTABLISHED && s.opts.config().delayedAck()
                && (r & (now & ~ReceiveSide.FIN)) == 0) {
            // Linux tcp_fin: a FIN in ESTABLISHED enters ping-pong mode and its ACK is delayed,
            // so the application's own FIN (close after end of stream) can carry it.
            s.rcv.pingpong = true;
            if (s.rcv.ackNowForInOrder()) {
                s.ackNow();
            } else {
                s.timers().delayAck();
            }
        } else if ((r & now) != 0) {
            s.ackNow(); // RFC 5681 4.2: out-of-order data and gap fills are acknowledged at once; so is a FIN
        } else if ((r & ReceiveSide.IN_ORDER) != 0) {
            if (s.rcv.ackNowForInOrder()) {
                s.ackNow();
            } else {
                s.timers().delayAck();
            }
        }
        if ((r & ReceiveSide.FIN) != 0) {
            finReceived(s);
        }
        return r == ReceiveSide.OLD ? Verdict.OLD_DUPLICATE : r == ReceiveSide.WINDOW_FULL ? Verdict.WINDOW_FULL
                : Verdict.DELIVERED;
    }

    /** Eighth: the peer's FIN. ESTABLISHED goes to CLOSE-WAIT, FIN-WAIT-1 to CLOSING, FIN-WAIT-2 to TIME-WAIT. */
    private static void finReceived(TcpSocket s) {
        TcpState st = s.state();
        if (st == TcpState.ESTABLISHED) {
            s.transitionTo(TcpState.CLOSE_WAIT);
        } else if (st == TcpState.FIN_WAIT_1) {
            s.transitionTo(TcpState.CLOSING); // simultaneous close (RFC 9293 figure 13)
        } else if (st == TcpState.FIN_WAIT_2) {
            Closing.enterTimeWait(s);
        }
    }

    /**
     * TIME-WAIT (RFC 9293 3.10.7.4): a repeated FIN is acknowledged and restarts the 2 MSL wait;
     * an RST ends it (Linux's default, tcp_rfc1337 = 0); a SYN that no listener took (I4) and any
     * unacceptable segment get an ACK; anything else is discarded.
     */
    private static Verdict inTimeWait(TcpSocket s, TcpSegment seg) {
        if (seg.has(TcpFlags.RST)) {
            Closing.terminate(s, null);
            return Verdict.DELIVERED;
        }
        if (seg.has(TcpFlags.SYN)) {
            s.ackNow();
            return Verdict.TIME_WAIT_SYN;
        }
        if (seg.has(TcpFlags.FIN)) {
            s.ackNow();
            s.timers().restartTimeWait();
            return Verdict.OLD_DUPLICATE;
        }
        if (!s.rcv.acceptable(seg.seq(), seg.sequenceLength())) {
            s.ackNow();
            return Verdict.OUT_OF_WINDOW;
        }
        return Verdict.TIME_WAIT_QUIET;
    }

    /**
     * I4: a SYN beyond the old connection's sequence numbers (an acceptable one, as in Linux's
     * tcp_timewait_state_process) is declined when a listener exists: the demux hands it to the
     * listener and discards this TIME-WAIT ({@code timeWaitKilled}). Otherwise the TIME-WAIT
     * answers it.
     */
    static boolean timeWaitYields(TcpSocket s, TcpSegment seg) {
        return seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.ACK) && !seg.has(TcpFlags.RST)
                && Seq.gt(seg.seq(), s.rcv.rcvNxt()) && s.table().hasListener(s.localIp(), s.localPort());
    }
}
