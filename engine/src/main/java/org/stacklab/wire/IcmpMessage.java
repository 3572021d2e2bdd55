package org.stacklab.wire;

/**
 * An ICMP message (RFC 792) or ICMPv6 message (RFC 4443), {@code v6} telling which. Error messages quote
 * the packet that caused them: ICMP its IP header and the first 8 bytes of its payload, ICMPv6 as much of
 * it as keeps the error within IPv6's minimum MTU of 1280 bytes (RFC 4443 section 2.4 (c), as Linux's
 * {@code icmp6_send}). The two families number the same errors differently; the factories and the
 * {@code is...} questions hide that from callers.
 */
public record IcmpMessage(int type, int code, IpPacket quoted, boolean v6) implements Transport {
    public static final int DEST_UNREACHABLE = 3;
    public static final int TIME_EXCEEDED = 11;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_TTL_EXCEEDED = 0;

    /** RFC 4443 section 3.1: Destination Unreachable, codes 0 (no route), 3 (address), 4 (port). */
    public static final int V6_DEST_UNREACHABLE = 1;
    /** RFC 4443 section 3.3: Time Exceeded, code 0 (hop limit exceeded in transit). */
    public static final int V6_TIME_EXCEEDED = 3;
    public static final int V6_CODE_NO_ROUTE = 0;
    public static final int V6_CODE_ADDRESS_UNREACHABLE = 3;
    public static final int V6_CODE_PORT_UNREACHABLE = 4;
    public static final int V6_CODE_HOP_LIMIT_EXCEEDED = 0;
    /** The bytes an ICMPv6 error may quote: 1280 less the IPv6 and ICMPv6 headers. */
    public static final int V6_MAX_QUOTE = 1280 - IpPacket.IPV6_HEADER - 8;

    /** An ICMP message of the quoted packet's family (ICMP when there is no quote). */
    public IcmpMessage(int type, int code, IpPacket quoted) {
        this(type, code, quoted, quoted != null && quoted.isIpv6());
    }

    public static IcmpMessage portUnreachable(IpPacket cause) {
        return cause.isIpv6()
                ? new IcmpMessage(V6_DEST_UNREACHABLE, V6_CODE_PORT_UNREACHABLE, cause, true)
                : new IcmpMessage(DEST_UNREACHABLE, CODE_PORT_UNREACHABLE, cause, false);
    }

    public static IcmpMessage timeExceeded(IpPacket cause) {
        return cause.isIpv6()
                ? new IcmpMessage(V6_TIME_EXCEEDED, V6_CODE_HOP_LIMIT_EXCEEDED, cause, true)
                : new IcmpMessage(TIME_EXCEEDED, CODE_TTL_EXCEEDED, cause, false);
    }

    /** No route to the destination: ICMP host unreachable, ICMPv6 "no route to destination". */
    public static IcmpMessage noRoute(IpPacket cause) {
        return cause.isIpv6()
                ? new IcmpMessage(V6_DEST_UNREACHABLE, V6_CODE_NO_ROUTE, cause, true)
                : new IcmpMessage(DEST_UNREACHABLE, CODE_HOST_UNREACHABLE, cause, false);
    }

    public boolean isDestUnreachable() {
        return type == (v6 ? V6_DEST_UNREACHABLE : DEST_UNREACHABLE);
    }

    public boolean isPortUnreachable() {
        return isDestUnreachable() && code == (v6 ? V6_CODE_PORT_UNREACHABLE : CODE_PORT_UNREACHABLE);
    }

    public boolean isTimeExceeded() {
        return type == (v6 ? V6_TIME_EXCEEDED : TIME_EXCEEDED);
    }

    @Override
    public Protocol protocol() {
        return v6 ? Protocol.ICMPV6 : Protocol.ICMP;
    }

    @Override
    public int headerLength() {
        return 8;
    }

    /** The quote: for ICMP the IP header and 8 bytes of its payload, for ICMPv6 up to {@link #V6_MAX_QUOTE}. */
    @Override
    public int payloadLength() {
        if (quoted == null) {
            return 0;
        }
        if (v6) {
            return Math.min(V6_MAX_QUOTE, quoted.totalLength());
        }
        return quoted.headerLength() + Math.min(8, quoted.transport().headerLength() + quoted.transport().payloadLength());
    }

    @Override
    public int srcPort() {
        return 0;
    }

    @Override
    public int dstPort() {
        return 0;
    }

    /** A short description: "udp port 7 unreachable", "time exceeded in-transit". */
    public String describe() {
        if (isPortUnreachable() && quoted != null) {
            return quoted.protocol().label() + " port " + quoted.transport().dstPort() + " unreachable";
        }
        if (isDestUnreachable()) {
            return v6 && code == V6_CODE_NO_ROUTE ? "unreachable route" : "destination unreachable (code " + code + ")";
        }
        if (isTimeExceeded()) {
            return "time exceeded in-transit";
        }
        return "type " + type + " code " + code;
    }
}
