package org.stacklab.wire;

/**
 * A TCP segment (RFC 9293 section 3.1). Sequence numbers are unsigned 32-bit values held in a
 * {@code long}; {@code window} is the 16-bit field as sent (the sender scaled it down by its
 * window scale, RFC 7323 section 2); {@code options} are laid out as Linux orders them.
 */
public record TcpSegment(
        int srcPort, int dstPort, long seq, long ack, int flags, int window, TcpOptions options, Bytes data)
        implements Transport {
    public static final int BASE_HEADER = 20;

    public TcpSegment {
        if (options == null) {
            options = TcpOptions.NONE;
        }
    }

    /** A segment whose only option is the MSS ({@code mss} > 0), or that has none. */
    public TcpSegment(int srcPort, int dstPort, long seq, long ack, int flags, int window, int mss, Bytes data) {
        this(srcPort, dstPort, seq, ack, flags, window, TcpOptions.mssOnly(mss), data);
    }

    /** The MSS option's value, or 0 when the segment carries none. */
    public int mss() {
        return options.mss();
    }

    @Override
    public Protocol protocol() {
        return Protocol.TCP;
    }

    @Override
    public int headerLength() {
        return BASE_HEADER + options.length();
    }

    @Override
    public int payloadLength() {
        return data.length();
    }

    /** The same segment, options included, between other ports (a NAT rewrites them; the checksum follows on encoding). */
    public TcpSegment withPorts(int newSrc, int newDst) {
        return new TcpSegment(newSrc, newDst, seq, ack, flags, window, options, data);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Sequence space the segment occupies: payload, plus one each for SYN and FIN. */
    public int sequenceLength() {
        return data.length() + (has(TcpFlags.SYN) ? 1 : 0) + (has(TcpFlags.FIN) ? 1 : 0);
    }
}
