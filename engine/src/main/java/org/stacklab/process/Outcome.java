package org.stacklab.process;

import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

/**
 * The result of a {@link Call}: an errno, or success with what the call returns: a new file
 * descriptor ({@code socket}, {@code accept}), bytes ({@code recv}; empty means end of stream
 * for TCP), an address (the sender for {@code recvfrom}, the peer for {@code accept}, the
 * local address for {@code getsockname}), or a count of bytes sent.
 */
public record Outcome(SocketError error, int fd, Bytes data, Endpoint addr, long count, java.util.List<Ready> ready) {
    public static final Outcome OK = new Outcome(null, -1, null, null, 0);

    /** A socket poll found ready: its descriptor, the script's name for it, its events (Readiness bits). */
    public record Ready(int fd, String name, int events) {}

    public Outcome(SocketError error, int fd, Bytes data, Endpoint addr, long count) {
        this(error, fd, data, addr, count, null);
    }

    /** poll(2)'s answer: the ready sockets, in the order asked (none: the timeout passed). */
    public static Outcome polled(java.util.List<Ready> ready) {
        return new Outcome(null, -1, null, null, ready.size(), java.util.List.copyOf(ready));
    }

    /** recv with MSG_TRUNC: the bytes kept and the datagram's real length. */
    public static Outcome data(Bytes data, Endpoint from, long length) {
        return new Outcome(null, -1, data, from, length);
    }

    public static Outcome fail(SocketError e) {
        return new Outcome(e, -1, null, null, 0);
    }

    public static Outcome fd(int fd) {
        return new Outcome(null, fd, null, null, 0);
    }

    public static Outcome accepted(int fd, Endpoint peer) {
        return new Outcome(null, fd, null, peer, 0);
    }

    public static Outcome data(Bytes data, Endpoint from) {
        return new Outcome(null, -1, data, from, data.length());
    }

    public static Outcome address(Endpoint a) {
        return new Outcome(null, -1, null, a, 0);
    }

    public static Outcome sent(long n) {
        return new Outcome(null, -1, null, null, n);
    }

    public boolean ok() {
        return error == null;
    }

    /** "ok", "fd 4", "5 bytes from 10.0.0.2:5678", "EADDRINUSE", ... for traces. */
    public String describe(Call c) {
        return error != null ? error.name() : c.accept(new Described());
    }

    /** A successful outcome as the trace prints it, by the kind of call that produced it ("ok" when it returns nothing). */
    private final class Described extends Call.Partial<String> {
        @Override
        protected String otherwise(Call c) {
            return "ok";
        }

        @Override
        public String open(Call.Open c) {
            return "fd " + fd;
        }

        @Override
        public String accept(Call.Accept c) {
            return "fd " + fd + " from " + addr;
        }

        @Override
        public String recv(Call.Recv c) {
            return data.isEmpty() ? "0 bytes (end of stream)" : received();
        }

        @Override
        public String recvFrom(Call.RecvFrom c) {
            return received();
        }

        private String received() {
            return data.length() + " bytes" + (count > data.length() ? " (datagram of " + count + ", trunc)" : "")
                    + (addr == null ? "" : " from " + addr);
        }

        @Override
        public String getSockName(Call.GetSockName c) {
            return String.valueOf(addr);
        }

        @Override
        public String getPeerName(Call.GetPeerName c) {
            return String.valueOf(addr);
        }

        @Override
        public String getSockOpt(Call.GetSockOpt c) {
            return "SO_ERROR " + data.text();
        }

        @Override
        public String poll(Call.Poll c) {
            if (ready.isEmpty()) {
                return "0 ready (timed out)";
            }
            StringBuilder sb = new StringBuilder(ready.size() + " ready:");
            for (Ready r : ready) {
                sb.append(' ').append(r.name()).append(' ')
                        .append(String.join("|", org.stacklab.transport.Readiness.names(r.events())));
            }
            return sb.toString();
        }

        @Override
        public String send(Call.Send c) {
            return count + " bytes";
        }

        @Override
        public String sendTo(Call.SendTo c) {
            return count + " bytes";
        }
    }
}
