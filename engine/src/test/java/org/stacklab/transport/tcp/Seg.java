package org.stacklab.transport.tcp;

import org.stacklab.wire.Bytes;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/** A segment template for the per-state tests: change only the fields that matter with the withers. */
record Seg(int flags, long seq, long ack, int window, int mss, Bytes data) {
    static final int WINDOW = 65535;

    static Seg syn(long seq) {
        return new Seg(TcpFlags.SYN, seq, 0, WINDOW, 1460, Bytes.EMPTY);
    }

    static Seg ack(long seq, long ack) {
        return new Seg(TcpFlags.ACK, seq, ack, WINDOW, 0, Bytes.EMPTY);
    }

    Seg withFlags(int f) {
        return new Seg(f, seq, ack, window, mss, data);
    }

    Seg withSeq(long s) {
        return new Seg(flags, s & 0xFFFFFFFFL, ack, window, mss, data);
    }

    Seg withAck(long a) {
        return new Seg(flags | TcpFlags.ACK, seq, a & 0xFFFFFFFFL, window, mss, data);
    }

    Seg withWindow(int w) {
        return new Seg(flags, seq, ack, w, mss, data);
    }

    Seg withMss(int m) {
        return new Seg(flags, seq, ack, window, m, data);
    }

    Seg withData(String text) {
        return new Seg(flags, seq, ack, window, mss, Bytes.of(text));
    }

    Seg withData(Bytes d) {
        return new Seg(flags, seq, ack, window, mss, d);
    }

    Seg plus(int flag) {
        return withFlags(flags | flag);
    }

    TcpSegment toSegment(int srcPort, int dstPort) {
        return new TcpSegment(srcPort, dstPort, seq, ack, flags, window, mss, data);
    }
}
