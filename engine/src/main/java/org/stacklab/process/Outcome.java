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
public record Outcome(SocketError error, int fd, Bytes data, Endpoint addr, long count) {
    public static final Outcome OK = new Outcome(null, -1, null, null, 0);

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
        if (error != null) {
            return error.name();
        }
        if (c instanceof Call.Open) {
            return "fd " + fd;
        }
        if (c instanceof Call.Accept) {
            return "fd " + fd + " from " + addr;
        }
        if (c instanceof Call.Recv || c instanceof Call.RecvFrom) {
            String from = addr == null ? "" : " from " + addr;
            return data.isEmpty() && c instanceof Call.Recv ? "0 bytes (end of stream)" : data.length() + " bytes" + from;
        }
        if (c instanceof Call.GetSockName) {
            return String.valueOf(addr);
        }
        if (c instanceof Call.Send || c instanceof Call.SendTo) {
            return count + " bytes";
        }
        return "ok";
    }
}
