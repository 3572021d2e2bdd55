package org.stacklab.bridge.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Endpoint;

/**
 * The libc binding against this kernel, on 127.0.0.1 with ports the kernel chooses. Each errno is
 * what the kernel set: the cases Java's socket classes used to answer differently (issue 17).
 */
class SysTest {
    private static final int EINVAL = 22;
    private static final int ENOTCONN = 107;
    private static final int ECONNRESET = 104;

    @Test
    void loads() {
        assertNull(Sys.unavailable());
    }

    @Test
    void errnoNumbersNameTheSimulationsErrors() {
        assertEquals(SocketError.EADDRINUSE, Errnos.of(98));
        assertEquals(SocketError.ECONNRESET, Errnos.of(ECONNRESET));
        assertEquals(SocketError.EAGAIN, Errnos.of(Errnos.EAGAIN));
        assertNull(Errnos.of(Errnos.EMFILE));
        assertTrue(Errnos.outOfDescriptors(Errnos.EMFILE));
    }

    @Test
    void aSecondBindIsTheKernelsEinval() {
        int fd = Sys.socket(false);
        try {
            assertEquals(0, Sys.bind(fd, Endpoint.parse("127.0.0.1:0")));
            assertEquals(-EINVAL, Sys.bind(fd, Endpoint.parse("127.0.0.1:0")));
        } finally {
            Sys.close(fd);
        }
    }

    @Test
    void shutdownOfAnUnconnectedDatagramSocketIsEnotconn() {
        int fd = Sys.socket(false);
        try {
            assertEquals(-ENOTCONN, Sys.shutdown(fd, 0));
        } finally {
            Sys.close(fd);
        }
    }

    @Test
    void recvAfterAResetIsEconnreset() throws InterruptedException {
        int l = Sys.socket(true);
        int c = Sys.socket(true);
        int a = -1;
        try {
            assertEquals(0, Sys.bind(l, Endpoint.parse("127.0.0.1:0")));
            assertEquals(0, Sys.listen(l, 1));
            Endpoint[] at = new Endpoint[1];
            assertEquals(0, Sys.name(l, false, at));
            int r = Sys.connect(c, at[0]);
            assertTrue(r == 0 || r == -Errnos.EINPROGRESS, "connect: " + r);
            Endpoint[] peer = new Endpoint[1];
            for (int i = 0; i < 200 && a < 0; i++) {
                a = Sys.accept(l, peer);
                if (a < 0) {
                    Thread.sleep(5);
                }
            }
            assertTrue(a >= 0, "accept: " + a);
            assertEquals(0, Sys.lingerZero(a));
            Sys.close(a);
            a = -1;
            long got = 0;
            for (int i = 0; i < 200; i++) {
                got = Sys.recvFrom(c, 10).n();
                if (got != -Errnos.EAGAIN) {
                    break;
                }
                Thread.sleep(5);
            }
            assertEquals(-ECONNRESET, got);
        } finally {
            Sys.close(l);
            Sys.close(c);
            if (a >= 0) {
                Sys.close(a);
            }
        }
    }
}
