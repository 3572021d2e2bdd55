package org.stacklab.transport.tcp;

import org.stacklab.wire.Bytes;
import org.stacklab.wire.TcpFlags;

/**
 * Segmentation and retransmission for a {@link SendSide}: what may be sent now (windows, sender
 * SWS avoidance, Nagle), the segments themselves, and what the retransmission timer does
 * (RFC 6298 section 5, RFC 9293 3.8.6.1 persist).
 */
final class Sender {
    private Sender() {}

    /** What {@link #sendOne} did. */
    private static final int SENT = 0;
    private static final int STOPPED = 1;
    /** Stopped because cwnd (not the peer's window, Nagle or a lack of data) had no room. */
    private static final int CWND_FULL = 2;

    /** Sends whatever the windows, sender SWS avoidance and Nagle allow; in SACK recovery, the holes first. */
    static void output(SendSide s) {
        if (s.cc == null || !s.synAcked) {
            return; // data flows only once our SYN is acknowledged
        }
        int r;
        if (s.cc.sackRecovery()) {
            r = sackRecovery(s);
        } else {
            while ((r = sendOne(s, s.cc.cwnd() + s.cc.limitedTransmit() - s.flightToNxt()))
                    == SENT) {
                // one segment per turn
            }
        }
        s.cc.sent(r == CWND_FULL, s.flight(), s.sndUna, s.sndNxt);
    }

    /**
     * RFC 6675 section 5 step (C): while cwnd - pipe allows a segment, send NextSeg: the first
     * lost hole not yet retransmitted (rule 1), else new data (rule 2).
     */
    private static int sackRecovery(SendSide s) {
        long[] len = new long[1];
        while (true) {
            long room = s.cc.cwnd() - s.sb.pipe(s.sndUna, s.sndMax, s.mss);
            if (room < s.mss) {
                return CWND_FULL;
            }
            long hole = s.sb.nextLost(s.sndUna, s.mss, len);
            if (hole >= 0) {
                retransmitAt(s, hole, (int) Math.min(len[0], s.mss));
            } else {
                int r = sendOne(s, room);
                if (r != SENT) {
                    return r;
                }
            }
        }
    }

    private static int sendOne(SendSide s, long cwndRoom) {
        if (s.sb != null && !s.sb.isEmpty() && Seq.lt(s.sndNxt, s.sndMax)) {
            s.sndNxt = s.sb.skipSacked(s.sndNxt); // after a timeout, go back over what the peer does not hold
        }
        int total = s.bytes();
        int offset = Seq.diff(s.sndNxt, s.bufSeq);
        int unsent = total - offset;
        boolean finLeft = s.finQueued && Seq.le(s.sndNxt, s.finSeq);
        if (unsent <= 0 && !finLeft) {
            return STOPPED;
        }
        int byWindow = Seq.diff(Seq.add(s.sndUna, s.sndWnd), s.sndNxt);
        int avail = (int) Math.max(Integer.MIN_VALUE, Math.min(byWindow, cwndRoom));
        int len = Math.max(0, Math.min(Math.min(s.mss, unsent), avail));
        boolean fin = finLeft && offset + len == total;
        int want = Math.min(s.mss, Math.max(1, unsent));
        int stop = cwndRoom < want && cwndRoom <= byWindow ? CWND_FULL : STOPPED;
        if ((len == 0 && !(fin && avail > 0))
                || (len < unsent && len < s.mss && len < s.maxSndWnd / 2)) {
            // RFC 9293 3.8.6.2.1 (sender SWS avoidance): wait for a full segment's room; the
            // persist timer probes a window that stays closed (3.8.6.1).
            armPersistIfIdle(s);
            return stop;
        }
        if (!fin && !s.sock.options().nodelay() && len == unsent && len < s.mss && Seq.gt(s.smallSentUpTo, s.sndUna)) {
            return STOPPED; // RFC 9293 3.7.4 Nagle, with Minshall's refinement as Linux's tcp_nagle_check
        }
        transmitAt(s, offset, len, fin);
        return SENT;
    }

    private static void transmitAt(SendSide s, int offset, int len, boolean fin) {
        long seq = s.sndNxt;
        Bytes data = len == 0 ? Bytes.EMPTY : s.buf.read(offset, len);
        boolean push = len > 0 && offset + len == s.bytes();
        int flags = TcpFlags.ACK | (push ? TcpFlags.PSH : 0) | (fin ? TcpFlags.FIN : 0);
        boolean again = Seq.lt(seq, s.sndMax);
        s.sock.transmit(seq, flags, data, false, again);
        s.sndNxt = Seq.add(seq, len + (fin ? 1 : 0));
        s.sentData(s.sndNxt, again, s.sock.now());
        if (Seq.gt(s.sndNxt, s.sndMax)) {
            s.sndMax = s.sndNxt;
        }
        if (len < s.mss) {
            s.smallSentUpTo = s.sndNxt;
        }
        if (again) {
            s.timing = false; // Karn: no sample from a retransmission
        } else if (!s.timing) {
            s.timing = true;
            s.timedSeq = s.sndNxt;
            s.timedAt = s.sock.now();
        }
        if (!s.sock.rtx().armed()) {
            s.sock.rtx().armIn(s.rtt.current()); // RFC 6298 (5.1)
        }
    }

    /** Resends the first unacknowledged segment (fast retransmit, partial ACK, timeout). */
    static void retransmitFirst(SendSide s) {
        long end = retransmitAt(s, s.sndUna, s.mss);
        if (end >= 0 && Seq.lt(s.sndNxt, end)) {
            s.sndNxt = end;
        }
    }

    /** Resends up to {@code max} bytes at {@code seq} (and the FIN if it follows); returns the end, or -1. */
    private static long retransmitAt(SendSide s, long seq, int max) {
        int offset = Seq.diff(seq, s.bufSeq);
        boolean finSent = s.finQueued && Seq.gt(s.sndMax, s.finSeq);
        int outstanding = Seq.diff(s.sndMax, seq) - (finSent ? 1 : 0);
        int len = Math.max(0, Math.min(max, Math.min(s.bytes() - offset, outstanding)));
        boolean fin = finSent && Seq.add(seq, len) == s.finSeq;
        if (len == 0 && !fin) {
            return -1;
        }
        Bytes data = len == 0 ? Bytes.EMPTY : s.buf.read(offset, len);
        int flags = TcpFlags.ACK | (fin ? TcpFlags.FIN : 0);
        s.sock.transmit(seq, flags, data, false, true);
        s.timing = false;
        long end = Seq.add(seq, len + (fin ? 1 : 0));
        s.sentData(end, true, s.sock.now());
        if (s.sb != null) {
            s.sb.retransmitted(end);
        }
        return end;
    }

    private static void armPersistIfIdle(SendSide s) {
        if (s.sndUna == s.sndMax && !s.sock.rtx().armed()) {
            s.sock.rtx().armIn(s.rtt.current());
        }
    }

    /**
     * The retransmission timer expired (RFC 6298 5.4-5.6): retransmit the first unacknowledged
     * segment, back off, collapse cwnd, and go back to SND.UNA. With nothing outstanding the
     * timer was the persist timer: probe the window. False when the connection must give up.
     */
    static boolean onTimeout(SendSide s) {
        if (s.flight() == 0) {
            persist(s);
            return true;
        }
        if (++s.retries > SendSide.MAX_RETRIES) {
            return false;
        }
        s.cc.onTimeout(s.flight(), s.sndMax, s.rtt.backoffs() == 0, s.sock.now());
        if (s.sb != null) {
            s.sb.clear();
        }
        s.rtt.backOff();
        s.timing = false;
        s.sndNxt = s.sndUna;
        if (s.sndWnd == 0) {
            sendProbe(s);
        } else {
            retransmitFirst(s);
        }
        s.sock.rtx().armIn(s.rtt.current()); // RFC 6298 (5.6)
        return true;
    }

    /**
     * RFC 9293 3.8.6.1: a zero window is probed, and 3.8.6.2.1: when the override timeout
     * expires, what fits is sent even if short. Linux probes with SND.UNA - 1, which the peer
     * answers with an ACK carrying its window.
     */
    private static void persist(SendSide s) {
        int offset = Seq.diff(s.sndNxt, s.bufSeq);
        int unsent = Math.max(0, s.bytes() - offset);
        boolean finLeft = s.finQueued && Seq.le(s.sndNxt, s.finSeq);
        if (unsent == 0 && !finLeft) {
            return;
        }
        int avail = Seq.diff(Seq.add(s.sndUna, (int) Math.min(s.cc.cwnd(), s.sndWnd)), s.sndNxt);
        if (avail > 0) {
            int len = Math.min(Math.min(avail, unsent), s.mss);
            transmitAt(s, offset, len, finLeft && offset + len == s.bytes());
        } else {
            sendProbe(s);
        }
        s.rtt.backOff();
        s.sock.rtx().armIn(s.rtt.current());
    }

    private static void sendProbe(SendSide s) {
        s.sock.transmit(Seq.add(s.sndUna, -1), TcpFlags.ACK, Bytes.EMPTY, false, false);
    }
}
