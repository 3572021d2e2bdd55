package org.stacklab.wire;

/**
 * A TCP segment (RFC 9293 section 3.1). Sequence numbers are unsigned 32-bit values held in a
 * {@code long}; {@code mss} is the MSS option's value, or 0 when the segment carries none.
 */
public record TcpSegment(
        int srcPort, int dstPort, long seq, long ack, int flags, int window, int mss, Bytes data)
        implements Transport {
    public static final int BASE_HEADER = 20;

    @Override
    public Protocol protocol() {
        return Protocol.TCP;
    }

    @Override
    public int headerLength() {
        return mss > 0 ? BASE_HEADER + 4 : BASE_HEADER;
    }

    @Override
    public int payloadLength() {
        return data.length();
    }

    /** The same segment between other ports (a NAT rewrites them; the checksum follows on encoding). */
    public TcpSegment withPorts(int newSrc, int newDst) {
        return new TcpSegment(newSrc, newDst, seq, ack, flags, window, mss, data);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Sequence space the segment occupies: payload, plus one each for SYN and FIN. */
    public int sequenceLength() {
        return data.length() + (has(TcpFlags.SYN) ? 1 : 0) + (has(TcpFlags.FIN) ? 1 : 0);
    }
}
