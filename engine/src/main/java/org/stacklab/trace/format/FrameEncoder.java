package org.stacklab.trace.format;

import org.stacklab.wire.IpPacket;
import org.stacklab.wire.PacketEncoder;

/** Encodes packets into one reusable buffer, grown as needed, for the capture writers. */
final class FrameEncoder {
    private byte[] buf = new byte[2048];
    private int length;

    /** The bytes of {@code p} on the wire (valid until the next call), {@link #length()} of them. */
    byte[] encode(IpPacket p) {
        if (p.totalLength() > buf.length) {
            buf = new byte[Math.max(p.totalLength(), buf.length * 2)];
        }
        length = PacketEncoder.encodeInto(p, buf, 0);
        return buf;
    }

    int length() {
        return length;
    }
}
