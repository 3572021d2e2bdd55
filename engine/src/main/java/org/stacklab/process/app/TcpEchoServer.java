package org.stacklab.process.app;

import org.stacklab.process.Call;

/**
 * {@code tcp-echo-server {port}}: listens on 0.0.0.0:port, accepts forever, and sends every
 * connection back what it reads until end of stream (RFC 862 over TCP), then closes it.
 */
public final class TcpEchoServer extends AppBase {
    private final int port;

    public TcpEchoServer(int port) {
        this.port = port;
    }

    @Override
    protected void run() {
        serveForever(port, this::echo);
    }

    private void echo(int conn) {
        repeat(next -> attempt(new Call.Recv(conn, 65536, -1), got -> {
            if (!got.ok() || got.data().isEmpty()) {
                closeQuietly(conn);
                return;
            }
            proc.received(got.data());
            attempt(new Call.Send(conn, got.data()), sent -> {
                if (sent.ok()) {
                    next.run();
                } else {
                    closeQuietly(conn);
                }
            });
        }));
    }
}
