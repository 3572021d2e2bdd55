package org.stacklab.bridge.libc;

import java.util.Map;
import org.stacklab.transport.SocketError;

/** Linux's errno numbers (asm-generic/errno.h) for the errors a socket call can give, both ways. */
public final class Errnos {
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EINPROGRESS = 115;

    private static final Map<Integer, SocketError> BY_NUMBER = Map.ofEntries(
            Map.entry(98, SocketError.EADDRINUSE), Map.entry(99, SocketError.EADDRNOTAVAIL),
            Map.entry(13, SocketError.EACCES),
            Map.entry(EAGAIN, SocketError.EAGAIN), Map.entry(111, SocketError.ECONNREFUSED),
            Map.entry(104, SocketError.ECONNRESET), Map.entry(103, SocketError.ECONNABORTED),
            Map.entry(110, SocketError.ETIMEDOUT), Map.entry(113, SocketError.EHOSTUNREACH),
            Map.entry(101, SocketError.ENETUNREACH), Map.entry(22, SocketError.EINVAL),
            Map.entry(106, SocketError.EISCONN), Map.entry(107, SocketError.ENOTCONN),
            Map.entry(32, SocketError.EPIPE), Map.entry(9, SocketError.EBADF),
            Map.entry(89, SocketError.EDESTADDRREQ), Map.entry(95, SocketError.EOPNOTSUPP),
            Map.entry(90, SocketError.EMSGSIZE), Map.entry(114, SocketError.EALREADY),
            Map.entry(EINPROGRESS, SocketError.EINPROGRESS));

    private Errnos() {}

    /**
     * The simulation's name for errno {@code n}, or null when the simulation has none.
     */
    public static SocketError of(int n) {
        return BY_NUMBER.get(n);
    }

    /** Whether {@code n} says the process or the system ran out of descriptors (EMFILE, ENFILE). */
    public static boolean outOfDescriptors(int n) {
        return n == EMFILE || n == ENFILE;
    }
}
