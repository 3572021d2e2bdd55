package org.stacklab.transport.tcp;

import org.stacklab.wire.Bytes;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * The sending half of a connection: SND.UNA, SND.NXT and SND.MAX, the send buffer, segmentation
 * within the peer's window and the congestion window, acknowledgment processing, and
 * retransmission (RFC 9293 section 3.8, RFC 6298, RFC 5681, RFC 6582).
 *
 * <p>SND.MAX (the highest sequence number sent, as in BSD) lets a timeout go back to SND.UNA and
 * send again while ACKs up to SND.MAX stay acceptable.
 */
final class SendSide {
    /** Send buffer: data accepted from the application and not yet acknowledged. */
    static final int BUFFER = 131_072;
    /** Linux tcp_retries2: retransmissions of one segment before the connection gives up. */
    static final int MAX_RETRIES = 15;

    private final TcpSocket sock;
    private final RttEstimator rtt = new RttEstimator();
    private final long iss;
    private long sndUna;
    private long sndNxt;
    private long sndMax;
    private int sndWnd;
    private int maxSndWnd;
    private long wl1;
    private long wl2;
    private int mss = TcpSocket.DEFAULT_PEER_MSS;
    private Congestion cc;
    private SendBuffer buf;
    /** Sequence number of the buffer's first byte. */
    private long bufSeq;
    private boolean finQueued;
    private long finSeq;
    /** End of the last segment shorter than the MSS (Linux snd_sml, for Minshall's Nagle). */
    private long smallSentUpTo;
    private boolean timing;
    private long timedSeq;
    private long timedAt;
    private int retries;

    SendSide(TcpSocket sock, long iss) {
        this.sock = sock;
        this.iss = iss;
        this.sndUna = iss;
        this.sndNxt = iss;
        this.sndMax = iss;
        this.bufSeq = Seq.add(iss, 1);
        this.smallSentUpTo = iss;
    }

    /** RFC 9293 3.7.1: the peer's MSS option bounds our segments (536 when it sent none). */
    void negotiate(int peerMss) {
        mss = Math.min(TcpSocket.MSS, peerMss > 0 ? peerMss : TcpSocket.DEFAULT_PEER_MSS);
        cc = new Congestion(sock, mss, iss);
    }

    long iss() {
        return iss;
    }

    long sndUna() {
        return sndUna;
    }

    long sndNxt() {
        return sndNxt;
    }

    int mss() {
        return mss;
    }

    RttEstimator rtt() {
        return rtt;
    }

    Congestion congestion() {
        return cc;
    }

    /** Bytes waiting to be sent or acknowledged (ss's Send-Q). */
    int bytes() {
        return buf == null ? 0 : buf.bytes();
    }

    int space() {
        return BUFFER - bytes();
    }

    /** Takes as much of {@code data} as the buffer has room for; returns how much. */
    int write(Bytes data) {
        int n = Math.min(space(), data.length());
        if (n > 0) {
            if (buf == null) {
                buf = new SendBuffer();
            }
            buf.add(n == data.length() ? data : data.slice(0, n));
        }
        return n;
    }

    /** The application closed its sending direction: a FIN follows the last byte (RFC 9293 3.10.4). */
    void queueFin() {
        if (!finQueued) {
            finQueued = true;
            finSeq = Seq.add(bufSeq, bytes());
        }
    }

    boolean finAcked() {
        return finQueued && Seq.gt(sndUna, finSeq);
    }

    /** Sends the SYN (or SYN-ACK), which occupies ISS (RFC 9293 3.4); it is timed unless repeated (Karn). */
    void sendSyn(int flags, boolean again) {
        sock.transmit(iss, flags, Bytes.EMPTY, true, again);
        sndNxt = Seq.add(iss, 1);
        sndMax = sndNxt;
        timing = !again;
        timedSeq = sndNxt;
        timedAt = sock.now();
    }

    /** RFC 9293 3.10.7.3: the SYN-ACK acknowledged our SYN; its window is the first send window. */
    void synAcked(TcpSegment seg) {
        if (timing) {
            rtt.sample(sock.now() - timedAt);
            timing = false;
        }
        rtt.resetBackoff();
        sndUna = seg.ack();
        setWindow(seg);
    }

    /** RFC 9293 3.10.7.4 (SYN-RECEIVED and 3.10.7.3): SND.WND, SND.WL1, SND.WL2 from this segment. */
    void setWindow(TcpSegment seg) {
        sndWnd = seg.window();
        wl1 = seg.seq();
        wl2 = seg.ack();
        maxSndWnd = Math.max(maxSndWnd, sndWnd);
    }

    // ---------------------------------------------------------------- output

    /** Sends whatever the windows, sender SWS avoidance and Nagle allow. */
    void output() {
        if (cc == null || !Seq.gt(sndUna, iss)) {
            return; // data flows only once our SYN is acknowledged
        }
        while (sendOne()) {
            // one segment per turn
        }
    }

    private boolean sendOne() {
        int total = bytes();
        int offset = Seq.diff(sndNxt, bufSeq);
        int unsent = total - offset;
        boolean finLeft = finQueued && Seq.le(sndNxt, finSeq);
        if (unsent <= 0 && !finLeft) {
            return false;
        }
        int avail = Seq.diff(Seq.add(sndUna, Math.min(cc.cwnd(), sndWnd)), sndNxt);
        int len = Math.max(0, Math.min(Math.min(mss, unsent), avail));
        boolean fin = finLeft && offset + len == total;
        if ((len == 0 && !(fin && avail > 0))
                || (len < unsent && len < mss && len < maxSndWnd / 2)) {
            // RFC 9293 3.8.6.2.1 (sender SWS avoidance): wait for a full segment's room; the
            // persist timer probes a window that stays closed (3.8.6.1).
            armPersistIfIdle();
            return false;
        }
        if (!fin && len == unsent && len < mss && Seq.gt(smallSentUpTo, sndUna)) {
            return false; // RFC 9293 3.7.4 Nagle, with Minshall's refinement as Linux's tcp_nagle_check
        }
        transmitAt(offset, len, fin);
        return true;
    }

    private void transmitAt(int offset, int len, boolean fin) {
        long seq = sndNxt;
        Bytes data = len == 0 ? Bytes.EMPTY : buf.read(offset, len);
        boolean push = len > 0 && offset + len == bytes();
        int flags = TcpFlags.ACK | (push ? TcpFlags.PSH : 0) | (fin ? TcpFlags.FIN : 0);
        boolean again = Seq.lt(seq, sndMax);
        sock.transmit(seq, flags, data, false, again);
        sndNxt = Seq.add(seq, len + (fin ? 1 : 0));
        if (Seq.gt(sndNxt, sndMax)) {
            sndMax = sndNxt;
        }
        if (len < mss) {
            smallSentUpTo = sndNxt;
        }
        if (again) {
            timing = false; // Karn: no sample from a retransmission
        } else if (!timing) {
            timing = true;
            timedSeq = sndNxt;
            timedAt = sock.now();
        }
        if (!sock.rtx().armed()) {
            sock.rtx().armIn(rtt.current()); // RFC 6298 (5.1)
        }
    }

    /** Resends the first unacknowledged segment (fast retransmit, partial ACK, timeout). */
    void retransmitFirst() {
        int offset = Seq.diff(sndUna, bufSeq);
        boolean finSent = finQueued && Seq.gt(sndMax, finSeq);
        int outstanding = Seq.diff(sndMax, sndUna) - (finSent ? 1 : 0);
        int len = Math.max(0, Math.min(mss, Math.min(bytes() - offset, outstanding)));
        boolean fin = finSent && Seq.add(sndUna, len) == finSeq;
        if (len == 0 && !fin) {
            return;
        }
        Bytes data = len == 0 ? Bytes.EMPTY : buf.read(offset, len);
        int flags = TcpFlags.ACK | (fin ? TcpFlags.FIN : 0);
        sock.transmit(sndUna, flags, data, false, true);
        timing = false;
        long end = Seq.add(sndUna, len + (fin ? 1 : 0));
        if (Seq.lt(sndNxt, end)) {
            sndNxt = end;
        }
    }

    private void armPersistIfIdle() {
        if (sndUna == sndMax && !sock.rtx().armed()) {
            sock.rtx().armIn(rtt.current());
        }
    }

    // ---------------------------------------------------------------- acknowledgments

    /**
     * RFC 9293 3.10.7.4, fifth, for the synchronized states: an ACK of something not yet sent is
     * answered with an ACK and the segment dropped; a new ACK advances SND.UNA; a duplicate feeds
     * fast retransmit; the window is updated per SND.WL1/SND.WL2. Returns a drop verdict or null.
     */
    Verdict onAck(TcpSegment seg) {
        long ack = seg.ack();
        if (Seq.gt(ack, sndMax)) {
            sock.ackNow();
            return Verdict.ACK_OF_UNSENT;
        }
        if (Seq.gt(ack, sndUna)) {
            newAck(ack);
        } else if (ack == sndUna && isDuplicate(seg)) {
            if (cc.onDupAck(ack, sndMax, flight()) == Congestion.Action.RETRANSMIT) {
                retransmitFirst();
            }
        }
        if (Seq.ge(ack, sndUna) && (Seq.lt(wl1, seg.seq()) || (wl1 == seg.seq() && Seq.le(wl2, ack)))) {
            setWindow(seg);
        }
        return null;
    }

    /** RFC 5681 section 2: no data, no SYN/FIN, same window, data outstanding, ACK = SND.UNA. */
    private boolean isDuplicate(TcpSegment seg) {
        return seg.data().isEmpty() && !seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.FIN)
                && seg.window() == sndWnd && Seq.gt(sndMax, sndUna);
    }

    private void newAck(long ack) {
        int dataAcked = Math.max(0, Math.min(Seq.diff(ack, bufSeq), bytes()));
        if (dataAcked > 0) {
            buf.removeFront(dataAcked);
            bufSeq = Seq.add(bufSeq, dataAcked);
        }
        if (timing && Seq.ge(ack, timedSeq)) {
            timing = false;
            rtt.sample(sock.now() - timedAt);
        }
        rtt.resetBackoff();
        retries = 0;
        sndUna = ack;
        if (Seq.lt(sndNxt, sndUna)) {
            sndNxt = sndUna;
        }
        Congestion.Action a = cc == null || (dataAcked == 0 && !cc.inRecovery()) ? Congestion.Action.NONE
                : cc.onNewAck(dataAcked, ack, flight());
        if (a == Congestion.Action.RETRANSMIT) {
            retransmitFirst();
            if (cc.firstPartialAck()) {
                sock.rtx().armIn(rtt.current()); // RFC 6582 3.2 step 3: the first partial ACK restarts the timer
            }
        } else if (sndUna == sndMax) {
            sock.rtx().stop(); // RFC 6298 (5.2)
        } else {
            sock.rtx().armIn(rtt.current()); // RFC 6298 (5.3)
        }
    }

    private int flight() {
        return Seq.diff(sndMax, sndUna);
    }

    // ---------------------------------------------------------------- timeouts

    /**
     * The retransmission timer expired (RFC 6298 5.4-5.6): retransmit the first unacknowledged
     * segment, back off, collapse cwnd, and go back to SND.UNA. With nothing outstanding the
     * timer was the persist timer: probe the window. False when the connection must give up.
     */
    boolean onTimeout() {
        if (flight() == 0) {
            persist();
            return true;
        }
        if (++retries > MAX_RETRIES) {
            return false;
        }
        cc.onTimeout(flight(), sndMax, rtt.backoffs() == 0);
        rtt.backOff();
        timing = false;
        sndNxt = sndUna;
        if (sndWnd == 0) {
            sendProbe();
        } else {
            retransmitFirst();
        }
        sock.rtx().armIn(rtt.current()); // RFC 6298 (5.6)
        return true;
    }

    /**
     * RFC 9293 3.8.6.1: a zero window is probed, and 3.8.6.2.1: when the override timeout
     * expires, what fits is sent even if short. Linux probes with SND.UNA - 1, which the peer
     * answers with an ACK carrying its window.
     */
    private void persist() {
        int offset = Seq.diff(sndNxt, bufSeq);
        int unsent = bytes() - offset;
        if (unsent <= 0) {
            return;
        }
        int avail = Seq.diff(Seq.add(sndUna, Math.min(cc.cwnd(), sndWnd)), sndNxt);
        if (avail > 0) {
            transmitAt(offset, Math.min(Math.min(avail, unsent), mss), false);
        } else {
            sendProbe();
        }
        rtt.backOff();
        sock.rtx().armIn(rtt.current());
    }

    private void sendProbe() {
        sock.transmit(Seq.add(sndUna, -1), TcpFlags.ACK, Bytes.EMPTY, false, false);
    }
}
