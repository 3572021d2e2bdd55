package org.stacklab.transport.tcp;

import org.stacklab.sim.EventHandle;
import org.stacklab.transport.Completion;
import org.stacklab.transport.MsgFlags;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;

/**
 * The application's calls blocked on one connection: connect (until established or failed),
 * recv (until data, end of stream or an error) and send (until the buffer took everything).
 * {@link #wake} re-checks them after each segment and timer. Allocated on the first data call.
 */
final class Waiters {
    private final TcpSocket sock;
    private Completion<Void> connecting;
    private EventHandle connectTimer;
    private Completion<Bytes> reader;
    private int readMax;
    private EventHandle readTimer;
    /** The blocked recv's MSG_ flags, and what MSG_WAITALL has gathered for it so far. */
    private int readFlags;
    private Bytes gathered = Bytes.EMPTY;
    private EventHandle writeTimer;
    private Completion<Long> writer;
    private Bytes unwritten;
    private long writeTotal;

    Waiters(TcpSocket sock) {
        this.sock = sock;
    }

    /**
     * A connect() waits for the handshake; when {@code timeoutNs} (0: non-blocking) runs out
     * first it fails with {@code onTimeout} (EINPROGRESS, or EALREADY for a repeated call) and
     * the handshake goes on in the background (R1: SO_SNDTIMEO does not end it).
     */
    void connect(Completion<Void> done, long timeoutNs, SocketError onTimeout) {
        if (connecting != null) {
            done.done(SocketError.EALREADY, null);
            return;
        }
        if (timeoutNs == 0) {
            done.done(onTimeout, null);
            return;
        }
        connecting = done;
        if (timeoutNs > 0) {
            connectTimer = sock.stack().sim().schedule(timeoutNs, () -> {
                Completion<Void> d = connecting;
                connecting = null;
                connectTimer = null;
                if (d != null) {
                    d.done(onTimeout, null);
                }
            });
        }
    }

    void read(int max, long timeoutNs, int flags, Completion<Bytes> done) {
        if (reader != null) {
            done.done(SocketError.EALREADY, null);
            return;
        }
        readFlags = flags;
        gathered = Bytes.EMPTY;
        if (tryRead(max, done)) {
            return;
        }
        if (timeoutNs == 0) {
            done.done(SocketError.EAGAIN, null); // non-blocking: nothing to read now
            return;
        }
        reader = done;
        readMax = max;
        if (timeoutNs >= 0) {
            readTimer = sock.stack().sim().schedule(timeoutNs, () -> {
                Completion<Bytes> d = reader;
                reader = null;
                readTimer = null;
                Bytes got = gathered;
                gathered = Bytes.EMPTY;
                if (d != null) {
                    d.done(got.isEmpty() ? SocketError.EAGAIN : null, got.isEmpty() ? null : got); // waitall: what came
                }
            });
        }
    }

    /**
     * Data first; then a pending error, reported once (ECONNRESET after an RST); then end of
     * stream (FIN received, shutdown for reading, or connection over), as tcp_recvmsg orders them.
     */
    private boolean tryRead(int max, Completion<Bytes> done) {
        ReceiveSide rcv = sock.rcv;
        boolean peek = (readFlags & MsgFlags.PEEK) != 0;
        boolean all = (readFlags & MsgFlags.WAITALL) != 0;
        if (all && !peek && rcv.queued() > 0) {
            gathered = gathered.concat(rcv.read(max - gathered.length())); // S1: waitall copies as data comes
            windowUpdate(rcv);
        }
        boolean ended = sock.hasError() || rcv.finReceived() || sock.readShut || sock.state() == TcpState.CLOSED;
        if (all && !peek && !gathered.isEmpty()) {
            if (gathered.length() < max && !ended) {
                return false;
            }
            Bytes b = gathered;
            gathered = Bytes.EMPTY;
            done.done(null, b);
            return true;
        }
        if (all && peek && rcv.queued() < max && !ended) {
            return false;
        }
        if (rcv.queued() > 0) {
            Bytes b = peek ? rcv.peek(max) : rcv.read(max);
            if (!peek) {
                windowUpdate(rcv);
            }
            done.done(null, b);
        } else if (sock.hasError()) {
            done.done(sock.takeError(), null);
        } else if (rcv.finReceived() || sock.readShut || sock.state() == TcpState.CLOSED) {
            boolean neverConnected = sock.state() == TcpState.CLOSED && !rcv.synchronizedWithPeer();
            done.done(neverConnected ? SocketError.ENOTCONN : null, neverConnected ? null : Bytes.EMPTY);
        } else {
            return false;
        }
        return true;
    }

    private void windowUpdate(ReceiveSide rcv) {
        if (sock.state().synchronizedState() && rcv.windowUpdateDue()) {
            Segments.sendAck(sock); // RFC 9293 3.8.6.2.2: tell the peer the window reopened
        }
    }

    /** Why a send cannot proceed: a pending error (once), then EPIPE after shutdown or reset. */
    static SocketError sendError(TcpSocket s) {
        if (s.pendingError != null) {
            return s.takeError();
        }
        if (s.writeShut || !s.state().acceptsSends()) {
            return SocketError.EPIPE; // tcp_sendmsg: SEND_SHUTDOWN, or not connected (sk_stream_wait_connect)
        }
        return null;
    }

    /** Blocking: completes once all of {@code data} is buffered. Non-blocking: what fits now, or EAGAIN if nothing does. */
    void write(Bytes data, boolean dontWait, long timeoutNs, Completion<Long> done) {
        if (writer != null) {
            done.done(SocketError.EALREADY, null);
            return;
        }
        int n = sock.snd.write(data);
        Sender.output(sock.snd);
        if (dontWait) {
            done.done(n == 0 && data.length() > 0 ? SocketError.EAGAIN : null, n == 0 && data.length() > 0 ? null : (long) n);
            return;
        }
        if (n == data.length()) {
            done.done(null, (long) n);
            return;
        }
        writer = done;
        unwritten = data.slice(n, data.length());
        writeTotal = data.length();
        if (timeoutNs > 0) {
            writeTimer = sock.stack().sim().schedule(timeoutNs, () -> {
                Completion<Long> d = writer;
                writeTimer = null;
                if (d == null) {
                    return;
                }
                long taken = writeTotal - unwritten.length();
                writer = null;
                unwritten = null;
                d.done(taken == 0 ? SocketError.EAGAIN : null, taken == 0 ? null : taken); // S2: SO_SNDTIMEO
            });
        }
    }

    void wake() {
        if (connecting != null && sock.state() != TcpState.SYN_SENT && sock.state() != TcpState.SYN_RECEIVED) {
            Completion<Void> d = connecting;
            connecting = null;
            if (connectTimer != null) {
                connectTimer.cancel();
                connectTimer = null;
            }
            sock.connecting = false; // the blocked connect() saw the end (SS_CONNECTED or SS_UNCONNECTED)
            SocketError e = sock.state() == TcpState.CLOSED ? sock.takeError() : null;
            d.done(sock.state() == TcpState.CLOSED && e == null ? SocketError.ECONNREFUSED : e, null);
        }
        if (reader != null) {
            Completion<Bytes> d = reader;
            reader = null;
            if (tryRead(readMax, d)) {
                cancelReadTimer();
            } else {
                reader = d;
            }
        }
        if (writer != null) {
            wakeWriter();
        }
    }

    private void wakeWriter() {
        SocketError e = sendError(sock);
        if (e == null) {
            int n = sock.snd.write(unwritten);
            if (n == 0) {
                return;
            }
            Sender.output(sock.snd);
            unwritten = unwritten.slice(n, unwritten.length());
            if (!unwritten.isEmpty()) {
                return;
            }
        }
        Completion<Long> d = writer;
        writer = null;
        unwritten = null;
        if (writeTimer != null) {
            writeTimer.cancel();
            writeTimer = null;
        }
        d.done(e, e == null ? writeTotal : null);
    }

    private void cancelReadTimer() {
        if (readTimer != null) {
            readTimer.cancel();
            readTimer = null;
        }
    }

    /** close(): every blocked call fails (with EBADF). */
    void failAll(SocketError e) {
        Completion<Void> c = connecting;
        Completion<Bytes> r = reader;
        Completion<Long> w = writer;
        connecting = null;
        reader = null;
        writer = null;
        cancelReadTimer();
        if (writeTimer != null) {
            writeTimer.cancel();
            writeTimer = null;
        }
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
        if (c != null) {
            c.done(e, null);
        }
        if (r != null) {
            r.done(e, null);
        }
        if (w != null) {
            w.done(e, null);
        }
    }
}
