package org.stacklab.transport.udp;

import java.util.ArrayDeque;
import org.stacklab.net.DropReason;
import org.stacklab.sim.EventHandle;
import org.stacklab.trace.TraceEvent;
import org.stacklab.transport.Completion;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.PortTable;
import org.stacklab.transport.Readiness;
import org.stacklab.transport.Sock;
import org.stacklab.transport.SocketError;
import org.stacklab.transport.TableState;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.UdpDatagram;

/**
 * A UDP socket (RFC 768, udp(7)): bind, connect, send, sendto, recv, recvfrom, close.
 *
 * <p>Datagrams wait in a receive queue bounded like Linux's default buffer; a connected socket
 * remembers an ICMP port unreachable and reports it once, as ECONNREFUSED, to the next send or
 * receive (docs/port-table.md K3).
 */
public final class UdpSocket extends Sock {
    /** Linux's default {@code net.core.rmem_default}, counted in payload bytes here. */
    public static final int RECEIVE_BUFFER = 212_992;
    /** The largest UDP payload over IPv4. */
    public static final int MAX_PAYLOAD = 65_507;

    /** A received datagram and its sender. */
    public record Datagram(Endpoint from, Bytes data) {}

    private final ArrayDeque<Datagram> queue = new ArrayDeque<>(0);
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>(0);
    private int queuedBytes;
    private SocketError pendingError;
    private boolean closed;
    /** shutdown(SHUT_RD) / (SHUT_WR) took effect (sk_shutdown), connected or not (R5). */
    private boolean readShut;
    private boolean writeShut;

    private UdpSocket(HostStack stack, String process, int uid) {
        super(stack, process, uid);
    }

    public static UdpSocket open(HostStack stack, String process, int uid) {
        UdpSocket s = new UdpSocket(stack, process, uid);
        stack.opened(s);
        return s;
    }

    @Override
    public Protocol protocol() {
        return Protocol.UDP;
    }

    private PortTable table() {
        return stack.table(Protocol.UDP);
    }

    public SocketError bind(Endpoint local) {
        if (closed) {
            return SocketError.EBADF;
        }
        SocketError e = table().bind(this, local);
        if (e == null) {
            traceBind(false);
        }
        return e;
    }

    /** Fixes the peer (and the local address, B5); only the peer's datagrams are received (J3). */
    public SocketError connect(Endpoint dst) {
        if (closed) {
            return SocketError.EBADF;
        }
        SocketError family = familyError(dst);
        if (family != null) {
            // M7, M13: inet_dgram_connect has autobound the socket before the protocol's connect refuses
            SocketError e = autobind();
            return e != null ? e : family;
        }
        Endpoint to = destination(dst); // R2, M14
        IpAddress src = isBound() && !localIp().isWildcard() ? localIp() : host().sourceFor(to.ip());
        if (src == null || !host().canReach(to.ip())) {
            return SocketError.ENETUNREACH; // R3: no route
        }
        if (!host().validSource(src, to.ip())) {
            return SocketError.EINVAL;
        }
        boolean wasBound = isBound();
        SocketError e = table().connectUdp(this, to, src);
        if (e == null && !wasBound) {
            traceBind(true);
        }
        return e;
    }

    /** {@code send()} on a connected socket. */
    public SocketError send(Bytes data) {
        if (!isConnected()) {
            SocketError e = closed ? SocketError.EBADF : autobind(); // R4: inet_send_prepare binds first
            return e != null ? e : SocketError.EDESTADDRREQ;
        }
        return sendTo(remote(), data);
    }

    /** E2 and R4: a send binds an unbound socket before anything can fail (inet_send_prepare). */
    private SocketError autobind() {
        if (isBound()) {
            return null;
        }
        SocketError e = table().autobindUdp(this);
        if (e == null) {
            traceBind(true);
        }
        return e;
    }

    /**
     * {@code shutdown()}: R5: it takes effect even on an unconnected socket, which still gets
     * ENOTCONN (inet_shutdown); afterwards receives return 0 bytes at once, sends EPIPE.
     */
    public SocketError shutdown(String how) {
        boolean rd = "read".equals(how) || "both".equals(how);
        boolean wr = "write".equals(how) || "both".equals(how);
        if (closed) {
            return SocketError.EBADF;
        }
        if (!rd && !wr) {
            return SocketError.EINVAL;
        }
        readShut |= rd;
        writeShut |= wr;
        while (readShut && !waiters.isEmpty()) {
            Waiter w = waiters.poll();
            cancel(w);
            w.done.done(null, new Datagram(null, Bytes.EMPTY));
        }
        return isConnected() ? null : SocketError.ENOTCONN;
    }

    /** {@code sendto()}: autobinds an unbound socket (E2); reports a pending ICMP error instead of sending (K3). */
    public SocketError sendTo(Endpoint dst, Bytes data) {
        if (closed) {
            return SocketError.EBADF;
        }
        SocketError bindError = autobind(); // R4
        if (bindError != null) {
            return bindError;
        }
        if (pendingError != null) {
            SocketError e = pendingError;
            pendingError = null;
            return e;
        }
        // inet_send_prepare autobinds before udp_sendmsg looks at anything, so a send that fails
        // still leaves the socket bound (found by the bridge's differential property).
        if (!isBound()) {
            SocketError e = table().autobindUdp(this);
            if (e != null) {
                return e;
            }
            traceBind(true);
        }
        if (data.length() > MAX_PAYLOAD) {
            return SocketError.EMSGSIZE;
        }
        SocketError family = familyError(dst); // M7, M13: after the autobind of inet_send_prepare
        if (family != null) {
            return family;
        }
        Endpoint to = destination(dst); // R2, M14
        IpAddress src = localIp().isWildcard() ? host().sourceFor(to.ip()) : localIp();
        if (src == null || !host().canReach(to.ip())) {
            return SocketError.ENETUNREACH; // R3: no route
        }
        if (!host().validSource(src, to.ip())) {
            return SocketError.EINVAL; // bound to 127.x, sending off the host
        }
        if (writeShut) {
            return SocketError.EPIPE; // R5: sock_alloc_send_pskb refuses after SHUT_WR
        }
        IpPacket p = new IpPacket(src, to.ip(), IpPacket.DEFAULT_TTL, host().nextIpId(),
                new UdpDatagram(localPort(), to.port(), data));
        switch (host().sendStatus(p, false)) {
            case OK:
                return null;
            case FILTERED:
                return SocketError.EPERM; // NF19: the output chain dropped it (nf_hook_slow)
            default:
                return SocketError.ENETUNREACH;
        }
    }

    /**
     * {@code recv()} / {@code recvfrom()}: completes with the oldest datagram, waiting for one if
     * none is queued; EAGAIN when {@code timeoutNs} (if not negative) passes first.
     */
    public void recv(long timeoutNs, Completion<Datagram> done) {
        recv(timeoutNs, false, done);
    }

    /** {@code recv()} with MSG_PEEK ({@code peek}): the oldest datagram is returned and stays queued. */
    public void recv(long timeoutNs, boolean peek, Completion<Datagram> done) {
        if (closed) {
            done.done(SocketError.EBADF, null);
            return;
        }
        if (pendingError != null) {
            SocketError e = pendingError;
            pendingError = null;
            done.done(e, null);
            return;
        }
        Datagram d = peek ? queue.peek() : queue.poll();
        if (d != null) {
            queuedBytes -= peek ? 0 : d.data().length();
            done.done(null, d);
            return;
        }
        if (timeoutNs == 0) {
            done.done(SocketError.EAGAIN, null); // non-blocking: nothing queued (even when shut: measured, R5)
            return;
        }
        if (readShut) {
            done.done(null, new Datagram(null, Bytes.EMPTY)); // R5: shut for reading, nothing queued: 0 at once
            return;
        }
        Waiter w = new Waiter(done);
        w.peek = peek;
        waiters.add(w);
        if (timeoutNs >= 0) {
            w.timer = stack.sim().schedule(timeoutNs, () -> {
                if (waiters.remove(w)) {
                    w.done.done(SocketError.EAGAIN, null);
                }
            });
        }
    }

    /** Releases the port; blocked receivers fail with EBADF. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stack.forget(this);
        queue.clear();
        queuedBytes = 0;
        while (!waiters.isEmpty()) {
            Waiter w = waiters.poll();
            cancel(w);
            w.done.done(SocketError.EBADF, null);
        }
    }

    @Override
    public SocketError takeSoError() {
        SocketError e = pendingError;
        pendingError = null;
        return e;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void receive(IpPacket p, TraceEvent.Delivery how) {
        UdpDatagram u = (UdpDatagram) p.transport();
        if (queuedBytes + u.data().length() > RECEIVE_BUFFER && waiters.isEmpty()) {
            host().drop(p, DropReason.BUFFER_FULL, "receive buffer of socket " + id() + " is full ("
                    + queuedBytes + " bytes queued)");
            return;
        }
        host().delivered(p, how);
        Datagram d = new Datagram(shown(p.srcEndpoint()), u.data()); // M10: v4-mapped on AF_INET6
        Waiter w = waiters.poll();
        if (w != null && !w.peek) {
            cancel(w);
            w.done.done(null, d);
            return;
        }
        if (w != null) {
            cancel(w);
            queue.add(d); // a peek leaves it queued
            queuedBytes += d.data().length();
            w.done.done(null, d);
            return;
        }
        queue.add(d);
        queuedBytes += d.data().length();
        stack.readinessChanged();
    }

    /**
     * udp_poll (datagram_poll), measured on Linux 6.18: always writable; readable with a datagram
     * queued or once shut for reading; HUP when shut both ways; ERR while an ICMP error waits.
     */
    @Override
    public int pollMask() {
        if (closed) {
            return 0;
        }
        int m = Readiness.OUT;
        if (!queue.isEmpty() || readShut) {
            m |= Readiness.IN;
        }
        if (readShut && writeShut) {
            m |= Readiness.HUP;
        }
        if (pendingError != null) {
            m |= Readiness.ERR;
        }
        return m;
    }

    /**
     * S3, connect(AF_UNSPEC) (udp_disconnect), measured on Linux 6.18: 0; the peer is forgotten
     * (send: EDESTADDRREQ, getpeername: ENOTCONN); a port chosen automatically goes back, an
     * explicitly bound one stays.
     */
    public SocketError disconnect() {
        if (closed) {
            return SocketError.EBADF;
        }
        if (isConnected()) {
            table().disconnectUdp(this);
        }
        return null;
    }

    /** K3: only a connected socket hears of port unreachable, as ECONNREFUSED, once. */
    @Override
    public void icmpError(IcmpMessage msg) {
        if (!isConnected() || !msg.isDestUnreachable()) {
            return;
        }
        SocketError err = SocketError.fatalUnreachable(msg.v6(), msg.code()); // __udp4_lib_err: fatal codes only
        if (err == null) {
            return;
        }
        Waiter w = waiters.poll();
        if (w != null) {
            cancel(w);
            w.done.done(err, null);
            return;
        }
        pendingError = err;
        stack.readinessChanged();
    }

    @Override
    public String stateName() {
        return tableState() == TableState.CONNECTED ? "ESTAB" : "UNCONN";
    }

    @Override
    public int recvQueue() {
        return queuedBytes;
    }

    @Override
    public int sendQueue() {
        return 0;
    }

    private void traceBind(boolean auto) {
        if (stack.tracer().on()) {
            stack.tracer().emit(new TraceEvent.BindEvent(stack.sim().now(), host().name(), id(), process(),
                    Protocol.UDP, local(), auto));
        }
    }

    private static void cancel(Waiter w) {
        if (w.timer != null) {
            w.timer.cancel();
        }
    }

    private static final class Waiter {
        final Completion<Datagram> done;
        EventHandle timer;
        /** MSG_PEEK: the datagram that wakes this receiver stays queued for the next. */
        boolean peek;

        Waiter(Completion<Datagram> done) {
            this.done = done;
        }
    }
}
