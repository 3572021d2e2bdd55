package org.stacklab.wire;

/**
 * The Internet checksum of RFC 1071: the ones' complement of the ones' complement sum of
 * 16-bit big-endian words, used by the IPv4 header, UDP, TCP and ICMP.
 *
 * <p>Sums are kept in a {@code long} and folded only at the end (RFC 1071 section 2, "deferred
 * carries"), so callers can add the pseudo-header, the header and the payload piece by piece.
 */
public final class InternetChecksum {
    private InternetChecksum() {}

    /**
     * Adds {@code len} bytes starting at {@code off} to {@code acc} as 16-bit big-endian words; an
     * odd last byte is padded with a zero byte on the right (RFC 1071 section 4.1).
     */
    public static long add(long acc, byte[] b, int off, int len) {
        long sum = acc;
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (b[i] & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds the carries of an accumulated sum into 16 bits (end-around carry). */
    public static int fold(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum to store: the ones' complement of the folded sum. */
    public static int complement(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** The checksum of a byte range on its own, as for the IPv4 header or ICMP. */
    public static int of(byte[] b, int off, int len) {
        return complement(add(0, b, off, len));
    }

    /**
     * True when a range that includes its own checksum field sums to all ones, the receiver's
     * check of RFC 1071 section 1 step (3).
     */
    public static boolean verifies(long sumIncludingChecksum) {
        return fold(sumIncludingChecksum) == 0xFFFF;
    }

    /**
     * The sum of the UDP/TCP pseudo-header (RFC 768; RFC 9293 section 3.1): source and
     * destination address, zero, protocol, and the transport length.
     */
    public static long pseudoHeader(Ipv4Address src, Ipv4Address dst, Protocol protocol, int length) {
        return words(src.bits()) + words(dst.bits()) + protocol.number() + length;
    }

    /**
     * The pseudo-header of either family. IPv6's (RFC 8200 section 8.1) is the two 128-bit addresses,
     * the 32-bit upper-layer length, three zero bytes and the next header; as 16-bit words its sum is
     * the same kind of sum as IPv4's, with the addresses' eight words each.
     */
    public static long pseudoHeader(IpAddress src, IpAddress dst, Protocol protocol, int length) {
        if (src instanceof Ipv4Address s4 && dst instanceof Ipv4Address d4) {
            return pseudoHeader(s4, d4, protocol, length);
        }
        byte[] s = src.toBytes();
        byte[] d = dst.toBytes();
        return add(add(0, s, 0, s.length), d, 0, d.length) + (length >>> 16) + (length & 0xFFFF) + protocol.number();
    }

    private static long words(int bits) {
        return (bits >>> 16) + (bits & 0xFFFF);
    }
}
