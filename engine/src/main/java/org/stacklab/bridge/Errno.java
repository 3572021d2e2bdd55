package org.stacklab.bridge;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import org.stacklab.transport.SocketError;

/**
 * Java's exceptions back to the errno the kernel returned (docs/port-table.md N5, N6, N7). The JDK builds
 * most socket exception messages from strerror(3), so the message names the errno; the exception
 * classes Java throws before reaching the kernel map to the errno Linux gives for the same call.
 */
final class Errno {
    private Errno() {}

    /** The errno for {@code e}; a message that names no errno gives EINVAL. */
    static SocketError of(Throwable e) {
        if (e instanceof PortUnreachableException) {
            return SocketError.ECONNREFUSED; // N6: ICMP port unreachable on a connected datagram socket
        }
        if (e instanceof SocketTimeoutException) {
            return SocketError.EAGAIN;
        }
        if (e instanceof AlreadyBoundException) {
            return SocketError.EINVAL; // N7, B1: bind twice
        }
        if (e instanceof AlreadyConnectedException) {
            return SocketError.EISCONN;
        }
        if (e instanceof ConnectionPendingException) {
            return SocketError.EALREADY;
        }
        if (e instanceof NoConnectionPendingException || e instanceof NotYetConnectedException) {
            return SocketError.ENOTCONN;
        }
        if (e instanceof NotYetBoundException || e instanceof UnsupportedAddressTypeException
                || e instanceof UnresolvedAddressException) {
            return SocketError.EINVAL;
        }
        if (e instanceof ClosedChannelException) {
            return SocketError.EBADF;
        }
        SocketError byText = byMessage(e.getMessage());
        if (byText != null) {
            return byText;
        }
        if (e instanceof BindException) {
            return SocketError.EADDRINUSE;
        }
        if (e instanceof ConnectException) {
            return SocketError.ECONNREFUSED;
        }
        if (e instanceof NoRouteToHostException) {
            return SocketError.EHOSTUNREACH;
        }
        return SocketError.EINVAL;
    }

    /** The errno whose strerror text the message contains ("Address already in use" → EADDRINUSE). */
    static SocketError byMessage(String message) {
        if (message == null) {
            return null;
        }
        for (SocketError s : SocketError.values()) {
            if (message.contains(s.message())) {
                return s;
            }
        }
        if (message.contains("timed out")) {
            return SocketError.ETIMEDOUT;
        }
        return null;
    }

    /** Whether {@code e} came from the JDK's own checks rather than from a system call. */
    static boolean fromJava(Throwable e) {
        return e instanceof AlreadyBoundException || e instanceof AlreadyConnectedException
                || e instanceof ConnectionPendingException || e instanceof NotYetConnectedException
                || e instanceof NotYetBoundException || e instanceof NoConnectionPendingException;
    }

    /** Whether {@code e} is an I/O failure (as opposed to a bug in the bridge). */
    static boolean isIo(Throwable e) {
        return e instanceof IOException || e instanceof IllegalStateException || e instanceof UnsupportedOperationException
                || e instanceof IllegalArgumentException || e instanceof UnresolvedAddressException;
    }
}
