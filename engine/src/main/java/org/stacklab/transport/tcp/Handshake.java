package org.stacklab.transport.tcp;

import org.stacklab.sim.SimTime;
import org.stacklab.transport.Completion;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * The active open (RFC 9293 3.10.1 and 3.10.7.3): connect() sends a SYN, repeats it on the
 * retransmission timer (1 s, doubling, Linux's tcp_syn_retries = 6), and SYN-SENT decides what
 * the answer means: established, refused, or a simultaneous open.
 */
final class Handshake {
    /** Linux tcp_syn_retries: SYN retransmissions before connect() fails with ETIMEDOUT (at 127 s). */
    static final int SYN_RETRIES = 6;
    /** Linux tcp_synack_retries: SYN-ACK retransmissions before a half-open child is dropped. */
    static final int SYNACK_RETRIES = 5;
    /** Linux TCP_TIMEOUT_MIN (2 jiffies at HZ=1000): the SYN timer after an unacceptable ACK in SYN-SENT. */
    static final long TIMEOUT_MIN = 2 * SimTime.MS;

    /**
     * How long after its first SYN a connect() call still owns the socket, for tcp_v4_err (NF15): on
     * Linux the SYN, its rejection and the ICMP all run before connect() sleeps when nothing on
     * the path waits (loopback, a zero-latency veth); any real link delay is far longer than this.
     */
    static final long CONNECT_OWNS_NS = 100 * SimTime.US;

    private Handshake() {}

    /** connect(): E4 autobind or B5 rekey and H3 uniqueness (PortTable), then the SYN. */
    static void connect(TcpSocket s, Endpoint dst, long timeoutNs, Completion<Void> done) {
        SocketError family = s.familyError(dst); // M7, M13: before any port is taken (tcp_v6_connect)
        if (family != null) {
            done.done(family, null);
            return;
        }
        Endpoint to = s.destination(dst); // R2, M14: 0.0.0.0 and [::] are this host
        boolean specific = s.isBound() && !s.localIp().isWildcard();
        IpAddress src = specific ? (s.host().canReach(to.ip()) ? s.localIp() : null) : s.host().sourceFor(to.ip());
        if (src == null) {
            done.done(SocketError.ENETUNREACH, null); // R3: no route
            return;
        }
        if (!s.host().validSource(src, to.ip())) {
            done.done(SocketError.EINVAL, null); // bound to 127.x, connecting off the host
            return;
        }
        boolean wasBound = s.isBound();
        SocketError e = s.table().connectTcp(s, to, src);
        if (e != null) {
            done.done(e, null);
            return;
        }
        if (!wasBound) {
            TcpTrace.bind(s, true);
        }
        s.peerIp = to.ip();
        s.peerPort = to.port();
        s.activeOpen = true;
        s.synRetries = 0;
        s.pendingError = null;
        s.softError = null;
        s.synSentAt = s.host().network().sim().now();
        s.startConnection();
        s.transitionTo(TcpState.SYN_SENT);
        s.connecting = true; // SS_CONNECTING until a connect() call sees the outcome (R1)
        s.connectTried = true;
        s.snd.sendSyn(TcpFlags.SYN, false); // <SEQ=ISS><CTL=SYN> with our MSS option
        s.rtx().armIn(s.snd.rtt().current()); // RFC 6298 (2.1): 1 s
        s.waiters().connect(done, timeoutNs, SocketError.EINPROGRESS);
    }

    /**
     * R1: connect() again on a socket whose handshake was started (SS_CONNECTING): EALREADY while
     * it goes on (after waiting up to the caller's timeout, as __inet_stream_connect waits), 0
     * once it is established, or the handshake's error (ECONNABORTED when SO_ERROR took it).
     */
    static void again(TcpSocket s, long timeoutNs, Completion<Void> done) {
        TcpState st = s.state();
        if (st == TcpState.SYN_SENT || st == TcpState.SYN_RECEIVED) {
            s.waiters().connect(done, timeoutNs, SocketError.EALREADY);
            return;
        }
        s.connecting = false;
        if (st == TcpState.CLOSED) {
            SocketError e = s.takeError();
            done.done(e != null ? e : SocketError.ECONNABORTED, null);
        } else {
            done.done(null, null);
        }
    }

    /** RFC 9293 3.10.7.3: a segment arrives in SYN-SENT. */
    static Verdict onSegment(TcpSocket s, TcpSegment seg) {
        boolean ackOk = false;
        if (seg.has(TcpFlags.ACK)) {
            long ack = seg.ack();
            if (Seq.le(ack, s.snd.iss()) || Seq.gt(ack, s.snd.sndNxt())) {
                if (seg.has(TcpFlags.RST)) {
                    return Verdict.RST_IGNORED;
                }
                // First: <SEQ=SEG.ACK><CTL=RST>; Linux then re-arms the SYN timer to TCP_TIMEOUT_MIN
                // (tcp_rcv_synsent_state_process), so a SYN that met a TIME-WAIT goes again at once (I4).
                s.reply(Segments.resetFor(s.host(), s.localIp(), s.peerIp, seg));
                s.rtx().armIn(TIMEOUT_MIN);
                return Verdict.BAD_ACK;
            }
            ackOk = true;
        }
        if (seg.has(TcpFlags.RST)) {
            if (!ackOk) {
                return Verdict.RST_IGNORED; // second: an RST without an acceptable ACK is dropped
            }
            Closing.terminate(s, SocketError.ECONNREFUSED); // "connection reset": refused (K1)
            return Verdict.DELIVERED;
        }
        if (!seg.has(TcpFlags.SYN)) {
            return Verdict.NO_SYN; // fifth
        }
        // Fourth: the peer's SYN. RCV.NXT = SEG.SEQ + 1, IRS = SEG.SEQ; the MSS option bounds ours.
        s.opts.agree(seg);
        s.rcv.init(seg.seq());
        s.snd.negotiate(seg.mss());
        if (ackOk) {
            s.snd.synAcked(seg); // SND.UNA = SEG.ACK; the handshake's RTT is the first sample (Karn permitting)
            s.rtx().stop();
            s.transitionTo(TcpState.ESTABLISHED);
            s.ackNow(); // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
        } else {
            // Simultaneous open (RFC 9293 figure 8): SYN-RECEIVED, and <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
            s.snd.setWindow(seg);
            s.transitionTo(TcpState.SYN_RECEIVED);
            s.snd.sendSyn(TcpFlags.SYN | TcpFlags.ACK, false);
        }
        return Verdict.DELIVERED;
    }

    /**
     * An ICMP destination unreachable in SYN-SENT ends the connect with icmp_err_convert's errno
     * (NF14), unless it came within {@link #CONNECT_OWNS_NS} of connect()'s first SYN: the call still owns
     * the socket then, so tcp_v4_err keeps it as a soft error and the SYN goes again (NF15). Linux
     * reports ICMP errors on an established connection only with IP_RECVERR, which we do not have.
     */
    static void icmpError(TcpSocket s, org.stacklab.wire.IcmpMessage msg) {
        if (msg.v6() || msg.type() != org.stacklab.wire.IcmpMessage.DEST_UNREACHABLE || s.state() != TcpState.SYN_SENT) {
            return;
        }
        SocketError e = SocketError.forUnreachable(msg.code());
        if (e == null) {
            return;
        }
        if (s.synRetries == 0 && s.host().network().sim().now() - s.synSentAt < CONNECT_OWNS_NS) {
            s.softError = e;
            return;
        }
        Closing.terminate(s, e);
        s.wake();
    }

    /**
     * The SYN (or SYN-ACK) went unanswered: send it again, doubling the timer (RFC 6298 5.5), up
     * to Linux's limits; then connect() fails with ETIMEDOUT, or a passive child just vanishes.
     */
    static void onTimeout(TcpSocket s) {
        boolean synSent = s.state() == TcpState.SYN_SENT;
        int limit = synSent || s.activeOpen ? SYN_RETRIES : SYNACK_RETRIES;
        int linear = synSent || s.activeOpen ? s.opts.config().synLinearTimeouts() : 0;
        if (synSent || s.activeOpen) {
            limit = s.opts.config().synRetries() + linear;
        }
        if (s.synRetries >= limit) {
            // tcp_write_err: sk_err = sk_err_soft ? : ETIMEDOUT
            Closing.terminate(s, s.activeOpen ? (s.softError != null ? s.softError : SocketError.ETIMEDOUT) : null);
            return;
        }
        s.synRetries++;
        if (s.synRetries > linear) {
            s.snd.rtt().backOff(); // tcp_syn_linear_timeouts: the first backoffs keep the 1 s timeout
        }
        s.snd.sendSyn(synSent ? TcpFlags.SYN : TcpFlags.SYN | TcpFlags.ACK, true);
        s.rtx().armIn(s.snd.rtt().current());
    }
}
