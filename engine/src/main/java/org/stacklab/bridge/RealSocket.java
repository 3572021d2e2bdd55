package org.stacklab.bridge;

import java.util.ArrayDeque;
import java.util.List;
import org.stacklab.bridge.libc.Errnos;
import org.stacklab.bridge.libc.Sys;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Protocol;

/**
 * One descriptor of a process in the real world: a non-blocking kernel socket (libc through
 * {@link Sys}) and the calls waiting on it. Everything here runs on the I/O thread.
 *
 * <p>Every call is the system call of the same name, and its errno is the kernel's. Only blocking
 * is the bridge's: a call that would block (EAGAIN, or EINPROGRESS for a stream connect) waits in
 * a queue and is made again when poll reports the descriptor ready, or fails when its (scaled)
 * timeout passes, as a blocking call with SO_RCVTIMEO does (EAGAIN; a connect ETIMEDOUT).
 */
final class RealSocket implements Reactor.Ready {
    final int fd;
    final int kfd;
    final boolean stream;
    final RealSocketApi api;
    final RealWorld world;
    boolean closed;
    /** The bridge bound it to its host's address before a send or connect (H2), not the script. */
    boolean boundByBridge;
    /** The address the script bound, or null; {@code wildcard}: the script bound 0.0.0.0. */
    Ipv4Address scriptBound;
    /** Ever connected (its port may be in TIME-WAIT after close). */
    boolean wasConnected;
    /** O_NONBLOCK as the script set it: a call that would wait fails at once (the kernel fd is always non-blocking). */
    boolean nonblocking;
    /** Set once the socket did something the one machine cannot reproduce: every later answer carries it. */
    Note taint;
    private final ArrayDeque<WaitingCall> reads = new ArrayDeque<>();
    private final ArrayDeque<WaitingCall> writes = new ArrayDeque<>();

    RealSocket(int fd, int kfd, boolean stream, RealSocketApi api) {
        this.fd = fd;
        this.kfd = kfd;
        this.stream = stream;
        this.api = api;
        this.world = api.world();
    }

    Protocol protocol() {
        return stream ? Protocol.TCP : Protocol.UDP;
    }

    /** The bound local address (getsockname), or null when unbound. */
    Endpoint local() {
        Endpoint[] e = new Endpoint[1];
        if (closed || Sys.name(kfd, false, e) < 0 || e[0].port() == 0) {
            return null;
        }
        return e[0];
    }

    /** The connected peer (getpeername), or null. */
    Endpoint peer() {
        Endpoint[] e = new Endpoint[1];
        return Sys.name(kfd, true, e) < 0 ? null : e[0];
    }

    // ---------------------------------------------------------------- calls

    void call(Call call, Reply reply) {
        Reply r = reply.withFallback(taint);
        if (closed) {
            r.fail(SocketError.EBADF);
        } else {
            call.accept(new SocketCalls(this, r));
        }
    }

    void listen(int backlog, Reply r) {
        answer(r, Sys.listen(kfd, backlog < 0 ? 4096 : backlog), Outcome.OK);
    }

    void accept(long timeoutNs, Reply r) {
        queue(reads, r, nonblocking ? 0 : timeoutNs, SocketError.EAGAIN, () -> accept(r));
    }

    void recv(int max, long timeoutNs, boolean from, Reply r) {
        recv(max, timeoutNs, from, 0, r);
    }

    /** recv with MSG_ flags: peek and trunc go to the kernel; dontwait means no waiting. */
    void recv(int max, long timeoutNs, boolean from, int flags, Reply r) {
        long wait = nonblocking || (flags & org.stacklab.transport.MsgFlags.DONTWAIT) != 0 ? 0 : timeoutNs;
        queue(reads, r, wait, SocketError.EAGAIN, () -> recv(max, from, flags, r));
    }

    void shutdown(String how, Reply r) {
        answer(r, Sys.shutdown(kfd, how.equals("read") ? 0 : how.equals("write") ? 1 : 2), Outcome.OK);
        pump(); // a waiting recv now sees what shutdown changed
    }

    /** Answers {@code r} with {@code ok} or the kernel's errno. */
    private void answer(Reply r, long result, Outcome ok) {
        if (result >= 0) {
            r.ok(ok);
        } else {
            fail(r, (int) -result, null);
        }
    }

    /** Fails {@code r} with errno {@code n}; one the simulation has no name for is noted; running out of descriptors stops the run. */
    private void fail(Reply r, int n, Note note) {
        SocketError e = Errnos.of(n);
        if (Errnos.outOfDescriptors(n)) {
            world.outOfDescriptors(n);
        }
        if (e == null) {
            r.fail(SocketError.EINVAL, Note.environment("the kernel said errno " + n + ", which the simulation has no name for"));
        } else {
            r.fail(e, note);
        }
    }

    void setOpt(Call.SetOpt o, Reply r) {
        int res = 0;
        if (o.reuseAddr() != null) {
            res = Sys.reuse(kfd, false, o.reuseAddr());
        }
        if (res >= 0 && o.reusePort() != null) {
            res = Sys.reuse(kfd, true, o.reusePort());
        }
        if (o.nonblocking() != null) {
            nonblocking = o.nonblocking();
        }
        org.stacklab.process.Step.Opts x = o.opts();
        if (res >= 0 && x.lingerNs() != null) {
            long real = x.lingerNs() == 0 ? 0 : world.scale().duration(x.lingerNs());
            res = Sys.linger(kfd, (int) Math.min(Integer.MAX_VALUE, (real + 999_999_999L) / 1_000_000_000L));
        }
        res = res < 0 ? res : opt("sndbuf", x.sndbuf());
        res = res < 0 ? res : opt("rcvbuf", x.rcvbuf());
        res = res < 0 || x.nodelay() == null ? res : opt("nodelay", x.nodelay() ? 1 : 0);
        res = res < 0 || x.keepalive() == null ? res : opt("keepalive", x.keepalive() ? 1 : 0);
        res = res < 0 || x.keepIdleNs() == null ? res : opt("keepidle", seconds(x.keepIdleNs()));
        res = res < 0 || x.keepIntvlNs() == null ? res : opt("keepintvl", seconds(x.keepIntvlNs()));
        res = res < 0 ? res : opt("keepcnt", x.keepCnt());
        answer(r, res, Outcome.OK);
    }

    private int opt(String name, Integer v) {
        return v == null ? 0 : Sys.option(kfd, name, v);
    }

    /** TCP_KEEPIDLE and TCP_KEEPINTVL take whole seconds (at least 1) of scaled time. */
    private int seconds(long simNs) {
        return (int) Math.max(1, Math.min(32767, world.scale().duration(simNs) / 1_000_000_000L));
    }

    /** connect(AF_UNSPEC) on the kernel socket. */
    void disconnect(Reply r) {
        answer(r, Sys.disconnect(kfd), Outcome.OK);
        pump();
    }

    void getSockName(Reply r) {
        Endpoint[] e = new Endpoint[1];
        int res = Sys.name(kfd, false, e);
        if (res < 0) {
            fail(r, -res, null);
            return;
        }
        SocketNotes.giveName(this, e[0], r);
    }

    void bind(Endpoint e, Reply r) {
        if (!world.namespaces() && world.map().belongsToOtherHost(e.ipv4(), api.host())) {
            r.fail(SocketError.EADDRNOTAVAIL, Note.emulated("another host's address: not local to this host (F2); on"
                    + " one loopback the kernel cannot see host boundaries"));
            return;
        }
        Endpoint real = e;
        if (e.ip().isWildcard() && !world.isolated()) {
            real = e.withIp(api.ownAddress()); // never a real wildcard bind outside a private namespace
        }
        int res = Sys.bind(kfd, real);
        if (res < 0) {
            fail(r, -res, -res == 98 ? SocketNotes.inUse(this, real) : null);
            return;
        }
        scriptBound = e.ipv4();
        boundByBridge = false;
        Endpoint a = local();
        if (a != null) {
            world.boundLocally(protocol(), e.ip().isWildcard() ? a.withIp(Ipv4Address.ANY) : a, api.host());
        }
        r.ok();
        pump();
    }

    /** H2: binds an unbound socket to its host's address before it talks to another host; 0 or -errno. */
    private int bindForSending(Endpoint to) {
        if (local() != null || world.namespaces() || world.map().hostOfReal(to.ipv4()) == null) {
            return 0; // bound already, or talking to 127.0.0.1: the kernel's choice is the simulation's
        }
        int res = Sys.bind(kfd, new Endpoint(api.ownAddress(), 0));
        if (res >= 0) {
            boundByBridge = true;
        }
        return res == -22 ? 0 : res; // EINVAL: bound meanwhile by the kernel (a listener, a connection)
    }

    private boolean accept(Reply r) {
        Endpoint[] peer = new Endpoint[1];
        int c = Sys.accept(kfd, peer);
        if (c == -Errnos.EAGAIN) {
            return false;
        }
        if (c < 0) {
            fail(r, -c, null);
            return true;
        }
        RealSocket child = api.adopt(n -> new RealSocket(n, c, true, api));
        child.wasConnected = true;
        r.ok(Outcome.accepted(child.fd, peer[0]));
        return true;
    }

    void connect(Endpoint e, long timeoutNs, Reply r) {
        Endpoint to = SocketNotes.destination(e, world.namespaces());
        String refusal = to == null ? "outside 127.0.0.0/8" : world.refusal(protocol(), to);
        if (refusal != null) {
            r.fail(SocketError.ENETUNREACH, Note.refused("connect to " + e + ": " + refusal));
            return;
        }
        int b = bindForSending(to);
        if (b < 0) {
            fail(r, -b, null);
            return;
        }
        if (!stream) {
            int res = Sys.connect(kfd, to);
            finishConnect(r, res < 0 ? -res : 0, to);
            return;
        }
        if (nonblocking) {
            int res = Sys.connect(kfd, to); // the kernel's own answer: EINPROGRESS, then EALREADY, 0 or EISCONN
            if (res < 0) {
                fail(r, -res, null);
            } else {
                finishConnect(r, 0, to);
            }
            return;
        }
        blockingConnect(to, timeoutNs, r);
    }

    /**
     * A stream connect is made blocking, as the script's connect is: the kernel's blocking path
     * leaves the socket unconnected after a failure (a later connect tries again), its
     * non-blocking path does not (ECONNABORTED next time; measured). It runs on a thread of its
     * own (a socket keeps its namespace whichever thread calls), bounded by SO_SNDTIMEO: the
     * step's scaled timeout, else the world's longest wait; the answer comes back on the I/O thread.
     */
    private void blockingConnect(Endpoint to, long timeoutNs, Reply r) {
        long ms = timeoutNs >= 0 ? world.scale().duration(timeoutNs) / 1_000_000L : world.longestWaitMs();
        int b = Sys.blocking(kfd, true);
        if (b < 0 || Sys.sendTimeout(kfd, ms) < 0) {
            fail(r, b < 0 ? -b : 22, null);
            return;
        }
        world.reactor().blocking(() -> {
            int res = Sys.connect(kfd, to);
            world.reactor().execute(() -> {
                if (!closed) {
                    Sys.blocking(kfd, false);
                }
                finishConnect(r, res < 0 ? -res : 0, to);
            });
        });
    }

    private void finishConnect(Reply r, int err, Endpoint to) {
        if (err != 0) {
            fail(r, err, null);
            return;
        }
        wasConnected |= stream;
        r.give(Outcome.OK, SocketNotes.loopbackSource(this, to));
    }

    void send(Endpoint dest, Bytes data, Reply r) {
        Endpoint to = null;
        if (dest != null && !stream) {
            to = SocketNotes.destination(dest, world.namespaces());
            String refusal = to == null ? "outside 127.0.0.0/8" : world.refusal(protocol(), to);
            if (refusal != null) {
                r.fail(SocketError.ENETUNREACH, Note.refused("sendto " + dest + ": " + refusal + "; not sent"));
                return;
            }
            int b = bindForSending(to);
            if (b < 0) {
                fail(r, -b, null);
                return;
            }
        }
        Endpoint target = to;
        Note note = target != null ? SocketNotes.loopbackSource(this, target) : null;
        byte[] all = data.toArray();
        long[] sent = {0};
        queue(writes, r, -1, SocketError.EAGAIN, () -> {
            byte[] rest = sent[0] == 0 ? all : java.util.Arrays.copyOfRange(all, (int) sent[0], all.length);
            long n = Sys.send(kfd, rest, target);
            if (n == -Errnos.EAGAIN) {
                return false;
            }
            if (n < 0) {
                if (sent[0] > 0) {
                    r.ok(Outcome.sent(sent[0])); // a blocking send returns what it sent before the error
                } else {
                    fail(r, (int) -n, null);
                }
                return true;
            }
            sent[0] += n;
            if (stream && sent[0] < all.length) {
                return false; // a blocking send waits until all of it is queued
            }
            r.give(Outcome.sent(all.length), note);
            return true;
        });
    }

    private boolean recv(int max, boolean from, int flags, Reply r) {
        Sys.Received got = Sys.recvFrom(kfd, max, flags);
        if (got.n() == -Errnos.EAGAIN) {
            return false;
        }
        if (got.n() < 0) {
            fail(r, (int) -got.n(), null);
            return true;
        }
        Endpoint sender = null;
        if (from) {
            sender = got.from() != null ? got.from() : peer(); // TCP's recvfrom gives no address: the peer's
        }
        r.ok(Outcome.data(Bytes.wrap(got.data()), sender, got.n())); // MSG_TRUNC: n is the datagram's length
        return true;
    }

    // ---------------------------------------------------------------- waiting calls

    /** Queues a call and tries it at once; after {@code timeoutNs} of simulated time (scaled; -1: never) it fails with {@code onTimeout}. */
    private void queue(ArrayDeque<WaitingCall> q, Reply r, long timeoutNs, SocketError onTimeout, WaitingCall.Attempt a) {
        WaitingCall op = new WaitingCall(r, a);
        q.add(op);
        if (timeoutNs >= 0) {
            op.timer = world.reactor().schedule(world.scale().duration(timeoutNs), () -> world.reactor().execute(() -> {
                if (q.remove(op)) {
                    op.reply.fail(onTimeout);
                    updateInterest();
                }
            }));
        }
        pump();
    }

    /** Retries waiting calls in order until one would block, then tells poll what to wait for. */
    void pump() {
        drain(writes);
        drain(reads);
        updateInterest();
    }

    private void drain(ArrayDeque<WaitingCall> q) {
        while (!q.isEmpty() && !closed) {
            WaitingCall op = q.peek();
            if (!op.attempt.attempt()) {
                return;
            }
            q.remove(op);
            if (op.timer != null) {
                op.timer.cancel();
            }
        }
    }

    private void updateInterest() {
        if (closed) {
            return;
        }
        short ev = (short) ((reads.isEmpty() ? 0 : Sys.POLLIN) | (writes.isEmpty() ? 0 : Sys.POLLOUT));
        world.reactor().interest(kfd, ev, this);
    }

    @Override
    public void ready() {
        pump();
    }

    // ---------------------------------------------------------------- closing

    /** close(2): waiting calls fail with EBADF (as in the simulation); the port is released now. */
    void close() {
        if (closed) {
            return;
        }
        world.reactor().interest(kfd, (short) 0, this);
        Endpoint last = local();
        closed = true;
        for (ArrayDeque<WaitingCall> q : List.of(reads, writes)) {
            while (!q.isEmpty()) {
                WaitingCall op = q.poll();
                if (op.timer != null) {
                    op.timer.cancel();
                }
                op.reply.fail(SocketError.EBADF);
            }
        }
        Sys.close(kfd);
        world.forget(this, wasConnected ? last : null);
        api.forget(fd);
    }

    /** Makes the coming close reset the connection instead of closing it (no TIME-WAIT). */
    void abort() {
        if (stream && !closed) {
            Sys.lingerZero(kfd);
        }
    }
}
