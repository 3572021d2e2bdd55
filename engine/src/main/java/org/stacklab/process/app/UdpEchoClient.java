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
    /** Send instants of the datagrams not echoed yet, a ring: echoes come back in order. */
    private long[] inFlight = new long[8];
    private int head;
    private int waiting;
    private long rttMin = Long.MAX_VALUE;
    private long rttMax;
    private long rttSum;
    private long timed;

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
            sentAt(api.now());
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
            echoedAt(api.now());
            if (echoes >= count) {
                finish();
            } else {
                next.run();
            }
        }));
    }

    private void sentAt(long now) {
        if (waiting == inFlight.length) {
            long[] bigger = new long[inFlight.length * 2];
            for (int i = 0; i < waiting; i++) {
                bigger[i] = inFlight[(head + i) & (inFlight.length - 1)];
            }
            inFlight = bigger;
            head = 0;
        }
        inFlight[(head + waiting++) & (inFlight.length - 1)] = now;
    }

    /** The k-th echo answers the k-th datagram (one path each way, FIFO links). */
    private void echoedAt(long now) {
        if (waiting == 0) {
            return;
        }
        long rtt = now - inFlight[head];
        head = (head + 1) & (inFlight.length - 1);
        waiting--;
        rttMin = Math.min(rttMin, rtt);
        rttMax = Math.max(rttMax, rtt);
        rttSum += rtt;
        timed++;
    }

    /** Echoes received so far. */
    public long echoes() {
        return echoes;
    }

    /** Echoes matched to their datagram's send instant. */
    public long timedEchoes() {
        return timed;
    }

    /** The shortest round trip so far in ns (send to echo), or -1 before the first echo. */
    public long rttMinNs() {
        return timed == 0 ? -1 : rttMin;
    }

    /** The longest round trip so far in ns. */
    public long rttMaxNs() {
        return rttMax;
    }

    /** The sum of all round trips in ns (for a mean over {@link #timedEchoes}). */
    public long rttSumNs() {
        return rttSum;
    }

    private void finish() {
        if (!done) {
            done = true;
            proc.finish(observer);
        }
    }
}
