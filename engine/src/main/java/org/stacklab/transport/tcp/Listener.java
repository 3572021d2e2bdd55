package org.stacklab.transport.tcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stacklab.sim.EventHandle;
import org.stacklab.transport.Completion;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.FourTuple;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * The passive side of a listening socket (RFC 9293 3.10.7.2, docs/port-table.md G1-G4): a SYN creates a
 * child in SYN-RECEIVED; the child joins the accept queue when the handshake's last ACK arrives;
 * {@code accept()} takes the oldest. A SYN to a full queue is dropped without a word.
 */
final class Listener {
    private final TcpSocket owner;
    private int backlog;
    /** Established children waiting for accept(), oldest first (Linux's accept queue). */
    private final ArrayDeque<TcpSocket> ready = new ArrayDeque<>();
    /** Children still in SYN-RECEIVED (Linux's request sockets). */
    private final Set<TcpSocket> embryos = new LinkedHashSet<>();
    private TcpSocket newborn;
    private Completion<TcpSocket> acceptor;
    private EventHandle acceptTimer;

    private Listener(TcpSocket owner, int backlog) {
        this.owner = owner;
        this.backlog = backlog;
    }

    /** {@code listen()}: G1 clamps the backlog to somaxconn (4096), a negative one means somaxconn. */
    static SocketError listen(TcpSocket s, int requested) {
        int b = requested < 0 ? TcpSocket.SOMAXCONN : Math.min(requested, TcpSocket.SOMAXCONN);
        if (s.state() == TcpState.LISTEN) {
            s.listener.backlog = b; // G1: listen() again only changes the backlog
            return null;
        }
        if (s.state() == TcpState.CLOSED && s.activeOpen && !s.everConnected) {
            // Measured (Linux 6.18, a namespace's loopback, blocking and non-blocking connects): after
            // a refused connect, listen gives EINVAL, yet leaves the socket bound to a new ephemeral port.
            s.table().bindAfterFailedConnect(s);
            return SocketError.EINVAL;
        }
        if (s.state() != TcpState.CLOSED || s.everConnected) {
            return SocketError.EINVAL; // inet_listen: only an unconnected socket can listen
        }
        boolean wasBound = s.isBound();
        SocketError e = s.table().listen(s); // autobind (E2), C3 re-check, listen table
        if (e != null) {
            return e;
        }
        if (!wasBound) {
            TcpTrace.bind(s, true);
        }
        s.listener = new Listener(s, b);
        s.transitionTo(TcpState.LISTEN);
        return null;
    }

    int backlog() {
        return backlog;
    }

    int queued() {
        return ready.size();
    }

    /** G2: the queue is full when it holds more than the backlog ({@code sk_acceptq_is_full}): backlog + 1 fit. */
    boolean full() {
        return ready.size() > backlog;
    }

    /** RFC 9293 3.10.7.2: a segment arrives at a LISTEN socket. */
    Verdict onSegment(IpPacket p, TcpSegment seg) {
        if (seg.has(TcpFlags.RST)) {
            return Verdict.LISTEN_RST; // first: an RST is ignored
        }
        if (seg.has(TcpFlags.ACK)) {
            owner.reply(Segments.resetFor(owner.host(), p.dst(), p.src(), seg)); // second: <SEQ=SEG.ACK><CTL=RST>
            return Verdict.LISTEN_ACK;
        }
        if (!seg.has(TcpFlags.SYN)) {
            return Verdict.LISTEN_OTHER;
        }
        if (full()) {
            return Verdict.BACKLOG_FULL; // G3: tcp_conn_request drops it; no RST, the client retransmits
        }
        newborn = spawn(p, seg);
        embryos.add(newborn);
        return Verdict.DELIVERED;
    }

    /**
     * Third, the SYN: a child, a copy of the listening TCB, holds the listener's port with the
     * SYN's destination address (A3, I3), learns IRS and the peer's MSS, and moves to SYN-RECEIVED.
     */
    private TcpSocket spawn(IpPacket p, TcpSegment syn) {
        TcpSocket c = new TcpSocket(owner.stack(), owner.process(), owner.uid(), TcpState.LISTEN);
        owner.stack().opened(c);
        owner.table().addChild(c, owner, new FourTuple(p.dstEndpoint(), p.srcEndpoint()));
        c.peerIp = p.src();
        c.peerPort = syn.srcPort();
        c.parent = this;
        c.startConnection();
        c.opts.agree(syn);
        c.rcv.init(syn.seq());
        c.snd.negotiate(syn.mss());
        c.snd.setWindow(syn); // Linux takes the first send window from the SYN
        c.transitionTo(TcpState.SYN_RECEIVED);
        return c;
    }

    /** After the SYN is accounted for, the child answers: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>. */
    void startNewborn() {
        if (newborn != null) {
            TcpSocket c = newborn;
            newborn = null;
            sendSynAck(c, false);
        }
    }

    /** A child's handshake completed: it enters the accept queue. */
    void established(TcpSocket child) {
        embryos.remove(child);
        ready.add(child);
    }

    /** A child died before completing its handshake (RST, SYN-ACK retries exhausted). */
    void dropped(TcpSocket child) {
        embryos.remove(child);
    }

    void accept(long timeoutNs, Completion<TcpSocket> done) {
        if (acceptor != null) {
            done.done(SocketError.EALREADY, null);
            return;
        }
        if (!ready.isEmpty()) {
            hand(ready.poll(), done);
            return;
        }
        if (timeoutNs == 0) {
            done.done(SocketError.EAGAIN, null); // non-blocking: the accept queue is empty
            return;
        }
        acceptor = done;
        if (timeoutNs >= 0) {
            acceptTimer = owner.stack().sim().schedule(timeoutNs, () -> {
                Completion<TcpSocket> d = acceptor;
                acceptor = null;
                acceptTimer = null;
                if (d != null) {
                    d.done(SocketError.EAGAIN, null);
                }
            });
        }
    }

    void wake() {
        if (acceptor != null && !ready.isEmpty()) {
            Completion<TcpSocket> d = acceptor;
            acceptor = null;
            if (acceptTimer != null) {
                acceptTimer.cancel();
                acceptTimer = null;
            }
            hand(ready.poll(), d);
        }
    }

    private static void hand(TcpSocket child, Completion<TcpSocket> done) {
        child.parent = null;
        done.done(null, child);
    }

    /**
     * G4: closing the listener resets the connections in the accept queue
     * ({@code inet_csk_listen_stop}); children still in SYN-RECEIVED vanish quietly, and the
     * client's ACK then meets no socket and gets an RST (K1).
     */
    void close() {
        List<TcpSocket> queued = new ArrayList<>(ready);
        ready.clear();
        for (TcpSocket c : queued) {
            c.parent = null;
            if (c.state() != TcpState.CLOSED) {
                Closing.abort(c);
            }
        }
        List<TcpSocket> half = new ArrayList<>(embryos);
        embryos.clear();
        for (TcpSocket c : half) {
            c.parent = null;
            Closing.terminate(c, null);
        }
        if (acceptor != null) {
            Completion<TcpSocket> d = acceptor;
            acceptor = null;
            d.done(SocketError.EBADF, null);
        }
    }

    /** Sends (or, {@code again}, resends) a child's SYN-ACK and arms its retransmission timer. */
    static void sendSynAck(TcpSocket c, boolean again) {
        c.snd.sendSyn(TcpFlags.SYN | TcpFlags.ACK, again);
        c.rtx().armIn(c.snd.rtt().current());
    }
}
