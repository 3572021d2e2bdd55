package org.stacklab.wire;

import java.util.List;

/**
 * The options of a TCP segment, as values; {@link #length()} and the encoder lay them out the way
 * Linux's tcp_options_write does (net/ipv4/tcp_output.c), so a capture looks like a Linux one:
 *
 * <ul>
 *   <li>a SYN with everything: {@code mss, sackOK, TS, nop, wscale} = 20 bytes;
 *   <li>a segment with timestamps: {@code nop, nop, TS} = 12 bytes;
 *   <li>SACK blocks after that: {@code nop, nop, sack N} = 4 + 8N bytes (at most 3 blocks with
 *       timestamps, 4 without, to fit the 40 bytes of option space);
 *   <li>sackOK without timestamps: {@code nop, nop, sackOK}; window scale: {@code nop, wscale}.
 * </ul>
 *
 * @param mss the MSS option's value (RFC 9293 3.7.1), 0 when absent
 * @param sackPermitted SACK-permitted (RFC 2018), SYNs only
 * @param timestamps whether the timestamps option (RFC 7323 section 3) is present
 * @param tsVal TSval, an unsigned 32-bit value
 * @param tsEcr TSecr, an unsigned 32-bit value
 * @param windowScale the window scale shift count (RFC 7323 section 2), -1 when absent
 * @param sack SACK blocks (RFC 2018), each {left, right} edge in sequence space
 */
public record TcpOptions(
        int mss, boolean sackPermitted, boolean timestamps, long tsVal, long tsEcr, int windowScale,
        List<SackBlock> sack) {
    /** No options at all. */
    public static final TcpOptions NONE = new TcpOptions(0, false, false, 0, 0, -1, List.of());
    /** Most SACK blocks a segment can carry with timestamps (RFC 2018 section 3). */
    public static final int MAX_SACK_WITH_TS = 3;
    /** Most SACK blocks without timestamps. */
    public static final int MAX_SACK = 4;

    public static final int KIND_END = 0;
    public static final int KIND_NOP = 1;
    public static final int KIND_MSS = 2;
    public static final int KIND_WSCALE = 3;
    public static final int KIND_SACK_PERMITTED = 4;
    public static final int KIND_SACK = 5;
    public static final int KIND_TIMESTAMP = 8;

    /** One SACK block: the bytes from {@code left} to just before {@code right} arrived. */
    public record SackBlock(long left, long right) {}

    public TcpOptions {
        sack = List.copyOf(sack);
    }

    /** Only the MSS option ({@code mss} > 0), or none. */
    public static TcpOptions mssOnly(int mss) {
        return mss > 0 ? new TcpOptions(mss, false, false, 0, 0, -1, List.of()) : NONE;
    }

    public boolean isEmpty() {
        return length() == 0;
    }

    public boolean hasWindowScale() {
        return windowScale >= 0;
    }

    public TcpOptions withSack(List<SackBlock> blocks) {
        return new TcpOptions(mss, sackPermitted, timestamps, tsVal, tsEcr, windowScale, blocks);
    }

    /** Bytes the options take, a multiple of 4 (the layouts above are). */
    public int length() {
        int n = mss > 0 ? 4 : 0;
        if (timestamps) {
            n += 12; // sackOK+TS or nop,nop,TS
        }
        if (sackPermitted && !timestamps) {
            n += 4; // nop,nop,sackOK
        }
        if (windowScale >= 0) {
            n += 4; // nop,wscale
        }
        if (!sack.isEmpty()) {
            n += 4 + 8 * sack.size();
        }
        return n;
    }

    /**
     * The options as tcpdump prints them: {@code mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7};
     * SACK blocks as {@code nop,nop,sack 1 {1449:2897}} (absolute, as tcpdump -S prints).
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(64);
        if (mss > 0) {
            sb.append("mss ").append(mss).append(',');
        }
        if (timestamps) {
            sb.append(sackPermitted ? "sackOK," : "nop,nop,");
            sb.append("TS val ").append(tsVal).append(" ecr ").append(tsEcr).append(',');
        } else if (sackPermitted) {
            sb.append("nop,nop,sackOK,");
        }
        if (windowScale >= 0) {
            sb.append("nop,wscale ").append(windowScale).append(',');
        }
        if (!sack.isEmpty()) {
            sb.append("nop,nop,sack ").append(sack.size()).append(' ');
            for (SackBlock b : sack) {
                sb.append('{').append(b.left()).append(':').append(b.right()).append('}');
            }
            sb.append(',');
        }
        if (sb.length() > 0) {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }
}
