package org.stacklab.transport.tcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.TcpOptions;

/**
 * The receiving half of a connection: RCV.NXT, the receive buffer the application reads from,
 * out-of-order data, the advertised window and the delayed-ACK decision.
 *
 * <p>The buffer is a queue of the segments' own {@link Bytes} (no copy on arrival); the
 * {@link Reassembly} exists only once out-of-order data has arrived.
 */
final class ReceiveSide {
    /** Receive buffer (Linux's tcp_rmem default is 131072). */
    static final int BUFFER = 131_072;
    /** Without window scaling the window field holds at most 65535 (RFC 7323 section 2). */
    static final int MAX_WINDOW = 65_535;
    /** Linux TCP_MAX_QUICKACKS: the first data segments are acknowledged at once. */
    static final int QUICK_ACKS = 16;

    /** What a segment's text and FIN did (bits). */
    static final int IN_ORDER = 1;
    static final int OUT_OF_ORDER = 2;
    static final int FILLED_HOLE = 4;
    static final int FIN = 8;
    static final int OLD = 16;
    static final int WINDOW_FULL = 32;

    /** Linux's tcp_rmem[2]: how far the receive buffer grows (autotuning) when windows are scaled. */
    static final int SCALED_BUFFER = 6_291_456;
    /** Linux's TCP_ATO_MIN: a reply sent this soon after data arrived makes the exchange interactive. */
    static final long ATO_MIN = TcpSocket.DELAYED_ACK;

    /** tcp_event_data_recv grows the window only for segments of at least 128 bytes. */
    static final int GROW_MIN = 128;

    private final int mss;
    /** Half of SO_RCVBUF as Linux's tcp_adv_win_scale 1 leaves (S6), or 0: the default buffer ({@link #buffer()}). */
    int buffer;
    private final Options opts;
    /** The window of our SYN or SYN-ACK, fixed when first sent (Linux's rcv_wnd from tcp_select_initial_window). */
    private int initialWindow;
    /** Linux's rcv_ssthresh: the window offered grows from the initial one as data arrives (tcp_grow_window). */
    private int windowCap;
    /** Linux's icsk_ack.pingpong: an interactive exchange, whose ACKs ride on the replies. */
    boolean pingpong;
    /** Stream offset of the latest out-of-order segment: its SACK block goes first. */
    private long latestOutOfOrder;
    /** When in-order data last arrived (Linux's icsk_ack.lrcvtime), -1 before any. */
    long lastDataAt = -1;
    private long rcvNxt;
    /** Bytes taken in order since the peer's SYN: the stream offset of RCV.NXT (FIN not counted). */
    private long offset;
    private ArrayDeque<Bytes> queue;
    private int queued;
    private Reassembly outOfOrder;
    private long finOffset = -1;
    private boolean finReceived;
    private boolean synchronizedWithPeer;
    /** RCV.NXT + window at the last segment we sent: the right edge promised to the peer. */
    private long advertisedEdge;
    /** RCV.NXT when we last sent an ACK (Linux's rcv_wup). */
    private long ackedUpTo;
    private int quickAcks = QUICK_ACKS;

    ReceiveSide(int mss, Options opts) {
        this.mss = mss;
        this.opts = opts;
    }

    /** The peer's SYN arrived: IRS, and RCV.NXT = IRS + 1 (RFC 9293 3.10.7.2 and 3.10.7.3). */
    void init(long irs) {
        rcvNxt = Seq.add(irs, 1);
        windowCap = buffer > 0 ? Math.min(synWindow(), buffer) : synWindow();
        advertisedEdge = Seq.add(rcvNxt, windowCap);
        ackedUpTo = rcvNxt;
        synchronizedWithPeer = true;
    }

    /**
     * The window of our SYN or SYN-ACK: 65535 rounded down to a multiple of the segment size we
     * expect (Linux: 64240 = 44 x 1460 in a SYN, 65160 = 45 x 1448 in a SYN-ACK with timestamps).
     * A socket given SO_RCVBUF offers at most the half of it that holds data (S6; measured: a peer with
     * rcvbuf 4096 took 4096 bytes before its window closed).
     */
    int synWindow() {
        if (initialWindow == 0) {
            int segment = mss - opts.perSegmentLength();
            initialWindow = buffer > 0 ? Math.min(MAX_WINDOW, buffer) : MAX_WINDOW / segment * segment;
        }
        return initialWindow;
    }

    /** A SYN-ACK acknowledges RCV.NXT with the initial window. */
    void advertiseSyn() {
        advertisedEdge = Seq.add(rcvNxt, synWindow());
        ackedUpTo = rcvNxt;
    }

    /** The largest window we may offer: 65535, or with scaling 65535 shifted (RFC 7323 2.3). */
    private int maxWindow() {
        return opts.rcvWscale > 0 ? Math.min(SCALED_BUFFER, MAX_WINDOW << opts.rcvWscale) : MAX_WINDOW;
    }

    private int buffer() {
        return buffer > 0 ? buffer : opts.rcvWscale > 0 ? SCALED_BUFFER : BUFFER;
    }

    /** We sent data: a reply within ATO_MIN of the last data received enters ping-pong mode (tcp_event_data_sent). */
    void dataSent(long now) {
        if (lastDataAt >= 0 && now - lastDataAt < ATO_MIN && opts.config().delayedAck()) {
            pingpong = true;
        }
    }

    /** The delayed-ACK timer fired: Linux leaves ping-pong mode (tcp_delack_timer_handler). */
    void delayedAckMissed() {
        pingpong = false;
    }

    /** RCV.NXT at the last ACK sent (Linux's rcv_wup). */
    long lastAckSent() {
        return ackedUpTo;
    }

    long rcvNxt() {
        return rcvNxt;
    }

    boolean synchronizedWithPeer() {
        return synchronizedWithPeer;
    }

    int queued() {
        return queued;
    }

    boolean finReceived() {
        return finReceived;
    }

    /**
     * The window to advertise, in bytes: free buffer, at most the current cap; never less than
     * already promised (RFC 9293 3.10.7.4: the window must not shrink), and grown only by at least
     * one MSS at a time (receiver SWS avoidance, RFC 9293 3.8.6.2.2).
     */
    int window() {
        int held = queued + (outOfOrder == null ? 0 : outOfOrder.bytes());
        int cap = windowCap == 0 ? MAX_WINDOW : windowCap;
        int free = Math.max(0, Math.min(cap, buffer() - held));
        int promised = Math.max(0, Seq.diff(advertisedEdge, rcvNxt));
        if (free <= promised || (free - promised < mss && free < cap)) {
            return promised;
        }
        return free;
    }

    /**
     * Records the window sent with an ACK; returns the 16-bit field: the window rounded up to the
     * scale's unit and shifted (Linux __tcp_select_window's ALIGN, then tcp_select_window's shift).
     */
    int advertise() {
        int w = window();
        int unit = 1 << opts.rcvWscale;
        int field = Math.min(MAX_WINDOW, (int) (((long) w + unit - 1) >> opts.rcvWscale));
        advertisedEdge = Seq.add(rcvNxt, field << opts.rcvWscale);
        ackedUpTo = rcvNxt;
        return field;
    }

    /**
     * After a read: a window update is due when the window offered has fallen to half of its
     * maximum or less and has since at least doubled (Linux tcp_cleanup_rbuf), so reads do not
     * defeat the delayed ACK. Without delayed ACKs: when it grew by at least one MSS (RFC 9293 3.8.6.2.2).
     */
    boolean windowUpdateDue() {
        int now = Math.max(0, Seq.diff(advertisedEdge, rcvNxt));
        int next = window();
        if (!opts.config().delayedAck()) {
            return next - now >= mss;
        }
        return 2L * now <= maxWindow() && next > 0 && next >= 2L * now && next > now;
    }

    /** RFC 9293 section 3.10.7.4, first: the acceptability test of a segment of {@code len} sequence numbers. */
    boolean acceptable(long seq, int len) {
        int wnd = window();
        if (len == 0) {
            return wnd == 0 ? seq == rcvNxt : inWindow(seq, wnd);
        }
        if (wnd == 0) {
            // Linux (tcp_sequence) still takes the ACK of a segment at RCV.NXT when the window is
            // closed; its data is then dropped (RFC 9293: "special allowance ... for valid ACKs").
            return seq == rcvNxt;
        }
        return inWindow(seq, wnd) || inWindow(Seq.add(seq, len - 1), wnd);
    }

    private boolean inWindow(long s, int wnd) {
        int d = Seq.diff(s, rcvNxt);
        return d >= 0 && d < wnd;
    }

    /**
     * RFC 9293 3.10.7.4, seventh and eighth: takes the segment's text and FIN. Data before RCV.NXT
     * is trimmed, data beyond the window cut off; in-order data joins the buffer (pulling in any
     * out-of-order data it reaches), later data waits in the reassembly. Returns the bits above.
     */
    int take(long seq, Bytes data, boolean fin) {
        int skip = Seq.diff(rcvNxt, seq);
        if (skip > 0) {
            if (skip > data.length() || (skip == data.length() && !fin) || finReceived) {
                return OLD;
            }
            data = data.slice(skip, data.length());
            seq = rcvNxt;
        }
        int room = Seq.diff(Seq.add(rcvNxt, window()), seq);
        if (data.length() > room) {
            data = data.slice(0, Math.max(0, room));
            fin = false; // the FIN lies beyond the window
            if (data.isEmpty()) {
                return WINDOW_FULL;
            }
        }
        if (seq != rcvNxt) {
            return holdOutOfOrder(Seq.diff(seq, rcvNxt), data, fin);
        }
        int result = data.isEmpty() ? 0 : IN_ORDER;
        append(data);
        if (outOfOrder != null && !outOfOrder.isEmpty()) {
            Bytes next;
            while ((next = outOfOrder.take(offset)) != null) {
                append(next);
                result |= FILLED_HOLE;
            }
        }
        if (fin || offset == finOffset) {
            rcvNxt = Seq.add(rcvNxt, 1); // RFC 9293 3.10.7.4, eighth: advance RCV.NXT over the FIN
            finReceived = true;
            result |= FIN;
        }
        return result;
    }

    /**
     * SACK blocks for an ACK (RFC 2018 section 4): the out-of-order data held, the block with the
     * latest segment first, as many as fit with the other options; none when SACK was not agreed.
     */
    List<TcpOptions.SackBlock> sackBlocks() {
        if (!opts.sack || outOfOrder == null || outOfOrder.isEmpty()) {
            return List.of();
        }
        int max = opts.timestamps ? TcpOptions.MAX_SACK_WITH_TS : TcpOptions.MAX_SACK;
        List<TcpOptions.SackBlock> out = new ArrayList<>(max);
        for (long[] b : outOfOrder.blocks(latestOutOfOrder, max)) {
            out.add(new TcpOptions.SackBlock(Seq.add(rcvNxt, (int) (b[0] - offset)), Seq.add(rcvNxt, (int) (b[1] - offset))));
        }
        return out;
    }

    private int holdOutOfOrder(int ahead, Bytes data, boolean fin) {
        if (outOfOrder == null) {
            outOfOrder = new Reassembly();
        }
        long at = offset + ahead;
        latestOutOfOrder = at;
        outOfOrder.add(at, data);
        if (fin) {
            finOffset = at + data.length();
        }
        return OUT_OF_ORDER;
    }

    private void append(Bytes data) {
        if (data.isEmpty()) {
            return;
        }
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(data);
        if (windowCap < maxWindow() && windowCap > 0 && data.length() >= GROW_MIN) {
            windowCap = Math.min(maxWindow(), windowCap + 2 * mss); // tcp_grow_window: two MSS per segment
        }
        queued += data.length();
        offset += data.length();
        rcvNxt = Seq.add(rcvNxt, data.length());
    }

    /**
     * Whether in-order data must be acknowledged now: during Linux's quick-ACK start, or when
     * more than one full segment is unacknowledged (RFC 9293 3.8.6.3 / RFC 5681 4.2: an ACK for
     * at least every second full-sized segment); otherwise the delayed-ACK timer answers.
     */
    boolean ackNowForInOrder() {
        if (!opts.config().delayedAck()) {
            return true;
        }
        if (quickAcks > 0 && !pingpong) {
            quickAcks--;
            return true;
        }
        return Seq.diff(rcvNxt, ackedUpTo) > mss;
    }

    /** Takes up to {@code max} bytes from the buffer (a slice when one segment holds them). */
    Bytes read(int max) {
        Bytes first = queue.peek();
        if (first.length() >= max || queue.size() == 1) {
            int n = Math.min(max, first.length());
            if (n == first.length()) {
                queue.poll();
            } else {
                queue.poll();
                queue.addFirst(first.slice(n, first.length()));
            }
            queued -= n;
            return first.slice(0, n);
        }
        int n = Math.min(max, queued);
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            Bytes b = queue.poll();
            int take = Math.min(b.length(), n - done);
            b.slice(0, take).copyTo(out, done);
            if (take < b.length()) {
                queue.addFirst(b.slice(take, b.length()));
            }
            done += take;
        }
        queued -= n;
        return Bytes.wrap(out);
    }

    /** MSG_PEEK: up to {@code max} bytes from the front of the buffer, left in it. */
    Bytes peek(int max) {
        int n = Math.min(max, queued);
        if (n == 0) {
            return Bytes.EMPTY;
        }
        byte[] out = new byte[n];
        int done = 0;
        for (Bytes b : queue) {
            if (done == n) {
                break;
            }
            int take = Math.min(b.length(), n - done);
            b.slice(0, take).copyTo(out, done);
            done += take;
        }
        return Bytes.wrap(out);
    }

    /** Unread data is discarded (close with unread data, RFC 9293 3.10.4 via RFC 2525 2.17). */
    void discard() {
        if (queue != null) {
            queue.clear();
        }
        queued = 0;
    }
}
