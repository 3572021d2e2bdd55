package org.stacklab.transport.tcp;

import java.util.List;
import org.stacklab.wire.TcpOptions;
import org.stacklab.wire.TcpSegment;

/** The SACK blocks (RFC 2018) a segment carries, as start, end pairs for the sender's {@link Scoreboard}; null when it carries none. */
final class SackBlocks {
    private SackBlocks() {}

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
