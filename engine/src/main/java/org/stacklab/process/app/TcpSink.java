package org.stacklab.process.app;

import org.stacklab.process.Call;

/** {@code tcp-sink {port}}: accepts forever and reads every connection to end of stream, counting the bytes. */
public final class TcpSink extends AppBase {
    private final int port;

    public TcpSink(int port) {
        this.port = port;
    }

    @Override
    protected void run() {
        serveForever(port, this::drain);
    }

    private void drain(int conn) {
        repeat(next -> attempt(new Call.Recv(conn, 65536, -1), got -> {
            if (!got.ok() || got.data().isEmpty()) {
                closeQuietly(conn);
                return;
            }
            proc.received(got.data());
            next.run();
        }));
    }
}
