package org.stacklab.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decodes the bytes {@link PacketEncoder} writes back into an {@link IpPacket} of either family,
 * checking every length and checksum; used by tests and to check round trips.
 *
 * <p>It is strict where a receiving stack would be lenient, because its job is to catch encoder
 * bugs: no IP options, no fragments, and a UDP checksum of zero ("none") is refused since the
 * encoder always computes one. Every problem throws {@link IllegalArgumentException}.
 *
 * <p>An ICMP error carries only the first 28 bytes of the packet it quotes, so the quoted
 * packet comes back truncated: its addresses, TTL and id, and of its transport what the first 8
 * bytes hold (UDP and TCP ports, the TCP sequence number, the ICMP type and code), with empty
 * data and every other field zero.
 */
public final class PacketDecoder {
    private static final int IHL_NO_OPTIONS = 5;
    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int FRAGMENT_OFFSET = 0x1FFF;

    private PacketDecoder() {}

    /**
     * Decodes the packet in {@code len} bytes at {@code off}; bytes after the IPv4 total length
     * (link-layer padding) are ignored.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed packet
     */
    public static IpPacket decode(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        require(len >= 1, "empty packet");
        if ((b[off] & 0xFF) >>> 4 == 6) {
            return decodeIpv6(b, off, len);
        }
        int total = checkIpHeader(b, off, len);
        Protocol protocol = protocolOf(b[off + 9] & 0xFF);
        require(protocol != Protocol.ICMPV6, "ICMPv6 (58) in an IPv4 packet");
        IpAddress src = new Ipv4Address(getInt(b, off + 12));
        IpAddress dst = new Ipv4Address(getInt(b, off + 16));
        Transport t = decodeTransport(protocol, b, off + IpPacket.IPV4_HEADER, total - IpPacket.IPV4_HEADER, src, dst);
        return new IpPacket(src, dst, b[off + 8] & 0xFF, getShort(b, off + 4), t);
    }

    /**
     * RFC 8200 section 3; strict as the IPv4 side: traffic class and flow label 0 (the encoder writes
     * them so), no extension header, the payload length within the bytes given.
     */
    private static IpPacket decodeIpv6(byte[] b, int off, int len) {
        require(len >= IpPacket.IPV6_HEADER, "truncated IPv6 header: " + len + " bytes");
        require(getInt(b, off) == 0x60000000, String.format(Locale.ROOT,
                "IPv6 traffic class and flow label are not 0: 0x%08x", getInt(b, off)));
        int payload = getShort(b, off + 4);
        require(IpPacket.IPV6_HEADER + payload <= len,
                "IPv6 payload length " + payload + " does not fit the " + len + " bytes given");
        Protocol protocol = protocolOf(b[off + 6] & 0xFF);
        require(protocol != Protocol.ICMP, "ICMP for IPv4 (1) in an IPv6 packet; IPv6 uses ICMPv6 (58)");
        IpAddress src = ipv6At(b, off + 8);
        IpAddress dst = ipv6At(b, off + 24);
        Transport t = decodeTransport(protocol, b, off + IpPacket.IPV6_HEADER, payload, src, dst);
        return new IpPacket(src, dst, b[off + 7] & 0xFF, 0, t);
    }

    private static Transport decodeTransport(Protocol protocol, byte[] b, int off, int len, IpAddress src, IpAddress dst) {
        return switch (protocol) {
            case UDP -> decodeUdp(b, off, len, src, dst);
            case TCP -> decodeTcp(b, off, len, src, dst);
            case ICMP -> decodeIcmp(b, off, len, 0);
            case ICMPV6 -> decodeIcmp(b, off, len, InternetChecksum.pseudoHeader(src, dst, Protocol.ICMPV6, len));
        };
    }

    private static Ipv6Address ipv6At(byte[] b, int off) {
        return new Ipv6Address(getLong(b, off), getLong(b, off + 8));
    }

    /** Decodes a whole array. */
    public static IpPacket decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /** Checks version, IHL, total length, fragmentation and the header checksum; returns the total length. */
    private static int checkIpHeader(byte[] b, int off, int len) {
        require(len >= IpPacket.IPV4_HEADER, "truncated IPv4 header: " + len + " bytes");
        int version = (b[off] & 0xFF) >>> 4;
        require(version == 4, "not IPv4: version " + version);
        require((b[off] & 0x0F) == IHL_NO_OPTIONS, "IPv4 options are not supported: IHL " + (b[off] & 0x0F));
        verify("IPv4 header", b, off, IpPacket.IPV4_HEADER, off + 10, 0);
        int total = getShort(b, off + 2);
        require(total >= IpPacket.IPV4_HEADER && total <= len,
                "IPv4 total length " + total + " does not fit the " + len + " bytes given");
        int fragment = getShort(b, off + 6);
        require((fragment & (MORE_FRAGMENTS | FRAGMENT_OFFSET)) == 0, "IPv4 fragments are not supported");
        return total;
    }

    private static Protocol protocolOf(int number) {
        for (Protocol p : Protocol.values()) {
            if (p.number() == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("unsupported IP protocol " + number);
    }

    /** RFC 768. */
    private static UdpDatagram decodeUdp(byte[] b, int off, int len, IpAddress src, IpAddress dst) {
        require(len >= UdpDatagram.HEADER, "truncated UDP header: " + len + " bytes");
        int udpLength = getShort(b, off + 4);
        require(udpLength == len, "UDP length " + udpLength + " but the IP payload is " + len + " bytes");
        require(getShort(b, off + 6) != 0, "UDP checksum is 0 (none); StackLab always computes one");
        verify("UDP", b, off, len, off + 6, InternetChecksum.pseudoHeader(src, dst, Protocol.UDP, len));
        return new UdpDatagram(getShort(b, off), getShort(b, off + 2), slice(b, off + UdpDatagram.HEADER, off + len));
    }

    /** RFC 9293 section 3.1. */
    private static TcpSegment decodeTcp(byte[] b, int off, int len, IpAddress src, IpAddress dst) {
        require(len >= TcpSegment.BASE_HEADER, "truncated TCP header: " + len + " bytes");
        int header = ((b[off + 12] & 0xFF) >>> 4) * 4;
        require(header >= TcpSegment.BASE_HEADER && header <= len,
                "TCP data offset " + header + " does not fit the " + len + " bytes of the segment");
        verify("TCP", b, off, len, off + 16, InternetChecksum.pseudoHeader(src, dst, Protocol.TCP, len));
        TcpOptions options = readOptions(b, off + TcpSegment.BASE_HEADER, off + header);
        long seq = getInt(b, off + 4) & 0xFFFFFFFFL;
        long ack = getInt(b, off + 8) & 0xFFFFFFFFL;
        return new TcpSegment(getShort(b, off), getShort(b, off + 2), seq, ack, b[off + 13] & 0xFF,
                getShort(b, off + 14), options, slice(b, off + header, off + len));
    }

    /** Walks the options (RFC 9293 section 3.2) and keeps those StackLab knows; others are skipped. */
    private static TcpOptions readOptions(byte[] b, int from, int to) {
        int mss = 0;
        int wscale = -1;
        boolean sackOk = false;
        boolean ts = false;
        long tsVal = 0;
        long tsEcr = 0;
        List<TcpOptions.SackBlock> sack = new ArrayList<>();
        int i = from;
        while (i < to && b[i] != TcpOptions.KIND_END) {
            if (b[i] == TcpOptions.KIND_NOP) {
                i++;
                continue;
            }
            require(i + 1 < to, "TCP option " + b[i] + " has no length byte");
            int length = b[i + 1] & 0xFF;
            require(length >= 2 && i + length <= to, "TCP option " + b[i] + " has a bad length " + length);
            switch (b[i]) {
                case PacketEncoder.MSS_OPTION_KIND -> {
                    require(length == PacketEncoder.MSS_OPTION_LENGTH, "TCP MSS option has length " + length);
                    mss = getShort(b, i + 2);
                }
                case TcpOptions.KIND_WSCALE -> {
                    require(length == 3, "TCP window scale option has length " + length);
                    wscale = b[i + 2] & 0xFF;
                }
                case TcpOptions.KIND_SACK_PERMITTED -> {
                    require(length == 2, "TCP SACK-permitted option has length " + length);
                    sackOk = true;
                }
                case TcpOptions.KIND_TIMESTAMP -> {
                    require(length == 10, "TCP timestamps option has length " + length);
                    ts = true;
                    tsVal = getInt(b, i + 2) & 0xFFFFFFFFL;
                    tsEcr = getInt(b, i + 6) & 0xFFFFFFFFL;
                }
                case TcpOptions.KIND_SACK -> {
                    require((length - 2) % 8 == 0, "TCP SACK option has length " + length);
                    for (int k = i + 2; k < i + length; k += 8) {
                        sack.add(new TcpOptions.SackBlock(getInt(b, k) & 0xFFFFFFFFL, getInt(b, k + 4) & 0xFFFFFFFFL));
                    }
                }
                default -> { }
            }
            i += length;
        }
        return new TcpOptions(mss, sackOk, ts, tsVal, tsEcr, wscale, sack);
    }

    /**
     * RFC 792: the checksum covers the whole message; RFC 4443 section 2.3: for ICMPv6 the
     * pseudo-header ({@code pseudo}, else 0) too.
     */
    private static IcmpMessage decodeIcmp(byte[] b, int off, int len, long pseudo) {
        boolean v6 = pseudo != 0;
        require(len >= 8, "truncated ICMP header: " + len + " bytes");
        verify(v6 ? "ICMPv6" : "ICMP", b, off, len, off + 2, pseudo);
        IpPacket quoted = len == 8 ? null : v6 ? decodeQuote6(b, off + 8, len - 8) : decodeQuote(b, off + 8, len - 8);
        return new IcmpMessage(b[off] & 0xFF, b[off + 1] & 0xFF, quoted, v6);
    }

    /** The quoted IP header must be whole; its payload is cut after 8 bytes. */
    private static IpPacket decodeQuote(byte[] b, int off, int len) {
        require(len >= IpPacket.IPV4_HEADER + PacketEncoder.ICMP_QUOTE_TRANSPORT_BYTES,
                "ICMP quote of " + len + " bytes is shorter than an IP header and 8 bytes");
        int total = getShort(b, off + 2);
        require((b[off] & 0xFF) == 0x45, "ICMP quote is not an IPv4 header without options");
        verify("quoted IPv4 header", b, off, IpPacket.IPV4_HEADER, off + 10, 0);
        require(total >= IpPacket.IPV4_HEADER + PacketEncoder.ICMP_QUOTE_TRANSPORT_BYTES,
                "quoted IPv4 total length " + total + " is shorter than the quote");
        Protocol protocol = protocolOf(b[off + 9] & 0xFF);
        require(protocol != Protocol.ICMPV6, "ICMP quote of an IPv4 packet carrying ICMPv6");
        return new IpPacket(new Ipv4Address(getInt(b, off + 12)), new Ipv4Address(getInt(b, off + 16)),
                b[off + 8] & 0xFF, getShort(b, off + 4), quotedTransport(protocol, b, off + IpPacket.IPV4_HEADER));
    }

    /**
     * An ICMPv6 quote (RFC 4443 section 3.1): the IPv6 header whole, then as much of the payload as
     * fit; read back, as the IPv4 quote, to the header and what the first 8 payload bytes hold.
     */
    private static IpPacket decodeQuote6(byte[] b, int off, int len) {
        require(len >= IpPacket.IPV6_HEADER + PacketEncoder.ICMP_QUOTE_TRANSPORT_BYTES,
                "ICMPv6 quote of " + len + " bytes is shorter than an IPv6 header and 8 bytes");
        require((b[off] & 0xFF) >>> 4 == 6, "ICMPv6 quote is not an IPv6 header");
        Protocol protocol = protocolOf(b[off + 6] & 0xFF);
        require(protocol != Protocol.ICMP, "ICMPv6 quote of an IPv6 packet carrying ICMP");
        return new IpPacket(ipv6At(b, off + 8), ipv6At(b, off + 24), b[off + 7] & 0xFF, 0,
                quotedTransport(protocol, b, off + IpPacket.IPV6_HEADER));
    }

    private static Transport quotedTransport(Protocol protocol, byte[] b, int t) {
        return switch (protocol) {
            case UDP -> new UdpDatagram(getShort(b, t), getShort(b, t + 2), Bytes.EMPTY);
            case TCP -> new TcpSegment(getShort(b, t), getShort(b, t + 2), getInt(b, t + 4) & 0xFFFFFFFFL,
                    0, 0, 0, 0, Bytes.EMPTY);
            case ICMP -> new IcmpMessage(b[t] & 0xFF, b[t + 1] & 0xFF, null, false);
            case ICMPV6 -> new IcmpMessage(b[t] & 0xFF, b[t + 1] & 0xFF, null, true);
        };
    }

    /**
     * Checks that the range, with the pseudo-header sum added, sums to all ones (RFC 1071); the
     * message gives the stored and the expected checksum.
     */
    private static void verify(String what, byte[] b, int off, int len, int checksumAt, long pseudo) {
        long sum = InternetChecksum.add(pseudo, b, off, len);
        if (!InternetChecksum.verifies(sum)) {
            int stored = getShort(b, checksumAt);
            int expected = InternetChecksum.complement(sum - stored);
            throw new IllegalArgumentException(String.format(Locale.ROOT, 
                    "bad %s checksum 0x%04x, expected 0x%04x", what, stored, expected));
        }
    }

    private static Bytes slice(byte[] b, int from, int to) {
        return from == to ? Bytes.EMPTY : Bytes.wrap(Arrays.copyOfRange(b, from, to));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static int getShort(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static int getInt(byte[] b, int off) {
        return (getShort(b, off) << 16) | getShort(b, off + 2);
    }

    private static long getLong(byte[] b, int off) {
        return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xFFFFFFFFL);
    }
}
