package org.stacklab.bridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Protocol;

/**
 * One descriptor of a process in the real world: a non-blocking java.nio channel of the IPv4
 * family and the calls waiting on it. Everything here runs on the I/O thread.
 *
 * <p>A call that would block waits in a queue (reads: recv, recvfrom, accept; writes: send;
 * connect) and is retried when the selector reports readiness, or fails when its timeout passes.
 * Subclasses say what each call means for a datagram or a stream socket.
 */
abstract class RealSocket implements Reactor.Ready {
    final int fd;
    final RealSocketApi api;
    final RealWorld world;
    boolean reuseAddr;
    boolean reusePort;
    boolean closed;
    /** The bridge bound it to its host's address before a send or connect (H2), not the script. */
    boolean boundByBridge;
    /** The address the script bound, or null. */
    Ipv4Address scriptBound;
    /** Set once the socket did something the one machine cannot reproduce: every later answer carries it. */
    Note taint;
    private SelectionKey key;
    final ArrayDeque<Op> reads = new ArrayDeque<>();
    final ArrayDeque<Op> writes = new ArrayDeque<>();
    final ArrayDeque<Op> connects = new ArrayDeque<>();

    RealSocket(int fd, RealSocketApi api) {
        this.fd = fd;
        this.api = api;
        this.world = api.world();
    }

    abstract Protocol protocol();

    /** The channel that currently stands for this descriptor. */
    abstract SelectableChannel channel();

    /** The calls this kind of socket answers itself (all but socket, setsockopt, getsockname and close). */
    abstract Calls calls(Reply r);

    /** The bound local address, or null. */
    abstract InetSocketAddress local();

    /** Whether this socket is connected (for stream: established; for datagram: has a peer). */
    abstract boolean connected();

    // ---------------------------------------------------------------- calls every socket has

    final void call(Call call, Reply reply) {
        Reply r = reply.withFallback(taint);
        if (closed) {
            r.fail(SocketError.EBADF);
        } else {
            call.accept(calls(r));
        }
    }

    /**
     * One call on this socket, answered through {@code r}: the calls every socket has are written here,
     * each kind of socket writes the rest.
     */
    abstract class Calls implements Call.Visitor<Void> {
        final Reply r;

        Calls(Reply r) {
            this.r = r;
        }

        @Override
        public Void open(Call.Open c) {
            return invalid(); // the API opens sockets; a socket never sees this call
        }

        @Override
        public Void sleep(Call.Sleep c) {
            return invalid(); // the API sleeps; a socket never sees this call
        }

        private Void invalid() {
            r.fail(SocketError.EINVAL);
            return null;
        }

        @Override
        public Void setOpt(Call.SetOpt o) {
            RealSocket.this.setOpt(o, r);
            return null;
        }

        @Override
        public Void getSockName(Call.GetSockName c) {
            RealSocket.this.getSockName(r);
            return null;
        }

        @Override
        public Void close(Call.Close c) {
            RealSocket.this.close();
            r.ok();
            return null;
        }
    }

    private void setOpt(Call.SetOpt o, Reply r) {
        try {
            if (o.reuseAddr() != null) {
                reuseAddr = o.reuseAddr();
                ((NetworkChannel) channel()).setOption(StandardSocketOptions.SO_REUSEADDR, reuseAddr);
            }
            if (o.reusePort() != null) {
                reusePort = o.reusePort();
                NetworkChannel ch = (NetworkChannel) channel();
                if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    r.fail(SocketError.EINVAL, Note.javaLimit("this JDK offers no SO_REUSEPORT here"));
                    return;
                }
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, reusePort);
            }
            r.ok();
        } catch (IOException | RuntimeException e) {
            r.fail(Errno.of(e));
        }
    }

    /** Sets every option this socket has explicitly: Java's defaults are not C's (N2). */
    final void applyOptions(NetworkChannel ch) throws IOException {
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, reuseAddr);
        if (ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            ch.setOption(StandardSocketOptions.SO_REUSEPORT, reusePort);
        }
    }

    private void getSockName(Reply r) {
        InetSocketAddress a = local();
        Endpoint e = a == null ? Endpoint.ANY : endpoint(a);
        Note n = null;
        if (boundByBridge) {
            n = Note.mapping("the bridge bound this socket to its host's loopback address before it sent (H2);"
                    + " the simulation's autobind keeps 0.0.0.0");
        } else if (scriptBound != null && scriptBound.isWildcard() && connected() && e.ip().equals(Ipv4Address.LOOPBACK)) {
            n = Note.mapping("bound to 0.0.0.0 and connected: on loopback the kernel takes 127.0.0.1 as the source"
                    + " (H2), the simulation the host's address");
        }
        r.give(Outcome.address(e), n);
    }

    /** Records a successful bind by the script (for names of senders seen from 127.0.0.1, H2). */
    final void boundByScript(Ipv4Address ip) {
        scriptBound = ip;
        boundByBridge = false;
        InetSocketAddress a = local();
        if (a != null) {
            world.boundLocally(protocol(), endpoint(a), api.host());
        }
    }

    // ---------------------------------------------------------------- waiting calls

    /** A call waiting for readiness; {@code attempt} returns true once it has replied. */
    static final class Op {
        final Reply reply;
        final Attempt attempt;
        Reactor.Timer timer;

        Op(Reply reply, Attempt attempt) {
            this.reply = reply;
            this.attempt = attempt;
        }
    }

    interface Attempt {
        boolean attempt() throws IOException;
    }

    /**
     * Queues a call and tries it at once; after {@code timeoutNs} of simulated time (scaled; -1:
     * never) it fails with {@code onTimeout} and {@code expired} runs.
     */
    final void queue(ArrayDeque<Op> q, Reply r, long timeoutNs, SocketError onTimeout, Runnable expired, Attempt a) {
        Op op = new Op(r, a);
        q.add(op);
        if (timeoutNs >= 0) {
            op.timer = world.reactor().schedule(world.scale().duration(timeoutNs), () -> world.reactor().execute(() -> {
                if (q.remove(op)) {
                    op.reply.fail(onTimeout);
                    if (expired != null) {
                        expired.run();
                    }
                    updateInterest();
                }
            }));
        }
        pump();
    }

    /** Retries waiting calls in order until one would block, then sets the selector's interest. */
    final void pump() {
        drain(connects);
        drain(reads);
        drain(writes);
        updateInterest();
    }

    private void drain(ArrayDeque<Op> q) {
        while (!q.isEmpty() && !closed) {
            Op op = q.peek();
            boolean finished;
            try {
                finished = op.attempt.attempt();
            } catch (IOException | RuntimeException e) {
                op.reply.fail(Errno.of(e), Errno.fromJava(e) ? Note.javaCheck(e.toString()) : null);
                finished = true;
            }
            if (!finished) {
                return;
            }
            q.remove(op);
            if (op.timer != null) {
                op.timer.cancel();
            }
        }
    }

    /** The selector interest for what is waiting; subclasses say which op a queue waits for. */
    abstract int interest();

    final void updateInterest() {
        if (closed) {
            return;
        }
        SelectableChannel ch = channel();
        int ops = ch == null ? 0 : interest() & ch.validOps();
        try {
            if (key != null && (key.channel() != ch || !key.isValid())) {
                key.cancel();
                key = null;
            }
            if (key == null) {
                if (ops != 0) {
                    key = ch.register(world.reactor().selector(), ops, this);
                }
            } else if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        } catch (ClosedChannelException | RuntimeException e) {
            world.reactor().bug("interest of fd " + fd, e);
        }
    }

    @Override
    public final void ready(SelectionKey k) {
        if (k == key) {
            pump();
        }
    }

    // ---------------------------------------------------------------- closing

    /** Closes the descriptor: waiting calls fail with EBADF (as in the simulation), the port is released now. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        failAll(SocketError.EBADF);
        closeChannels();
        world.forget(this);
        api.forget(fd);
    }

    final void failAll(SocketError e) {
        for (ArrayDeque<Op> q : java.util.List.of(connects, reads, writes)) {
            while (!q.isEmpty()) {
                Op op = q.poll();
                if (op.timer != null) {
                    op.timer.cancel();
                }
                op.reply.fail(e);
            }
        }
    }

    /** Closes the channels; subclasses close theirs through {@link #closeChannel}. */
    abstract void closeChannels();

    /** Closes {@code ch} so that its port is free when this returns (a registered channel closes on deregistration). */
    final void closeChannel(SelectableChannel ch) {
        if (ch == null) {
            return;
        }
        boolean registered = key != null && key.channel() == ch;
        if (registered) {
            key.cancel();
            key = null;
        }
        try {
            ch.close();
        } catch (IOException e) {
            world.reactor().bug("close fd " + fd, e);
        }
        if (registered || ch.isRegistered()) {
            world.reactor().flushCancelled();
        }
    }

    // ---------------------------------------------------------------- addresses

    /** A scenario endpoint (already rewritten to loopback) as a socket address, after the hard rule's check. */
    final InetSocketAddress address(Endpoint e) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(e.ip().toBytes()), e.port());
        } catch (UnknownHostException x) {
            throw new IllegalStateException(x); // four bytes are always an address
        }
    }

    static Endpoint endpoint(SocketAddress sa) {
        InetSocketAddress a = (InetSocketAddress) sa;
        byte[] b = a.getAddress().getAddress();
        if (b.length != 4) {
            return new Endpoint(Ipv4Address.ANY, a.getPort());
        }
        int bits = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        return new Endpoint(new Ipv4Address(bits), a.getPort());
    }

    /**
     * The hard rule, checked at every call that sends: only 127.0.0.0/8. A wildcard destination
     * means this machine on Linux (and Java rewrites it to 127.0.0.1, N8), so it becomes 127.0.0.1.
     * Null when refused.
     */
    static Endpoint destination(Endpoint e) {
        if (e.ip().isWildcard()) {
            return e.withIp(Ipv4Address.LOOPBACK);
        }
        return e.ip().isLoopback() ? e : null;
    }

    /**
     * A note when a socket the script bound to 127.x talks to another host: on a real network Linux
     * refuses a loopback source on a real device (EINVAL in __mkroute_output, not measured here);
     * on one machine everything is loopback, so the call goes through. Null otherwise.
     */
    final Note loopbackSourceNote(Endpoint to) {
        if (scriptBound != null && scriptBound.isLoopback() && world.map().hostOfReal(scriptBound) == null
                && world.map().belongsToOtherHost(to.ip(), api.host())) {
            return taint = Note.mapping("a socket bound to " + scriptBound + " talks to another host: a real network would"
                    + " not carry a loopback source (Linux: EINVAL), one machine's loopback does");
        }
        return null;
    }

    /** Whether a bind address is another host's (F2: not local to this host), which the kernel cannot see. */
    final boolean otherHosts(Ipv4Address ip) {
        return world.map().belongsToOtherHost(ip, api.host());
    }

    /** A note for EADDRINUSE when nothing of this run holds the port: something else on this machine does. */
    final Note inUseNote(InetSocketAddress wanted) {
        if (wanted == null || world.heldByRun(protocol(), endpoint(wanted), this)) {
            return null;
        }
        return Note.environment(protocol().label() + " port " + wanted.getPort() + " is in use on this machine by"
                + " something outside this run (another program, or a TIME-WAIT left by an earlier run)");
    }

    static <T> void setIfSupported(NetworkChannel ch, SocketOption<T> o, T v) throws IOException {
        if (ch.supportedOptions().contains(o)) {
            ch.setOption(o, v);
        }
    }
}
