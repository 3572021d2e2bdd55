package org.stacklab.bridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Protocol;

/**
 * A TCP socket on java.nio channels of the IPv4 family.
 *
 * <p>Java has no bound-but-not-listening server socket: {@code ServerSocketChannel.bind} binds and
 * listens in one call (docs/port-table.md N3). So a stream socket starts as a {@link SocketChannel}, and
 * {@code bind} is a real bind of it (conflicts show at bind, as in C). {@code listen} then closes
 * that channel and binds a {@link ServerSocketChannel} with the same options to the same address
 * and port: a listen-time conflict (C3) shows as EADDRINUSE from listen, as in C. The
 * consequences: for a moment the port is free (another socket could take it), and when listen
 * fails the socket is bound again if it can be (if not, it has lost its binding, where C keeps
 * it). A connect that fails makes Java close the channel; a fresh one takes its place, bound
 * again to the address the script bound.
 */
final class RealStream extends RealSocket {
    private static final int MAX = 65536;
    private SocketChannel sc;
    private ServerSocketChannel ssc;
    private final ByteBuffer in = ByteBuffer.allocate(MAX);
    private InetSocketAddress bound;
    /** The script bound a port of its own (not 0): Linux keeps it when a connect fails (SOCK_BINDPORT_LOCK). */
    private boolean portLocked;
    /** The address the script bound, kept when a failed connect released its port (SOCK_BINDADDR_LOCK). */
    private InetSocketAddress keptAddress;
    private boolean established;
    private boolean connecting;
    private boolean shutOut;
    private boolean wasConnected;

    RealStream(int fd, RealSocketApi api) throws IOException {
        super(fd, api);
        sc = fresh();
    }

    /** An accepted connection: it inherits the listener's options (A3). */
    RealStream(int fd, RealSocketApi api, SocketChannel accepted, RealStream listener) throws IOException {
        super(fd, api);
        accepted.configureBlocking(false);
        sc = accepted;
        reuseAddr = listener.reuseAddr;
        reusePort = listener.reusePort;
        established = true;
        wasConnected = true;
        bound = (InetSocketAddress) accepted.getLocalAddress();
    }

    private SocketChannel fresh() throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.INET);
        try {
            c.configureBlocking(false);
            applyOptions(c);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    Protocol protocol() {
        return Protocol.TCP;
    }

    @Override
    SelectableChannel channel() {
        return ssc != null ? ssc : sc;
    }

    @Override
    InetSocketAddress local() {
        try {
            InetSocketAddress a = ssc != null ? (InetSocketAddress) ssc.getLocalAddress()
                    : sc == null ? null : (InetSocketAddress) sc.getLocalAddress();
            return a != null ? a : bound;
        } catch (IOException | RuntimeException e) {
            return bound;
        }
    }

    @Override
    boolean connected() {
        return established;
    }

    boolean listening() {
        return ssc != null;
    }

    boolean wasConnected() {
        return wasConnected;
    }

    @Override
    int interest() {
        if (ssc != null) {
            return reads.isEmpty() ? 0 : SelectionKey.OP_ACCEPT;
        }
        int ops = connects.isEmpty() ? 0 : SelectionKey.OP_CONNECT;
        if (established && !reads.isEmpty()) {
            ops |= SelectionKey.OP_READ;
        }
        if (established && !writes.isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        return ops;
    }

    @Override
    Calls calls(Reply r) {
        return new Calls(r) {
            @Override
            public Void bind(Call.Bind b) {
                RealStream.this.bind(b.addr(), r);
                return null;
            }

            @Override
            public Void listen(Call.Listen l) {
                RealStream.this.listen(l.backlog(), r);
                return null;
            }

            @Override
            public Void accept(Call.Accept a) {
                RealStream.this.accept(a.timeoutNs(), r);
                return null;
            }

            @Override
            public Void connect(Call.Connect c) {
                RealStream.this.connect(c.addr(), c.timeoutNs(), r);
                return null;
            }

            @Override
            public Void send(Call.Send s) {
                RealStream.this.send(s.data(), r);
                return null;
            }

            @Override
            public Void sendTo(Call.SendTo s) {
                RealStream.this.send(s.data(), r); // a connection-mode socket ignores the address (sendto(2))
                return null;
            }

            @Override
            public Void recv(Call.Recv c) {
                RealStream.this.recv(c.max(), c.timeoutNs(), false, r);
                return null;
            }

            @Override
            public Void recvFrom(Call.RecvFrom c) {
                RealStream.this.recv(c.max(), c.timeoutNs(), true, r);
                return null;
            }

            @Override
            public Void shutdown(Call.Shutdown s) {
                RealStream.this.shutdown(s.how(), r);
                return null;
            }
        };
    }

    private void bind(Endpoint e, Reply r) {
        if (otherHosts(e.ip())) {
            r.fail(SocketError.EADDRNOTAVAIL, Note.emulated("another host's address: not local to this host (F2); the bridge"
                    + " keeps host boundaries the one kernel cannot see"));
            return;
        }
        if (ssc != null) {
            r.fail(SocketError.EINVAL, Note.javaCheck("already bound (a listener)"));
            return;
        }
        InetSocketAddress a = address(e);
        try {
            sc.bind(a);
            bound = (InetSocketAddress) sc.getLocalAddress();
            portLocked = e.port() != 0;
            keptAddress = null;
            boundByScript(e.ip());
            r.ok();
        } catch (IOException | RuntimeException x) {
            SocketError err = Errno.of(x);
            r.fail(err, err == SocketError.EADDRINUSE ? inUseNote(a)
                    : Errno.fromJava(x) ? Note.javaCheck(x.toString()) : null);
        }
    }

    private void listen(int backlog, Reply r) {
        if (ssc != null) {
            r.give(Outcome.OK, Note.emulated("already listening: Linux only changes the backlog (G1), Java cannot"));
            return;
        }
        if (established || connecting) {
            r.fail(SocketError.EINVAL, Note.emulated("listen on a connected socket: Linux gives EINVAL"));
            return;
        }
        InetSocketAddress at = bound != null ? bound : address(new Endpoint(Ipv4Address.ANY, 0));
        ServerSocketChannel l = null;
        try {
            l = ServerSocketChannel.open(StandardProtocolFamily.INET);
            l.configureBlocking(false);
            applyOptions(l); // SO_REUSEADDR off unless set: Java's default for server sockets is on (N2)
            closeChannel(sc);
            sc = null;
            l.bind(at, backlog < 0 ? 4096 : backlog); // N4: Java makes a backlog below 1 into 50
            ssc = l;
            bound = (InetSocketAddress) l.getLocalAddress();
            r.ok();
        } catch (IOException | RuntimeException x) {
            closeQuietly(l);
            SocketError err = Errno.of(x);
            Note n = err == SocketError.EADDRINUSE ? inUseNote(at) : null;
            if (sc == null) {
                n = rebind(n, true);
            }
            r.fail(err, n);
        }
    }

    /**
     * After a failed listen or connect: a fresh channel, bound again where the script bound it. A
     * failed connect releases a port the script did not choose itself (bind to port 0), as Linux's
     * tcp_set_state(TCP_CLOSE) does without SOCK_BINDPORT_LOCK; the address stays for the next
     * connect.
     */
    private Note rebind(Note n, boolean keepAnyPort) {
        try {
            closeChannel(sc);
            sc = fresh();
            if (bound != null && !boundByBridge && (portLocked || keepAnyPort)) {
                sc.bind(bound);
                return n;
            }
            if (bound != null && !boundByBridge) {
                keptAddress = new InetSocketAddress(bound.getAddress(), 0);
            }
            bound = null;
            boundByBridge = false;
            return n;
        } catch (IOException | RuntimeException x) {
            bound = null;
            return n != null ? n : Note.javaLimit("the socket lost its binding (" + x.getMessage() + "); in C it keeps it (N3)");
        }
    }

    private void accept(long timeoutNs, Reply r) {
        if (ssc == null) {
            r.fail(SocketError.EINVAL, Note.emulated("accept on a socket that does not listen: Linux gives EINVAL"));
            return;
        }
        queue(reads, r, timeoutNs, SocketError.EAGAIN, null, () -> {
            while (true) {
                SocketChannel c = ssc.accept();
                if (c == null) {
                    return false;
                }
                Endpoint peer = endpoint(c.getRemoteAddress());
                if (!peer.ip().isLoopback()) {
                    c.setOption(StandardSocketOptions.SO_LINGER, 0);
                    c.close(); // from outside this machine's loopback: never handed to a script
                    continue;
                }
                RealStream child;
                try {
                    child = api.adopt(fd -> new RealStream(fd, api, c, this));
                } catch (IOException | RuntimeException x) {
                    c.close();
                    throw x;
                }
                r.ok(Outcome.accepted(child.fd, peer));
                return true;
            }
        });
    }

    private void connect(Endpoint e, long timeoutNs, Reply r) {
        Endpoint to = destination(e);
        if (to == null) {
            r.fail(SocketError.ENETUNREACH, Note.refused("connect to " + e + " is outside 127.0.0.0/8"));
            return;
        }
        if (ssc != null) {
            r.fail(SocketError.EISCONN, Note.emulated("connect on a listening socket: Linux gives EISCONN"));
            return;
        }
        if (established) {
            r.fail(SocketError.EISCONN);
            return;
        }
        if (connecting) {
            r.fail(SocketError.EALREADY);
            return;
        }
        try {
            if (bound == null && keptAddress != null) {
                sc.bind(keptAddress); // the script's address, kept from a bind whose port a failed connect released
                bound = (InetSocketAddress) sc.getLocalAddress();
                boundByBridge = true;
            } else if (bound == null && world.map().hostOfReal(to.ip()) != null) {
                sc.bind(address(new Endpoint(api.ownAddress(), 0))); // H2: the host's own source address
                bound = (InetSocketAddress) sc.getLocalAddress();
                boundByBridge = true;
            }
            if (sc.connect(address(to))) {
                connected(r);
                return;
            }
        } catch (IOException | RuntimeException x) {
            failConnect(r, x);
            return;
        }
        connecting = true;
        queue(connects, r, timeoutNs, SocketError.ETIMEDOUT, () -> {
            connecting = false;
            failWrites();
            rebind(null, false); // the attempt is abandoned, as the simulation abandons it
        }, () -> {
            try {
                if (!sc.finishConnect()) {
                    return false;
                }
            } catch (IOException | RuntimeException x) {
                failConnect(r, x);
                return true;
            }
            connected(r);
            return true;
        });
    }

    private void connected(Reply r) {
        connecting = false;
        established = true;
        wasConnected = true;
        InetSocketAddress peer = null;
        try {
            peer = (InetSocketAddress) sc.getRemoteAddress();
        } catch (IOException | RuntimeException e) {
            // reported as plainly connected
        }
        r.give(Outcome.OK, peer == null ? null : loopbackSourceNote(endpoint(peer)));
    }

    private void failConnect(Reply r, Throwable x) {
        connecting = false;
        failWrites();
        Note n = Errno.fromJava(x) ? Note.javaCheck(x.toString()) : null;
        r.fail(Errno.of(x), rebind(n, false)); // Java closed the channel; Linux keeps the socket for another try
    }

    private void failWrites() {
        while (!writes.isEmpty()) {
            Op op = writes.poll();
            op.reply.fail(SocketError.EPIPE);
        }
    }

    private void send(Bytes data, Reply r) {
        if (ssc != null) {
            r.fail(SocketError.EPIPE, Note.emulated("send on a listening socket: Linux gives EPIPE"));
            return;
        }
        if (shutOut) {
            r.fail(SocketError.EPIPE, Note.javaCheck("Java: ClosedChannelException after shutdownOutput; Linux: EPIPE"));
            return;
        }
        if (!established && !connecting) {
            r.fail(SocketError.EPIPE, Note.javaCheck("Java: NotYetConnectedException; Linux: EPIPE"));
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(data.toArray());
        queue(writes, r, -1, SocketError.EAGAIN, null, () -> {
            if (!established) {
                return false; // still connecting: Linux waits too
            }
            sc.write(buf);
            if (buf.hasRemaining()) {
                return false;
            }
            r.ok(Outcome.sent(data.length()));
            return true;
        });
    }

    private void recv(int max, long timeoutNs, boolean from, Reply r) {
        if (ssc != null) {
            r.fail(SocketError.ENOTCONN, Note.emulated("recv on a listening socket: Linux gives ENOTCONN"));
            return;
        }
        if (!established && !connecting) {
            r.fail(SocketError.ENOTCONN, Note.javaCheck("Java: NotYetConnectedException; Linux: ENOTCONN"));
            return;
        }
        queue(reads, r, timeoutNs, SocketError.EAGAIN, null, () -> {
            if (!established) {
                return false;
            }
            in.clear();
            in.limit(Math.min(max, MAX));
            int n = sc.read(in);
            if (n == 0) {
                return false;
            }
            Endpoint peer = from ? endpoint(sc.getRemoteAddress()) : null;
            if (n < 0) {
                r.ok(Outcome.data(Bytes.EMPTY, peer)); // end of stream
                return true;
            }
            byte[] b = new byte[n];
            in.flip();
            in.get(b);
            r.ok(Outcome.data(Bytes.wrap(b), peer));
            return true;
        });
    }

    private void shutdown(String how, Reply r) {
        if (ssc != null) {
            if (!how.equals("write")) {
                closeChannel(ssc);
                ssc = null;
                r.give(Outcome.OK, rebind(Note.emulated("shutdown of a listener: Linux stops listening and keeps the port"), true));
            } else {
                r.give(Outcome.OK, Note.emulated("shutdown(write) of a listener: Linux does nothing"));
            }
            return;
        }
        if (!established) {
            r.fail(SocketError.ENOTCONN, Note.javaCheck("Java: NotYetConnectedException; Linux: ENOTCONN"));
            return;
        }
        try {
            if (!how.equals("write")) {
                sc.shutdownInput();
            }
            if (!how.equals("read")) {
                sc.shutdownOutput();
                shutOut = true;
            }
            r.ok();
            pump(); // a waiting recv now sees the end of the stream
        } catch (IOException | RuntimeException x) {
            r.fail(Errno.of(x));
        }
    }

    /** Makes the coming close reset the connection instead of closing it (no TIME-WAIT). */
    void abort() {
        if (sc != null && (established || connecting)) {
            try {
                sc.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                // closing normally then
            }
        }
    }

    @Override
    void closeChannels() {
        closeChannel(ssc);
        closeChannel(sc);
    }

    private static void closeQuietly(ServerSocketChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing to release
            }
        }
    }
}
