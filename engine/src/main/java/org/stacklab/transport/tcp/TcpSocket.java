package org.stacklab.transport.tcp;

import org.stacklab.sim.SimTime;
import org.stacklab.trace.TraceEvent;
import org.stacklab.transport.Completion;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.PortTable;
import org.stacklab.transport.Sock;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Ipv6Address;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpSegment;

/**
 * A TCP socket (RFC 9293, tcp(7)): the socket calls, the connection's state and the one method
 * that changes it, and the path of an arriving segment (decide, account, send, wake the caller).
 *
 * <p>Each phase lives in its own file (see the package description). A socket holds only its
 * state until it connects or listens; the rest is allocated when needed.
 */
public final class TcpSocket extends Sock implements HostStack.TimeWaitAware {
    /** Every link's MTU: Ethernet's 1500 bytes. */
    public static final int LINK_MTU = 1500;
    /** Our MSS over IPv4: 1500 - 20 - 20 = 1460 (RFC 9293 3.7.1). */
    public static final int MSS = mssFor(false);
    /** RFC 9293 3.7.1: the send MSS when the peer's SYN carries no MSS option. */
    public static final int DEFAULT_PEER_MSS = 536;
    /** net.core.somaxconn (docs/port-table.md G1). */
    public static final int SOMAXCONN = 4096;
    /** Linux TCP_DELACK_MIN: the delayed-ACK timer. */
    static final long DELAYED_ACK = 40 * SimTime.MS;
    /** Linux tcp_fin_timeout: how long an orphaned FIN-WAIT-2 lingers. */
    static final long FIN_TIMEOUT = 60 * SimTime.S;

    private TcpState state;
    SendSide snd;
    ReceiveSide rcv;
    /** The handshake's options and the timestamp state (set with snd and rcv). */
    Options opts;
    /** Set while listening. */
    Listener listener;
    /** The listener of a child that has not been accepted yet. */
    Listener parent;
    IpAddress peerIp;
    int peerPort;
    boolean activeOpen;
    /** Reached ESTABLISHED once: like Linux's sock->state staying SS_CONNECTED, it forbids a second connect or listen. */
    boolean everConnected;
    /** Linux's sock->state SS_CONNECTING: a handshake was started and no connect() has seen its end (R1). */
    boolean connecting;
    /** A connect() sent a SYN once: listen() is EINVAL from then on (R6, measured on Linux 6.18). */
    boolean connectTried;
    int synRetries;
    Timers timers;
    private Waiters waiters;
    boolean appClosed;
    boolean readShut;
    boolean writeShut;
    SocketError pendingError;
    /** tcp_v4_err's sk_err_soft: an ICMP error that came while connect() owned the socket (NF15). */
    SocketError softError;
    /** When connect() sent the first SYN (NF15). */
    long synSentAt = -1;
    private boolean ackNow;
    /** A close() held by SO_LINGER: run on each wake until it lets the close return. */
    Runnable lingering;
    /** SO_KEEPALIVE: the timer, when a segment last arrived, and the probes sent since (S7). */
    org.stacklab.sim.EventHandle keepTimer;
    long lastHeard;
    int keepProbes;
    /** An RST answering the segment being processed, sent once that segment is accounted for. */
    private IpPacket reply;

    /** A socket in {@code initial} state: CLOSED for {@link #open}, LISTEN for a listener's child (a copy of its TCB). */
    TcpSocket(HostStack stack, String process, int uid, TcpState initial) {
        super(stack, process, uid);
        this.state = initial;
    }

    /** {@code socket(AF_INET, SOCK_STREAM, 0)}. */
    public static TcpSocket open(HostStack stack, String process, int uid) {
        TcpSocket s = new TcpSocket(stack, process, uid, TcpState.CLOSED);
        stack.opened(s);
        return s;
    }

    // ---------------------------------------------------------------- socket calls

    /** An ICMP error about a segment of this connection (tcp_v4_err, K-TCP4). */
    @Override
    public void icmpError(org.stacklab.wire.IcmpMessage msg) {
        Handshake.icmpError(this, msg);
    }

    public TcpState state() {
        return state;
    }

    public SocketError bind(Endpoint local) {
        return Calls.bind(this, local);
    }

    /** {@code listen()}: backlog below 0 means somaxconn; larger ones are clamped to it (G1). */
    public SocketError listen(int backlog) {
        return appClosed ? SocketError.EBADF : Listener.listen(this, backlog);
    }

    /** {@code accept()}: the oldest established connection, waiting for one; EAGAIN after {@code timeoutNs}. */
    public void accept(long timeoutNs, Completion<TcpSocket> done) {
        Calls.accept(this, timeoutNs, done);
    }

    /** {@code connect()}: completes when the connection is established or has failed. */
    public void connect(Endpoint to, long timeoutNs, Completion<Void> done) {
        Calls.connect(this, to, timeoutNs, done);
    }

    /** {@code send()}: completes with the byte count once all of {@code data} is in the send buffer. */
    public void send(Bytes data, Completion<Long> done) {
        send(data, false, -1, done);
    }

    /**
     * {@code send()} with MSG_DONTWAIT ({@code dontWait}) and SO_SNDTIMEO ({@code timeoutNs}, -1
     * for none): a send that would wait takes what fits; when the time runs out it returns the
     * bytes taken so far, or EAGAIN if none (S2).
     */
    public void send(Bytes data, boolean dontWait, long timeoutNs, Completion<Long> done) {
        Calls.send(this, data, dontWait, timeoutNs, done);
    }

    /** {@code recv()}: what has arrived, up to {@code max}; empty at end of stream; EAGAIN after {@code timeoutNs}. */
    public void recv(int max, long timeoutNs, Completion<Bytes> done) {
        recv(max, timeoutNs, 0, done);
    }

    /** {@code recv()} with MSG_ flags ({@link org.stacklab.transport.MsgFlags}): peek leaves the data, waitall waits for all of {@code max}. */
    public void recv(int max, long timeoutNs, int flags, Completion<Bytes> done) {
        Calls.recv(this, max, timeoutNs, flags, done);
    }

    /** {@code shutdown()} with {@code how} = read, write or both. */
    public SocketError shutdown(String how) {
        return appClosed ? SocketError.EBADF : Closing.shutdown(this, how);
    }

    /**
     * {@code close()} as a program calls it, honouring SO_LINGER: {0} resets the connection (no
     * TIME-WAIT); {N} holds {@code closed} until our FIN is acknowledged or N has passed (S4).
     */
    public void close(Runnable closed) {
        Calls.close(this, closed);
    }

    /** {@code connect(AF_UNSPEC)}: see {@link SocketLevel#disconnect}. */
    public SocketError disconnect() {
        return appClosed ? SocketError.EBADF : SocketLevel.disconnect(this);
    }

    /** SO_RCVBUF changed: the window is cut from half of it from now on (S6). */
    public void buffersChanged() {
        if (rcv != null && options().rcvbuf() > 0) {
            rcv.buffer = options().rcvbuf() / 2;
        }
        SocketLevel.keepalive(this);
    }

    @Override
    public int pollMask() {
        return SocketLevel.pollMask(this);
    }

    /** {@code close()}: see {@link Closing#close}; later calls on the socket fail with EBADF. */
    public void close() {
        if (appClosed) {
            return;
        }
        appClosed = true;
        failWaiters(SocketError.EBADF);
        Closing.close(this);
    }

    /** Fails every blocked read and write with {@code e}. */
    void failWaiters(SocketError e) {
        if (waiters != null) {
            waiters.failAll(e);
        }
    }

    // ---------------------------------------------------------------- state

    /**
     * The only writer of the state; traces every change (RFC 9293 names). A change the state table
     * ({@link TcpState#mayBecome}) does not allow is a bug in this package, and fails here.
     */
    void transitionTo(TcpState next) {
        if (next == state) {
            return;
        }
        if (!state.mayBecome(next)) {
            throw new IllegalStateException("TCP socket " + id() + ": no transition " + state.label() + " -> " + next.label());
        }
        TcpTrace.state(this, state, next);
        state = next;
        everConnected |= next == TcpState.ESTABLISHED;
    }

    /** H4: a connect() took this TIME-WAIT's 4-tuple over; the stack forgets the socket. */
    @Override
    public void timeWaitKilled() {
        transitionTo(TcpState.CLOSED);
        stopTimers();
    }

    @Override
    public SocketError takeSoError() {
        return takeError();
    }

    /** inet_getname: no peer while CLOSED or SYN-SENT, nor for a listener. */
    @Override
    public Endpoint peerName() {
        return state == TcpState.CLOSED || state == TcpState.SYN_SENT || state == TcpState.LISTEN ? null : remote();
    }

    SocketError takeError() {
        SocketError e = pendingError;
        pendingError = null;
        return e;
    }

    boolean hasError() {
        return pendingError != null;
    }

    /**
     * The one place the MSS comes from: the link MTU less the IP header (20 bytes for IPv4, 40 for
     * IPv6, RFC 8200 section 3) and the fixed TCP header, so 1460 over IPv4 and 1440 over IPv6, as
     * Linux announces on a 1500-byte link (tcp_mss_to_mtu's reverse; RFC 9293 3.7.1, RFC 8200 8.3).
     */
    public static int mssFor(boolean ipv6) {
        return LINK_MTU - (ipv6 ? IpPacket.IPV6_HEADER : IpPacket.IPV4_HEADER) - TcpSegment.BASE_HEADER;
    }

    /** The MSS this connection announces: 1460 to an IPv4 peer, 1440 to an IPv6 one. */
    int advMss() {
        return mssFor(peerIp instanceof Ipv6Address);
    }

    void startConnection() {
        opts = new Options(stack.tcpConfig(), advMss());
        snd = new SendSide(this, stack.sim().random().nextLong() & Seq.MASK); // ISS from the run's seed (RFC 9293 3.4.1)
        rcv = new ReceiveSide(advMss(), opts);
        buffersChanged();
        snd.congestion = stack.tcpConfig().congestion();
        snd.initialCwnd = stack.tcpConfig().initialCwnd();
    }

    PortTable table() {
        return stack.table(Protocol.TCP);
    }

    long now() {
        return stack.sim().now();
    }

    Waiters waiters() {
        if (waiters == null) {
            waiters = new Waiters(this);
        }
        return waiters;
    }

    // ---------------------------------------------------------------- Sock

    @Override
    public Protocol protocol() {
        return Protocol.TCP;
    }

    /**
     * L5: a TIME-WAIT socket is the kernel's (an inet_timewait_sock), no process holds it; nor does
     * one holds a socket it closed (or that its exit closed) while the connection finishes: the
     * orphan. Measured (ss -tanp, Linux 6.18): an orphaned FIN-WAIT-2 shows no users, an established
     * socket of the same process shows users:(("python3",pid=...,fd=5)).
     */
    @Override
    public String owner() {
        return state == TcpState.TIME_WAIT || appClosed ? null : process();
    }

    @Override
    public String stateName() {
        return state.ssName();
    }

    @Override
    public int recvQueue() {
        return listener != null ? listener.queued() : rcv == null ? 0 : rcv.queued();
    }

    @Override
    public int sendQueue() {
        return listener != null ? listener.backlog() : snd == null ? 0 : snd.bytes();
    }

    /** I4: a TIME-WAIT declines an acceptable SYN when a listener exists (see {@link Input#timeWaitYields}). */
    @Override
    public boolean accepts(IpPacket p) {
        return state != TcpState.TIME_WAIT || !Input.timeWaitYields(this, (TcpSegment) p.transport());
    }

    /** A segment for this socket: decide (by state), account for it, send what it caused, wake blocked calls. */
    @Override
    public void receive(IpPacket p, TraceEvent.Delivery how) {
        Input.receive(this, p, how);
    }

    /** Sends what processing left to send: a reset reply, a new child's SYN-ACK, data, a pending ACK. */
    void flush() {
        if (reply != null) {
            IpPacket r = reply;
            reply = null;
            host().send(r);
        }
        if (listener != null) {
            listener.startNewborn();
        }
        if (snd != null && state.synchronizedState()) {
            Sender.output(snd);
        }
        if (ackNow && state.synchronizedState()) {
            Segments.sendAck(this);
        }
        ackNow = false;
    }

    /** Completes blocked calls whose condition now holds. */
    void wake() {
        if (waiters != null) {
            waiters.wake();
        }
        if (listener != null) {
            listener.wake();
        }
        if (parent != null) {
            parent.wake();
        }
        if (lingering != null) {
            lingering.run();
        }
        stack.readinessChanged();
    }

    void reply(IpPacket rst) {
        reply = rst;
    }

    /** The segment being processed must be acknowledged at once. */
    void ackNow() {
        ackNow = true;
    }

    /** An ACK went out: nothing is pending any more. */
    void acknowledged() {
        ackNow = false;
        if (timers != null) {
            timers.ackSent();
        }
    }

    void transmit(long seq, int flags, Bytes data, boolean mssOption, boolean again) {
        Segments.transmit(this, seq, flags, data, mssOption, again);
    }

    Timer rtx() {
        return timers().rtx();
    }

    Timers timers() {
        if (timers == null) {
            timers = new Timers(this, stack.sim());
        }
        return timers;
    }

    void stopTimers() {
        if (timers != null) {
            timers.stopAll();
        }
        if (keepTimer != null) {
            keepTimer.cancel();
            keepTimer = null;
        }
    }
}
