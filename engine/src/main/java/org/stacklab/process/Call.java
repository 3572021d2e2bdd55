package org.stacklab.process;

import org.stacklab.transport.Family;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

/**
 * One Berkeley socket call with its arguments resolved (file descriptors, endpoints, bytes):
 * what a {@link SocketApi} executes, in the simulation or on real sockets. A negative timeout
 * means none.
 */
public sealed interface Call {
    /** The call's name as in the scenario format ({@code socket}, {@code bind}, ...). */
    String name();

    /** The descriptor the call works on, or -1 ({@code socket}, {@code sleep}); records with an fd override it. */
    default int fd() {
        return -1;
    }

    /** The call's kind, chosen by the compiler: one method per call, so adding a call lists every place that must handle it. */
    <R> R accept(Visitor<R> v);

    /** One method per kind of call; each world's socket API and each renderer implements it. */
    interface Visitor<R> {
        R open(Open c);

        R setOpt(SetOpt c);

        R bind(Bind c);

        R listen(Listen c);

        R accept(Accept c);

        R connect(Connect c);

        R send(Send c);

        R sendTo(SendTo c);

        R recv(Recv c);

        R recvFrom(RecvFrom c);

        R getSockName(GetSockName c);

        R getPeerName(GetPeerName c);

        R getSockOpt(GetSockOpt c);

        R shutdown(Shutdown c);

        R close(Close c);

        R sleep(Sleep c);

        R exit(Exit c);

        R poll(Poll c);
    }

    /**
     * A visitor for code that cares about a few kinds of call: each method it does not override
     * answers {@link #otherwise}.
     */
    abstract class Partial<R> implements Visitor<R> {
        /** The answer for every kind of call not overridden. */
        protected abstract R otherwise(Call c);

        @Override
        public R open(Open c) {
            return otherwise(c);
        }

        @Override
        public R setOpt(SetOpt c) {
            return otherwise(c);
        }

        @Override
        public R bind(Bind c) {
            return otherwise(c);
        }

        @Override
        public R listen(Listen c) {
            return otherwise(c);
        }

        @Override
        public R accept(Accept c) {
            return otherwise(c);
        }

        @Override
        public R connect(Connect c) {
            return otherwise(c);
        }

        @Override
        public R send(Send c) {
            return otherwise(c);
        }

        @Override
        public R sendTo(SendTo c) {
            return otherwise(c);
        }

        @Override
        public R recv(Recv c) {
            return otherwise(c);
        }

        @Override
        public R recvFrom(RecvFrom c) {
            return otherwise(c);
        }

        @Override
        public R getSockName(GetSockName c) {
            return otherwise(c);
        }

        @Override
        public R getPeerName(GetPeerName c) {
            return otherwise(c);
        }

        @Override
        public R getSockOpt(GetSockOpt c) {
            return otherwise(c);
        }

        @Override
        public R shutdown(Shutdown c) {
            return otherwise(c);
        }

        @Override
        public R close(Close c) {
            return otherwise(c);
        }

        @Override
        public R sleep(Sleep c) {
            return otherwise(c);
        }

        @Override
        public R exit(Exit c) {
            return otherwise(c);
        }

        @Override
        public R poll(Poll c) {
            return otherwise(c);
        }
    }

    record Open(Step.SockType type, boolean nonblocking, Family family) implements Call {
        public Open(Step.SockType type) {
            this(type, false, Family.INET);
        }

        public Open(Step.SockType type, boolean nonblocking) {
            this(type, nonblocking, Family.INET);
        }

        public <R> R accept(Visitor<R> v) {
            return v.open(this);
        }

        public String name() {
            return "socket";
        }
    }

    /** {@code nonblocking} is fcntl(F_SETFL, O_NONBLOCK) on or off; {@code v6only} IPV6_V6ONLY; null options are not changed. */
    record SetOpt(int fd, Boolean reuseAddr, Boolean reusePort, Boolean nonblocking, Boolean v6only, Step.Opts opts)
            implements Call {
        public SetOpt(int fd, Boolean reuseAddr, Boolean reusePort) {
            this(fd, reuseAddr, reusePort, null, null, Step.Opts.NONE);
        }

        public SetOpt(int fd, Boolean reuseAddr, Boolean reusePort, Boolean nonblocking) {
            this(fd, reuseAddr, reusePort, nonblocking, null, Step.Opts.NONE);
        }

        public SetOpt(int fd, Boolean reuseAddr, Boolean reusePort, Boolean nonblocking, Boolean v6only) {
            this(fd, reuseAddr, reusePort, nonblocking, v6only, Step.Opts.NONE);
        }

        public <R> R accept(Visitor<R> v) {
            return v.setOpt(this);
        }

        public String name() {
            return "setsockopt";
        }
    }

    record Bind(int fd, Endpoint addr) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.bind(this);
        }

        public String name() {
            return "bind";
        }
    }

    record Listen(int fd, int backlog) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.listen(this);
        }

        public String name() {
            return "listen";
        }
    }

    record Accept(int fd, long timeoutNs) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.accept(this);
        }

        public String name() {
            return "accept";
        }
    }

    /** {@code addr} null is connect(AF_UNSPEC): UDP disconnect, TCP abort. */
    record Connect(int fd, Endpoint addr, long timeoutNs) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.connect(this);
        }

        public String name() {
            return "connect";
        }
    }

    /** {@code flags}: MSG_ bits; {@code timeoutNs}: SO_SNDTIMEO, negative for none. */
    record Send(int fd, Bytes data, int flags, long timeoutNs) implements Call {
        public Send(int fd, Bytes data) {
            this(fd, data, 0, -1);
        }

        public <R> R accept(Visitor<R> v) {
            return v.send(this);
        }

        public String name() {
            return "send";
        }
    }

    record SendTo(int fd, Endpoint to, Bytes data, int flags, long timeoutNs) implements Call {
        public SendTo(int fd, Endpoint to, Bytes data) {
            this(fd, to, data, 0, -1);
        }

        public <R> R accept(Visitor<R> v) {
            return v.sendTo(this);
        }

        public String name() {
            return "sendto";
        }
    }

    /** {@code flags}: MSG_ bits ({@link org.stacklab.transport.MsgFlags}). */
    record Recv(int fd, int max, long timeoutNs, int flags) implements Call {
        public Recv(int fd, int max, long timeoutNs) {
            this(fd, max, timeoutNs, 0);
        }

        public <R> R accept(Visitor<R> v) {
            return v.recv(this);
        }

        public String name() {
            return "recv";
        }
    }

    record RecvFrom(int fd, int max, long timeoutNs, int flags) implements Call {
        public RecvFrom(int fd, int max, long timeoutNs) {
            this(fd, max, timeoutNs, 0);
        }

        public <R> R accept(Visitor<R> v) {
            return v.recvFrom(this);
        }

        public String name() {
            return "recvfrom";
        }
    }

    record GetSockName(int fd) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.getSockName(this);
        }

        public String name() {
            return "getsockname";
        }
    }

    record GetPeerName(int fd) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.getPeerName(this);
        }

        public String name() {
            return "getpeername";
        }
    }

    /** getsockopt(SO_ERROR): the pending error, which reading clears; the outcome's data is "0" or its name. */
    record GetSockOpt(int fd) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.getSockOpt(this);
        }

        public String name() {
            return "getsockopt";
        }
    }

    /** {@code how}: {@code read}, {@code write} or {@code both}. */
    record Shutdown(int fd, String how) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.shutdown(this);
        }

        public String name() {
            return "shutdown";
        }
    }

    record Close(int fd) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.close(this);
        }

        public String name() {
            return "close";
        }
    }

    record Sleep(long ns) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.sleep(this);
        }

        public String name() {
            return "sleep";
        }
    }

    /** One descriptor of a poll: its number, the script's name for it, the events asked for. */
    record PollFd(int fd, String name, int events) {}

    /** poll(2) over {@code fds}; a negative timeout waits for ever, 0 returns at once. */
    record Poll(java.util.List<PollFd> fds, long timeoutNs) implements Call {
        public <R> R accept(Visitor<R> v) {
            return v.poll(this);
        }

        public String name() {
            return "poll";
        }
    }

    /** exit(2): the process ends; the kernel closes its descriptors in order, as close() would. */
    record Exit() implements Call {
        public String name() {
            return "exit";
        }

        public <R> R accept(Visitor<R> v) {
            return v.exit(this);
        }
    }
}
