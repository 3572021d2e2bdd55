package org.stacklab.transport.tcp;

import org.stacklab.wire.TcpSegment;

/** The SACK blocks (RFC 2018) a segment carries, as start, end pairs; null when it carries none. */
final class SackBlocks {
    private SackBlocks() {}

    static long[] of(TcpSegment seg) {
        return null; // the SACK option arrives with the wire options (branch tcpopt)
    }
}
