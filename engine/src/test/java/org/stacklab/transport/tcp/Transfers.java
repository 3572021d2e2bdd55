package org.stacklab.transport.tcp;

import java.io.ByteArrayOutputStream;
import org.stacklab.sim.SimTime;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

/** A bulk transfer client to server over {@link TwoHosts}: what the server read, to end of stream. */
final class Transfers {
    /** Bound on simulated time, so a bug cannot hang a test. */
    static final long LIMIT = 3600 * SimTime.S;

    private Transfers() {}

    static ByteArrayOutputStream bulk(TwoHosts n, Bytes data) {
        TcpSocket l = n.listen(80, 8);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        l.accept(-1, (e, child) -> n.drain(child, got, child::close));
        connectAndSend(n, data);
        n.sim.runUntil(LIMIT);
        return got;
    }

    /** Connects (again after ETIMEDOUT, as an application would under heavy loss), sends, closes. */
    private static void connectAndSend(TwoHosts n, Bytes data) {
        TcpSocket c = n.clientSocket();
        c.connect(new Endpoint(TwoHosts.SERVER_IP, 80), -1, (e, v) -> {
            if (e == SocketError.ETIMEDOUT) {
                c.close();
                connectAndSend(n, data);
                return;
            }
            if (e != null) {
                throw new AssertionError("connect: " + e);
            }
            c.send(data, (e2, k) -> c.close());
        });
    }
}
