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
     * {@code base} with the receiver's SACK blocks added when the connection agreed on SACK and
     * the segment is an ACK (not a SYN): at most 4, or 3 beside timestamps (RFC 2018 section 3).
     */
    static TcpOptions add(TcpSocket s, int flags, TcpOptions base) {
        if ((flags & TcpFlags.ACK) == 0 || (flags & (TcpFlags.SYN | TcpFlags.RST)) != 0 || s.opts == null || !s.opts.sack
                || s.rcv == null) {
            return base;
        }
        long[] b = s.rcv.sackBlocks(base.timestamps() ? TcpOptions.MAX_SACK_WITH_TS : TcpOptions.MAX_SACK);
        if (b == null) {
            return base;
        }
        List<TcpOptions.SackBlock> blocks = new ArrayList<>(b.length / 2);
        for (int i = 0; i < b.length; i += 2) {
            blocks.add(new TcpOptions.SackBlock(b[i], b[i + 1]));
        }
        return base.withSack(blocks);
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
