package org.stacklab.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpOptions;
import org.stacklab.wire.TcpSegment;

/** The SACK blocks (RFC 2018) a segment carries, as start, end pairs; null when it carries none. */
final class SackBlocks {
    private SackBlocks() {}

    /**
     * The options of a segment we send: the MSS on a SYN, with SACK-permitted when this socket
     * offers SACK; on other ACKs of a SACK connection, the receiver's blocks (RFC 2018 section 4).
     */
    static TcpOptions options(TcpSocket s, int flags, boolean mssOption) {
        if (mssOption) {
            return s.sack ? new TcpOptions(TcpSocket.MSS, true, false, 0, 0, -1, List.of()) : TcpOptions.mssOnly(TcpSocket.MSS);
        }
        long[] b = (flags & TcpFlags.ACK) != 0 && s.snd != null && s.snd.sackOk ? s.rcv.sackBlocks(TcpOptions.MAX_SACK) : null;
        if (b == null) {
            return TcpOptions.NONE;
        }
        List<TcpOptions.SackBlock> blocks = new ArrayList<>(b.length / 2);
        for (int i = 0; i < b.length; i += 2) {
            blocks.add(new TcpOptions.SackBlock(b[i], b[i + 1]));
        }
        return TcpOptions.NONE.withSack(blocks);
    }

    static long[] of(TcpSegment seg) {
        List<TcpOptions.SackBlock> blocks = seg.options().sack();
        if (blocks.isEmpty()) {
            return null;
        }
        long[] out = new long[2 * blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            out[2 * i] = blocks.get(i).left();
            out[2 * i + 1] = blocks.get(i).right();
        }
        return out;
    }
}
