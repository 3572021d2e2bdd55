package org.stacklab.process;

import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

import java.util.function.Consumer;
import org.stacklab.transport.Sock;
import org.stacklab.transport.SocketError;

/**
 * The simulated world's answer to one {@link Call} on a socket: the calls that mean the same for every
 * socket ({@code setsockopt}, {@code getsockname}, {@code close}) are written here once; each protocol's subclass writes what the others mean for it ({@link TcpCalls}, {@link UdpCalls}).
 */
abstract class SimCalls implements Call.Visitor<Void> {
    final SimSocketApi api;
    final Consumer<Outcome> done;

    SimCalls(SimSocketApi api, Consumer<Outcome> done) {
        this.api = api;
        this.done = done;
    }

    /** The socket the call works on. */
    abstract Sock sock();

    /** Closes the protocol's socket; {@code closed} runs when close() returns (SO_LINGER may hold it). */
    abstract void closeSocket(Runnable closed);

    @Override
    public Void open(Call.Open c) {
        return noSocket(api, done).open(c); // socket(2) works on no descriptor
    }

    @Override
    public Void sleep(Call.Sleep c) {
        return noSocket(api, done).sleep(c);
    }

    @Override
    public Void exit(Call.Exit c) {
        return noSocket(api, done).exit(c);
    }

    @Override
    public Void poll(Call.Poll c) {
        return noSocket(api, done).poll(c);
    }

    @Override
    public Void setOpt(Call.SetOpt o) {
        if (o.reuseAddr() != null) {
            sock().setReuseAddr(o.reuseAddr());
        }
        if (o.reusePort() != null) {
            sock().setReusePort(o.reusePort());
        }
        if (o.nonblocking() != null) {
            sock().setNonblocking(o.nonblocking());
        }
        if (o.v6only() != null) {
            SocketError e = sock().setV6only(o.v6only());
            if (e != null) {
                done.accept(Outcome.fail(e));
                return null;
            }
        }
        setOptions(sock().options(), o.opts());
        optionsSet();
        done.accept(Outcome.OK);
        return null;
    }

    /** After setsockopt: what the protocol must redo (TCP: the receive window from SO_RCVBUF). */
    void optionsSet() {}

    private static void setOptions(org.stacklab.transport.SockOptions to, Step.Opts x) {
        if (x.lingerNs() != null) {
            to.setLinger(x.lingerNs());
        }
        if (x.rcvbuf() != null) {
            to.setRcvbuf(x.rcvbuf());
        }
        if (x.sndbuf() != null) {
            to.setSndbuf(x.sndbuf());
        }
        if (x.nodelay() != null) {
            to.setNodelay(x.nodelay());
        }
        if (x.keepalive() != null) {
            to.setKeepalive(x.keepalive());
        }
        if (x.keepIdleNs() != null) {
            to.setKeepIdle(x.keepIdleNs());
        }
        if (x.keepIntvlNs() != null) {
            to.setKeepIntvl(x.keepIntvlNs());
        }
        if (x.keepCnt() != null) {
            to.setKeepCnt(x.keepCnt());
        }
    }

    @Override
    public Void getSockName(Call.GetSockName c) {
        done.accept(Outcome.address(sock().local()));
        return null;
    }

    /** getpeername(2): ENOTCONN until the connection is up (inet_getname: not in CLOSE or SYN-SENT). */
    @Override
    public Void getPeerName(Call.GetPeerName c) {
        Endpoint peer = sock().peerName();
        done.accept(peer == null ? Outcome.fail(SocketError.ENOTCONN) : Outcome.address(peer));
        return null;
    }

    /** getsockopt(SO_ERROR): the pending error, cleared by reading it (sock_error). */
    @Override
    public Void getSockOpt(Call.GetSockOpt c) {
        SocketError e = sock().takeSoError();
        done.accept(Outcome.data(Bytes.of(e == null ? "0" : e.name()), null));
        return null;
    }

    @Override
    public Void close(Call.Close c) {
        api.forget(c.fd());
        closeSocket(() -> done.accept(Outcome.OK));
        return null;
    }

    static Outcome result(SocketError e) {
        return e == null ? Outcome.OK : Outcome.fail(e);
    }

    /**
     * A call on a descriptor that names no socket: {@code EBADF}, except for the calls that need none
     * ({@code socket}, {@code sleep}).
     */
    static Call.Visitor<Void> noSocket(SimSocketApi api, Consumer<Outcome> done) {
        return new Call.Partial<>() {
            @Override
            protected Void otherwise(Call c) {
                done.accept(Outcome.fail(SocketError.EBADF));
                return null;
            }

            @Override
            public Void open(Call.Open c) {
                done.accept(api.open(c));
                return null;
            }

            @Override
            public Void sleep(Call.Sleep c) {
                api.sleep(c.ns(), () -> done.accept(Outcome.OK));
                return null;
            }

            @Override
            public Void poll(Call.Poll c) {
                api.poll(c, done);
                return null;
            }

            @Override
            public Void exit(Call.Exit c) {
                api.closeAll();
                done.accept(Outcome.OK);
                return null;
            }
        };
    }
}
