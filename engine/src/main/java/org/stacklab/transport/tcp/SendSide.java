package org.stacklab.transport.tcp;

import java.util.ArrayDeque;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * The sending half of a connection: SND.UNA, SND.NXT and SND.MAX, the send window, the send
 * buffer, and what an acknowledgment does to them (RFC 9293 3.10.7.4 fifth, RFC 6298 timing,
 * RFC 5681/6582 through {@link Congestion}). {@link Sender} cuts and (re)sends the segments.
 *
 * <p>SND.MAX (the highest sequence number sent, as in BSD) lets a timeout go back to SND.UNA and
 * send again while ACKs up to SND.MAX stay acceptable. Fields are package-private for Sender.
 */
final class SendSide {
    /** Send buffer: data accepted from the application and not yet acknowledged. */
    static final int BUFFER = 131_072;
    /**
     * Linux's tcp_wmem[2]: how far send-buffer autotuning (tcp_sndbuf_expand) grows it. With
     * window scaling agreed the buffer is this size, so a long fast path is not held to 128 KiB
     * per round trip by the sender; without scaling the peer's window is the limit anyway.
     */
    static final int SCALED_BUFFER = 4_194_304;
    /** Linux tcp_retries2: retransmissions of one segment before the connection gives up. */
    static final int MAX_RETRIES = 15;

    final TcpSocket sock;
    final RttEstimator rtt;
    final long iss;
    long sndUna;
    /**
     * Our SYN is acknowledged. A flag, not {@code SND.UNA > ISS}: sequence comparisons hold only
     * within 2^31, so after 2 GiB of data that test turned false and the sender stopped for good.
     */
    boolean synAcked;
    long sndNxt;
    long sndMax;
    int sndWnd;
    int maxSndWnd;
    private long wl1;
    private long wl2;
    int mss = TcpSocket.DEFAULT_PEER_MSS;
    Congestion cc;
    SendBuffer buf;
    /** Sequence number of the buffer's first byte. */
    long bufSeq;
    boolean finQueued;
    long finSeq;
    /** End of the last segment shorter than the MSS (Linux snd_sml, for Minshall's Nagle). */
    long smallSentUpTo;
    boolean timing;
    long timedSeq;
    long timedAt;
    int retries;
    /** The congestion control to use ({@code congestion:}) and the initial window in segments. */
    String congestion = "cubic";
    int initialCwnd = Congestion.INITIAL_SEGMENTS;
    /** Both ends offered SACK (RFC 2018 section 2): the scoreboard is kept. */
    boolean sackOk;
    Scoreboard sb;
    /** End sequence and send time of each segment of new data in flight: one RTT sample per ACK (for HyStart). */
    private final ArrayDeque<long[]> sentAt = new ArrayDeque<>();
    /** End of the highest retransmitted byte: ACKs covering it give no RTT sample (Karn). */
    long rxtUpTo;

    SendSide(TcpSocket sock, long iss) {
        this.sock = sock;
        this.rtt = new RttEstimator(sock.opts.config().minRtoNs());
        this.iss = iss;
        this.sndUna = iss;
        this.sndNxt = iss;
        this.sndMax = iss;
        this.bufSeq = Seq.add(iss, 1);
        this.smallSentUpTo = iss;
        this.rxtUpTo = iss;
    }

    /**
     * RFC 9293 3.7.1: the peer's MSS option bounds our segments (536 when it sent none), less the
     * options every segment carries (RFC 7323 timestamps: 1460 - 12 = 1448, as Linux's mss_cache).
     * The handshake's options must be agreed first ({@link Options#agree}); SACK is used when both
     * SYNs offered it (RFC 2018 section 2).
     */
    void negotiate(int peerMss) {
        sackOk = sock.opts.sack;
        mss = Math.min(sock.opts.advMss, peerMss > 0 ? peerMss : TcpSocket.DEFAULT_PEER_MSS) - sock.opts.perSegmentLength();
        CongestionAlgorithm alg = CongestionAlgorithm.named(congestion, sndNxt, sock.now());
        cc = new Congestion(sock, mss, iss, alg == null ? new Cubic(sndNxt, sock.now()) : alg, initialCwnd);
        if (sackOk) {
            sb = new Scoreboard();
        }
    }

    /** New data [seq, end) went out at {@code now}; a retransmission ({@code again}) voids the samples it overlaps. */
    void sentData(long end, boolean again, long now) {
        if (again) {
            if (Seq.gt(end, rxtUpTo)) {
                rxtUpTo = end;
            }
        } else {
            sentAt.add(new long[] {end, now});
        }
    }

    /** Linux tcp_clean_rtx_queue's ca_rtt: the age of the newest segment this ACK covers, unless one was retransmitted. */
    private long ackRtt(long oldUna, long ack, long now) {
        long sentTime = -1;
        while (!sentAt.isEmpty() && Seq.le(sentAt.peek()[0], ack)) {
            sentTime = sentAt.poll()[1];
        }
        return sentTime < 0 || Seq.lt(oldUna, rxtUpTo) ? -1 : now - sentTime;
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

    RttEstimator rtt() {
        return rtt;
    }

    /** Bytes waiting to be sent or acknowledged (ss's Send-Q). */
    int bytes() {
        return buf == null ? 0 : buf.bytes();
    }

    /** How many bytes the buffer holds: {@link #BUFFER}, or SO_SNDBUF as getsockopt reports it (S6, measured). */
    int capacity() {
        int set = sock.options().sndbuf();
        return set > 0 ? set : sock.opts != null && sock.opts.sndWscale > 0 ? SCALED_BUFFER : BUFFER;
    }

    int space() {
        return Math.max(0, capacity() - bytes());
    }

    /** sk_stream_is_writeable: poll says POLLOUT while the free room is at least half what is queued. */
    boolean writable() {
        return space() >= bytes() / 2 && space() > 0;
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
        long echo = sock.opts.rttFromEcho(seg, sock.now());
        if (echo >= 0) {
            rtt.sample(echo);
        } else if (timing) {
            rtt.sample(sock.now() - timedAt);
        }
        timing = false;
        rtt.resetBackoff();
        sndUna = seg.ack();
        synAcked = Seq.gt(sndUna, iss);
        setWindow(seg);
    }

    /** RFC 9293 3.10.7.4 (SYN-RECEIVED and 3.10.7.3): SND.WND, SND.WL1, SND.WL2 from this segment. */
    void setWindow(TcpSegment seg) {
        sndWnd = scaled(seg);
        wl1 = seg.seq();
        wl2 = seg.ack();
        maxSndWnd = Math.max(maxSndWnd, sndWnd);
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
        long[] blocks = sb == null ? null : SackBlocks.of(seg);
        boolean freshSack = blocks != null && sb.update(Seq.gt(ack, sndUna) ? ack : sndUna, sndMax, blocks);
        if (Seq.gt(ack, sndUna)) {
            newAck(ack, seg);
        } else if (ack == sndUna && (blocks != null ? freshSack && Seq.gt(sndMax, sndUna) : isDuplicate(seg))) {
            // RFC 6675 section 2: with SACK, a duplicate ACK is one that SACKs new data
            boolean lost = sb != null && sb.firstLost(sndUna, mss);
            if (cc.onDupAck(ack, sndMax, flight(), sb != null, lost) == Congestion.Action.RETRANSMIT) {
                if (sb != null) {
                    sb.startRecovery(sndUna);
                }
                Sender.retransmitFirst(this);
                sock.rtx().armIn(rtt.current()); // Linux restarts the timer when it retransmits the head
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
                && scaled(seg) == sndWnd && Seq.gt(sndMax, sndUna);
    }

    /** The peer's window in bytes: the field shifted by its window scale, except in a SYN (RFC 7323 2.2). */
    private int scaled(TcpSegment seg) {
        return seg.has(TcpFlags.SYN) ? seg.window() : seg.window() << sock.opts.sndWscale;
    }

    private void newAck(long ack, TcpSegment seg) {
        int dataAcked = Math.max(0, Math.min(Seq.diff(ack, bufSeq), bytes()));
        if (dataAcked > 0) {
            buf.removeFront(dataAcked);
            bufSeq = Seq.add(bufSeq, dataAcked);
        }
        long echo = sock.opts.rttFromEcho(seg, sock.now());
        if (echo >= 0) {
            rtt.sample(echo); // RFC 7323 4.1: every ACK of new data gives a sample from its echo
            timing = false;
        } else if (timing && Seq.ge(ack, timedSeq)) {
            timing = false;
            rtt.sample(sock.now() - timedAt);
        }
        rtt.resetBackoff();
        retries = 0;
        long oldUna = sndUna;
        sndUna = ack;
        synAcked = true;
        if (sb != null) {
            sb.acked(ack);
        }
        long sample = ackRtt(oldUna, ack, sock.now());
        // marks behind SND.UNA move up with it (after the sample, which reads rxtUpTo): a mark
        // left 2 GiB behind would compare as ahead (sequence comparisons hold within 2^31)
        if (Seq.lt(rxtUpTo, ack)) {
            rxtUpTo = ack;
        }
        if (Seq.lt(smallSentUpTo, ack)) {
            smallSentUpTo = ack;
        }
        if (sample >= 0 && cc != null) {
            cc.rttSample(sample, sock.now(), sndUna, sndNxt);
        }
        if (Seq.lt(sndNxt, sndUna)) {
            sndNxt = sndUna;
        }
        Congestion.Action a = cc == null || (dataAcked == 0 && !cc.inRecovery()) ? Congestion.Action.NONE
                : cc.onNewAck(dataAcked, ack, flight(), sock.now());
        if (a == Congestion.Action.RETRANSMIT) {
            Sender.retransmitFirst(this);
            if (cc.firstPartialAck()) {
                sock.rtx().armIn(rtt.current()); // RFC 6582 3.2 step 3: the first partial ACK restarts the timer
            }
        } else if (sndUna == sndMax) {
            sock.rtx().stop(); // RFC 6298 (5.2)
        } else {
            sock.rtx().armIn(rtt.current()); // RFC 6298 (5.3)
        }
    }

    /** Bytes from SND.UNA to SND.NXT (below SND.MAX after a timeout went back). */
    int flightToNxt() {
        return Seq.diff(sndNxt, sndUna);
    }

    int flight() {
        return Seq.diff(sndMax, sndUna);
    }
}
