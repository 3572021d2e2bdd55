package org.stacklab.process.app;

import org.stacklab.process.Call;
import org.stacklab.process.Step;
import org.stacklab.sim.SimTime;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;

/**
 * {@code udp-echo-client {to, count, interval, size}}: sends {@code count} datagrams of
 * {@code size} bytes, one every {@code interval}, from an ephemeral port, and receives the
 * echoes as they come. It finishes when every echo is back, or one second (at least two
 * intervals) after the last send.
 */
public final class UdpEchoClient extends AppBase {
    private final Endpoint to;
    private final long count;
    private final long intervalNs;
    private final Bytes payload;
    private long sent;
    private long echoes;
    private boolean done;

    public UdpEchoClient(Endpoint to, long count, long intervalNs, int size) {
        this.to = to;
        this.count = count;
        this.intervalNs = intervalNs;
        this.payload = Bytes.generated(size);
    }

    @Override
    protected void run() {
        call(new Call.Open(Step.SockType.DGRAM), opened -> {
            int fd = opened.fd();
            if (count <= 0) {
                finish();
                return;
            }
            sendNext(fd);
            receive(fd);
        });
    }

    private void sendNext(int fd) {
        call(new Call.SendTo(fd, to, payload), ok -> {
            sent++;
            if (sent < count) {
                call(new Call.Sleep(intervalNs), slept -> sendNext(fd));
            } else {
                call(new Call.Sleep(Math.max(SimTime.S, 2 * intervalNs)), waited -> finish());
            }
        });
    }

    private void receive(int fd) {
        repeat(next -> call(new Call.RecvFrom(fd, 65536, -1), got -> {
            proc.received(got.data());
            echoes++;
            if (echoes >= count) {
                finish();
            } else {
                next.run();
            }
        }));
    }

    private void finish() {
        if (!done) {
            done = true;
            proc.finish(observer);
        }
    }
}
