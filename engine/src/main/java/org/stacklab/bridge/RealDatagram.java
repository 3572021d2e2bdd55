package org.stacklab.bridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;

/**
 * A UDP socket on a {@link DatagramChannel} of the IPv4 family (docs/port-table.md N1 does not apply).
 * Java's own rules are worked around or noted: {@code connect()} discards the datagrams already
 * queued, which Linux keeps (N11 in docs/bridge.md), so the bridge takes them out first and hands
 * them to the next receives; a connected channel refuses {@code sendto()} to another address
 * (noted, not compared); and {@code receive()} on an unbound channel would bind it, so a recv on an
 * unbound socket just waits, as the kernel's does.
 */
final class RealDatagram extends RealSocket {
    private static final int MAX = 65536;
    private final DatagramChannel ch;
    private final ByteBuffer in = ByteBuffer.allocateDirect(MAX);
    private InetSocketAddress local;
    private InetSocketAddress peer;
    /** Datagrams taken out of the kernel's queue before a connect (Java would discard them), oldest first. */
    private final java.util.ArrayDeque<Outcome> saved = new java.util.ArrayDeque<>();
    /** An ICMP error taken out with the saved datagrams, still to be reported (K3). */
    private boolean refused;

    RealDatagram(int fd, RealSocketApi api) throws IOException {
        super(fd, api);
        ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.configureBlocking(false);
            applyOptions(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    Protocol protocol() {
        return Protocol.UDP;
    }

    @Override
    SelectableChannel channel() {
        return ch;
    }

    @Override
    InetSocketAddress local() {
        return local;
    }

    @Override
    boolean connected() {
        return peer != null;
    }

    @Override
    int interest() {
        int ops = 0;
        if (!reads.isEmpty() && local != null) {
            ops |= SelectionKey.OP_READ;
        }
        if (!writes.isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        return ops;
    }

    @Override
    Calls calls(Reply r) {
        return new Calls(r) {
            @Override
            public Void bind(Call.Bind b) {
                RealDatagram.this.bind(b.addr(), r);
                return null;
            }

            @Override
            public Void connect(Call.Connect c) {
                RealDatagram.this.connect(c.addr(), r);
                return null;
            }

            @Override
            public Void send(Call.Send s) {
                if (peer == null) {
                    r.fail(SocketError.EDESTADDRREQ, Note.javaCheck("Java: NotYetConnectedException; Linux: EDESTADDRREQ"));
                } else {
                    RealDatagram.this.send(null, s.data(), r, loopbackSourceNote(endpoint(peer)));
                }
                return null;
            }

            @Override
            public Void sendTo(Call.SendTo s) {
                RealDatagram.this.sendTo(s.to(), s.data(), r);
                return null;
            }

            @Override
            public Void recv(Call.Recv c) {
                RealDatagram.this.recv(c.max(), c.timeoutNs(), false, r);
                return null;
            }

            @Override
            public Void recvFrom(Call.RecvFrom c) {
                RealDatagram.this.recv(c.max(), c.timeoutNs(), true, r);
                return null;
            }

            @Override
            public Void listen(Call.Listen c) {
                return notConnectionMode(c);
            }

            @Override
            public Void accept(Call.Accept c) {
                return notConnectionMode(c);
            }

            private Void notConnectionMode(Call c) {
                r.fail(SocketError.EOPNOTSUPP, Note.emulated("a DatagramChannel has no " + c.name() + "; Linux: EOPNOTSUPP"));
                return null;
            }

            @Override
            public Void shutdown(Call.Shutdown c) {
                r.give(peer == null ? Outcome.fail(SocketError.ENOTCONN) : Outcome.OK,
                        Note.emulated("a DatagramChannel has no shutdown; Linux: ENOTCONN unless connected"));
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
        InetSocketAddress a = address(e);
        try {
            ch.bind(a);
            local = (InetSocketAddress) ch.getLocalAddress();
            boundByScript(e.ip());
            pump(); // a recv waiting for the binding may now read
            r.ok();
        } catch (IOException | RuntimeException x) {
            SocketError err = Errno.of(x);
            r.fail(err, err == SocketError.EADDRINUSE ? inUseNote(a)
                    : Errno.fromJava(x) ? Note.javaCheck(x.toString()) : null);
        }
    }

    /** H2: binds an unbound socket to its host's loopback address before it talks to another host. */
    private SocketError bindForSending(Endpoint to) {
        if (local != null || world.map().hostOfReal(to.ip()) == null) {
            return null; // bound already, or talking to 127.0.0.1: the kernel's choice is the simulation's
        }
        try {
            ch.bind(address(new Endpoint(api.ownAddress(), 0)));
            local = (InetSocketAddress) ch.getLocalAddress();
            boundByBridge = true;
            return null;
        } catch (IOException | RuntimeException x) {
            return Errno.of(x);
        }
    }

    private void connect(Endpoint e, Reply r) {
        Endpoint to = destination(e);
        if (to == null) {
            r.fail(SocketError.ENETUNREACH, Note.refused("connect to " + e + " is outside 127.0.0.0/8"));
            return;
        }
        SocketError b = bindForSending(to);
        if (b != null) {
            r.fail(b);
            return;
        }
        Note note = null;
        try {
            save();
            if (peer != null) {
                ch.disconnect(); // Linux re-connects in place; Java needs a disconnect first
                note = Note.emulated("Java cannot connect a connected DatagramChannel: disconnected first");
            }
            ch.connect(address(to));
            peer = (InetSocketAddress) ch.getRemoteAddress();
            local = (InetSocketAddress) ch.getLocalAddress();
            Note odd = loopbackSourceNote(to);
            r.give(Outcome.OK, odd != null ? odd : note);
        } catch (IOException | RuntimeException x) {
            r.fail(Errno.of(x), Errno.fromJava(x) ? Note.javaCheck(x.toString()) : null);
        }
    }

    /** Takes the queued datagrams out before connect() would discard them (Linux keeps them: N11). */
    private void save() throws IOException {
        if (local == null) {
            return;
        }
        while (true) {
            in.clear();
            SocketAddress src;
            try {
                src = ch.receive(in);
            } catch (PortUnreachableException x) {
                refused = true; // the pending error stays for the next call, as sk_err does
                continue;
            }
            if (src == null) {
                return;
            }
            Endpoint sender = endpoint(src);
            if (sender.ip().isLoopback()) {
                in.flip();
                byte[] b = new byte[in.remaining()];
                in.get(b);
                saved.add(Outcome.data(Bytes.wrap(b), sender));
            }
        }
    }

    private void sendTo(Endpoint e, Bytes data, Reply r) {
        Endpoint to = destination(e);
        if (to == null) {
            r.fail(SocketError.ENETUNREACH, Note.refused("sendto " + e + " is outside 127.0.0.0/8: not sent"));
            return;
        }
        if (peer != null) {
            if (!endpoint(peer).equals(to)) {
                r.fail(SocketError.EISCONN, Note.javaLimit("Java refuses sendto another address on a connected"
                        + " DatagramChannel (AlreadyConnectedException); Linux sends it"));
                return;
            }
            send(null, data, r, loopbackSourceNote(to));
            return;
        }
        SocketError b = bindForSending(to);
        if (b != null) {
            r.fail(b);
            return;
        }
        send(address(to), data, r, loopbackSourceNote(to));
    }

    /** Sends one datagram, waiting for buffer room if the kernel has none (Java returns 0). */
    private void send(InetSocketAddress to, Bytes data, Reply r, Note note) {
        ByteBuffer buf = ByteBuffer.wrap(data.toArray());
        queue(writes, r, -1, SocketError.EAGAIN, null, () -> {
            if (refused) {
                refused = false;
                r.fail(SocketError.ECONNREFUSED);
                return true;
            }
            int n;
            try {
                n = to == null ? ch.write(buf) : ch.send(buf, to);
            } catch (PortUnreachableException x) {
                r.fail(SocketError.ECONNREFUSED); // K3: reported once, to the next send
                return true;
            }
            if (n == 0 && data.length() > 0) {
                buf.rewind();
                return false;
            }
            if (local == null) {
                local = (InetSocketAddress) ch.getLocalAddress();
            }
            r.give(Outcome.sent(data.length()), note);
            return true;
        });
    }

    private void recv(int max, long timeoutNs, boolean from, Reply r) {
        queue(reads, r, timeoutNs, SocketError.EAGAIN, null, () -> {
            if (refused) {
                refused = false;
                r.fail(SocketError.ECONNREFUSED);
                return true;
            }
            if (!saved.isEmpty()) {
                // A pending error comes before queued data (Linux: __skb_recv_udp checks sock_error first);
                // a newer datagram in the kernel queues up behind the saved ones.
                in.clear();
                SocketAddress src;
                try {
                    src = ch.receive(in);
                } catch (PortUnreachableException x) {
                    r.fail(SocketError.ECONNREFUSED);
                    return true;
                }
                if (src != null && endpoint(src).ip().isLoopback()) {
                    in.flip();
                    byte[] b = new byte[in.remaining()];
                    in.get(b);
                    saved.add(Outcome.data(Bytes.wrap(b), endpoint(src)));
                }
                Outcome kept = saved.poll();
                Bytes d = kept.data();
                r.ok(Outcome.data(d.length() <= max ? d : d.slice(0, max), from ? kept.addr() : null));
                return true;
            }
            if (local == null) {
                return false; // not bound: nothing can arrive (Java's receive would bind it)
            }
            while (true) {
                in.clear();
                SocketAddress src;
                try {
                    src = ch.receive(in);
                } catch (PortUnreachableException x) {
                    r.fail(SocketError.ECONNREFUSED); // K3: reported once, to the next recv
                    return true;
                }
                if (src == null) {
                    return false;
                }
                Endpoint sender = endpoint(src);
                if (!sender.ip().isLoopback()) {
                    continue; // from outside this machine's loopback: never handed to a script
                }
                in.flip();
                byte[] b = new byte[Math.min(in.remaining(), max)];
                in.get(b);
                r.ok(Outcome.data(Bytes.wrap(b), from ? sender : null));
                return true;
            }
        });
    }

    @Override
    void closeChannels() {
        closeChannel(ch);
    }
}
