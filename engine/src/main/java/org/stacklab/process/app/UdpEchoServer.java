package org.stacklab.process.app;

import org.stacklab.process.Call;
import org.stacklab.process.Step;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/** {@code udp-echo-server {port}}: binds 0.0.0.0:port and returns every datagram to its sender, forever. */
public final class UdpEchoServer extends AppBase {
    private final int port;

    public UdpEchoServer(int port) {
        this.port = port;
    }

    @Override
    protected void run() {
        call(new Call.Open(Step.SockType.DGRAM), opened -> {
            int fd = opened.fd();
            call(new Call.Bind(fd, new Endpoint(Ipv4Address.ANY, port)), bound -> repeat(next ->
                    call(new Call.RecvFrom(fd, 65536, -1), got -> {
                        proc.received(got.data());
                        call(new Call.SendTo(fd, got.addr(), got.data()), sent -> next.run());
                    })));
        });
    }
}
