package org.stacklab.wire;

import java.util.Objects;

/**
 * Encodes an {@link IpPacket} to the bytes a real stack would put on the wire: the IPv4 or IPv6
 * header, then the UDP, TCP, ICMP or ICMPv6 header and payload, with every checksum correct.
 *
 * <p>Fields that do not fit their wire width are programming errors and throw
 * {@link IllegalArgumentException}, except three that wrap or clamp by definition: the
 * identification and the sequence numbers wrap, the TCP window is clamped (see each writer).
 */
public final class PacketEncoder {
    /** Don't Fragment, set on TCP as Linux does with path MTU discovery (RFC 1191). */
    static final int FLAG_DF = 0x4000;
    static final int MSS_OPTION_KIND = 2;
    static final int MSS_OPTION_LENGTH = 4;
    /** An ICMP error quotes the IP header and the first 8 bytes of its payload (RFC 792). */
    static final int ICMP_QUOTE_TRANSPORT_BYTES = 8;

    private PacketEncoder() {}

    /** The packet's bytes, {@link IpPacket#totalLength()} long. */
    public static byte[] encode(IpPacket p) {
        byte[] b = new byte[p.totalLength()];
        encodeInto(p, b, 0);
        return b;
    }

    /**
     * Writes the packet into {@code buf} at {@code off} and returns the number of bytes written.
     *
     * @throws IndexOutOfBoundsException when the packet does not fit in {@code buf}
     * @throws IllegalArgumentException when a field is out of range for its header field
     */
    public static int encodeInto(IpPacket p, byte[] buf, int off) {
        Objects.requireNonNull(p, "packet");
        int total = p.totalLength();
        int header = p.headerLength();
        requireRange(p.isIpv6() ? "IPv6 payload length" : "IPv4 total length", p.isIpv6() ? total - header : total, 0xFFFF);
        Objects.checkFromIndexSize(off, total, buf.length);
        writeTransport(p, buf, off + header, total - header);
        if (p.isIpv6()) {
            writeIpv6Header(p, buf, off, total - header);
        } else {
            writeIpHeader(p, buf, off, total);
        }
        return total;
    }

    /**
     * RFC 8200 section 3: version 6, traffic class and flow label 0, payload length, next header,
     * hop limit, the two addresses. No extension headers and no header checksum.
     */
    private static void writeIpv6Header(IpPacket p, byte[] b, int off, int payloadLength) {
        requireRange("hop limit", p.ttl(), 0xFF);
        putInt(b, off, 0x60000000);
        putShort(b, off + 4, payloadLength);
        b[off + 6] = (byte) p.protocol().number();
        b[off + 7] = (byte) p.ttl();
        System.arraycopy(p.src().toBytes(), 0, b, off + 8, 16);
        System.arraycopy(p.dst().toBytes(), 0, b, off + 24, 16);
    }

    /** RFC 791 section 3.1, without options: IHL is always 5. */
    private static void writeIpHeader(IpPacket p, byte[] b, int off, int total) {
        requireRange("TTL", p.ttl(), 0xFF);
        b[off] = 0x45;
        b[off + 1] = 0;
        putShort(b, off + 2, total);
        // The identification is 16 bits on the wire; a host's counter wraps (RFC 6864).
        putShort(b, off + 4, p.id() & 0xFFFF);
        putShort(b, off + 6, p.protocol() == Protocol.TCP ? FLAG_DF : 0);
        b[off + 8] = (byte) p.ttl();
        b[off + 9] = (byte) p.protocol().number();
        putShort(b, off + 10, 0);
        putInt(b, off + 12, p.src4().bits());
        putInt(b, off + 16, p.dst4().bits());
        putShort(b, off + 10, InternetChecksum.of(b, off, IpPacket.IPV4_HEADER));
    }

    private static void writeTransport(IpPacket p, byte[] b, int off, int len) {
        Transport t = p.transport();
        if (t instanceof UdpDatagram u) {
            writeUdp(p, u, b, off, len);
        } else if (t instanceof TcpSegment s) {
            writeTcp(p, s, b, off, len);
        } else if (t instanceof IcmpMessage m) {
            writeIcmp(p, m, b, off, len);
        } else {
            throw new IllegalArgumentException("unknown transport: " + t);
        }
    }

    /** RFC 768: ports, length, checksum over the pseudo-header, header and data. */
    private static void writeUdp(IpPacket p, UdpDatagram u, byte[] b, int off, int len) {
        putPorts(b, off, u.srcPort(), u.dstPort());
        putShort(b, off + 4, len);
        putShort(b, off + 6, 0);
        u.data().copyTo(b, off + UdpDatagram.HEADER);
        int sum = transportChecksum(p, b, off, len);
        // A computed zero is sent as all ones: zero means "no checksum" in UDP (RFC 768).
        putShort(b, off + 6, sum == 0 ? 0xFFFF : sum);
    }

    /** RFC 9293 section 3.1: the fixed header, then the options. */
    private static void writeTcp(IpPacket p, TcpSegment s, byte[] b, int off, int len) {
        requireRange("TCP flags", s.flags(), 0xFF);
        requireRange("TCP MSS", s.mss(), 0xFFFF);
        if (s.options().length() > 40) {
            throw new IllegalArgumentException("TCP options take " + s.options().length() + " bytes, more than 40");
        }
        if (s.window() < 0) {
            throw new IllegalArgumentException("TCP window is negative: " + s.window());
        }
        int header = s.headerLength();
        putPorts(b, off, s.srcPort(), s.dstPort());
        // Sequence space is modulo 2^32 (RFC 9293 section 3.4).
        putInt(b, off + 4, (int) s.seq());
        putInt(b, off + 8, (int) s.ack());
        b[off + 12] = (byte) ((header / 4) << 4);
        b[off + 13] = (byte) s.flags();
        // Without window scaling the field holds at most 65535 (RFC 7323 section 2).
        putShort(b, off + 14, Math.min(s.window(), 0xFFFF));
        putInt(b, off + 16, 0); // checksum, then urgent pointer 0
        writeOptions(b, off + TcpSegment.BASE_HEADER, s.options());
        s.data().copyTo(b, off + header);
        putShort(b, off + 16, transportChecksum(p, b, off, len));
    }

    /**
     * The options in Linux's order and padding (tcp_options_write, net/ipv4/tcp_output.c): MSS;
     * sackOK+TS or nop,nop,TS; nop,nop,sackOK without TS; nop,wscale; nop,nop,SACK blocks.
     */
    private static void writeOptions(byte[] b, int off, TcpOptions o) {
        int i = off;
        if (o.mss() > 0) {
            b[i] = MSS_OPTION_KIND;
            b[i + 1] = MSS_OPTION_LENGTH;
            putShort(b, i + 2, o.mss());
            i += 4;
        }
        if (o.timestamps()) {
            if (o.sackPermitted()) {
                b[i] = TcpOptions.KIND_SACK_PERMITTED;
                b[i + 1] = 2;
            } else {
                b[i] = TcpOptions.KIND_NOP;
                b[i + 1] = TcpOptions.KIND_NOP;
            }
            b[i + 2] = TcpOptions.KIND_TIMESTAMP;
            b[i + 3] = 10;
            putInt(b, i + 4, (int) o.tsVal());
            putInt(b, i + 8, (int) o.tsEcr());
            i += 12;
        } else if (o.sackPermitted()) {
            b[i] = TcpOptions.KIND_NOP;
            b[i + 1] = TcpOptions.KIND_NOP;
            b[i + 2] = TcpOptions.KIND_SACK_PERMITTED;
            b[i + 3] = 2;
            i += 4;
        }
        if (o.hasWindowScale()) {
            requireRange("TCP window scale", o.windowScale(), 14);
            b[i] = TcpOptions.KIND_NOP;
            b[i + 1] = TcpOptions.KIND_WSCALE;
            b[i + 2] = 3;
            b[i + 3] = (byte) o.windowScale();
            i += 4;
        }
        if (!o.sack().isEmpty()) {
            b[i] = TcpOptions.KIND_NOP;
            b[i + 1] = TcpOptions.KIND_NOP;
            b[i + 2] = TcpOptions.KIND_SACK;
            b[i + 3] = (byte) (2 + 8 * o.sack().size());
            i += 4;
            for (TcpOptions.SackBlock block : o.sack()) {
                putInt(b, i, (int) block.left());
                putInt(b, i + 4, (int) block.right());
                i += 8;
            }
        }
    }

    /**
     * RFC 792 and RFC 4443 section 2.1: type, code, checksum, 4 unused bytes, then the quote of the
     * offending packet. ICMPv6's checksum also covers the IPv6 pseudo-header (RFC 4443 section 2.3).
     */
    private static void writeIcmp(IpPacket p, IcmpMessage m, byte[] b, int off, int len) {
        requireRange("ICMP type", m.type(), 0xFF);
        requireRange("ICMP code", m.code(), 0xFF);
        b[off] = (byte) m.type();
        b[off + 1] = (byte) m.code();
        putShort(b, off + 2, 0);
        putInt(b, off + 4, 0);
        if (m.quoted() != null) {
            byte[] quoted = encode(m.quoted());
            System.arraycopy(quoted, 0, b, off + m.headerLength(), len - m.headerLength());
        }
        putShort(b, off + 2, m.v6() ? transportChecksum(p, b, off, len) : InternetChecksum.of(b, off, len));
    }

    private static int transportChecksum(IpPacket p, byte[] b, int off, int len) {
        long pseudo = p.isIpv6()
                ? InternetChecksum.pseudoHeader(p.src(), p.dst(), p.protocol(), len)
                : InternetChecksum.pseudoHeader(p.src4(), p.dst4(), p.protocol(), len);
        return InternetChecksum.complement(InternetChecksum.add(pseudo, b, off, len));
    }

    private static void putPorts(byte[] b, int off, int src, int dst) {
        requireRange("source port", src, 0xFFFF);
        requireRange("destination port", dst, 0xFFFF);
        putShort(b, off, src);
        putShort(b, off + 2, dst);
    }

    private static void requireRange(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is out of range 0-" + max);
        }
    }

    static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
