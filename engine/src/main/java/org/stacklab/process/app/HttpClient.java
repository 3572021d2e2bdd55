package org.stacklab.process.app;

import org.stacklab.process.Call;
import org.stacklab.process.Step;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

/**
 * {@code http-client {to, path}}: connects, sends an HTTP/1.0 GET (RFC 1945) for {@code path},
 * reads the response to end of stream (the server closes), closes, and finishes.
 */
public final class HttpClient extends AppBase {
    private final Endpoint to;
    private final String path;

    public HttpClient(Endpoint to, String path) {
        this.to = to;
        this.path = path;
    }

    @Override
    protected void run() {
        Bytes request = Bytes.of("GET " + path + " HTTP/1.0\r\nHost: " + to.ip() + "\r\n\r\n");
        call(new Call.Open(Step.SockType.STREAM), opened -> {
            int fd = opened.fd();
            call(new Call.Connect(fd, to, -1), connected ->
                    call(new Call.Send(fd, request), sent -> readResponse(fd)));
        });
    }

    private void readResponse(int fd) {
        repeat(next -> call(new Call.Recv(fd, 65536, -1), got -> {
            if (got.data().isEmpty()) {
                call(new Call.Close(fd), closed -> proc.finish(observer));
                return;
            }
            proc.received(got.data());
            next.run();
        }));
    }
}
