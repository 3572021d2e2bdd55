package org.stacklab.process.app;

import java.nio.charset.StandardCharsets;
import org.stacklab.process.Call;
import org.stacklab.wire.Bytes;

/**
 * {@code http-server {port, body}}: an HTTP/1.0 server (RFC 1945) that reads each request up to
 * its blank line, answers {@code 200 OK} with {@code body} as text/plain, and closes.
 */
public final class HttpServer extends AppBase {
    private final int port;
    private final Bytes response;

    public HttpServer(int port, String body) {
        this.port = port;
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + b.length + "\r\n\r\n";
        this.response = Bytes.of(head).concat(Bytes.wrap(b));
    }

    @Override
    protected void run() {
        serveForever(port, conn -> readRequest(conn, new StringBuilder()));
    }

    private void readRequest(int conn, StringBuilder request) {
        repeat(next -> attempt(new Call.Recv(conn, 65536, -1), got -> {
            if (!got.ok()) {
                closeQuietly(conn);
                return;
            }
            proc.received(got.data());
            request.append(new String(got.data().toArray(), StandardCharsets.ISO_8859_1));
            if (got.data().isEmpty() || request.indexOf("\r\n\r\n") >= 0) {
                attempt(new Call.Send(conn, response), sent -> closeQuietly(conn));
            } else {
                next.run();
            }
        }));
    }
}
