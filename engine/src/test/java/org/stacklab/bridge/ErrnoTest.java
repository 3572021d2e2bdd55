package org.stacklab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import org.junit.jupiter.api.Test;
import org.stacklab.transport.SocketError;

/** Java's exceptions back to errno names (docs/port-table.md N5, N6, N7). */
class ErrnoTest {
    @Test
    void bindExceptionsNameTheirErrno() {
        assertEquals(SocketError.EADDRINUSE, Errno.of(new BindException("Address already in use")));
        assertEquals(SocketError.EADDRNOTAVAIL, Errno.of(new BindException("Cannot assign requested address")));
        assertEquals(SocketError.EACCES, Errno.of(new BindException("Permission denied")));
    }

    @Test
    void connectExceptionsNameTheirErrno() {
        assertEquals(SocketError.ECONNREFUSED, Errno.of(new ConnectException("Connection refused")));
        assertEquals(SocketError.ETIMEDOUT, Errno.of(new ConnectException("Connection timed out")));
        assertEquals(SocketError.ECONNREFUSED, Errno.of(new PortUnreachableException()));
    }

    @Test
    void ioExceptionsOfAConnectionNameTheirErrno() {
        assertEquals(SocketError.ECONNRESET, Errno.of(new IOException("Connection reset by peer")));
        assertEquals(SocketError.EPIPE, Errno.of(new IOException("Broken pipe")));
        assertEquals(SocketError.EAGAIN, Errno.of(new SocketTimeoutException("Receive timed out")));
    }

    @Test
    void javasOwnChecksMapToTheKernelsErrno() {
        assertEquals(SocketError.EINVAL, Errno.of(new AlreadyBoundException()));
        assertEquals(SocketError.EISCONN, Errno.of(new AlreadyConnectedException()));
        assertEquals(SocketError.EALREADY, Errno.of(new ConnectionPendingException()));
        assertEquals(SocketError.ENOTCONN, Errno.of(new NotYetConnectedException()));
        assertEquals(SocketError.EBADF, Errno.of(new ClosedChannelException()));
    }
}
