package org.stacklab.wire;

/**
 * An ICMP message (RFC 792). Error messages quote the packet that caused them: on the wire,
 * its IP header and the first 8 bytes of its payload.
 */
public record IcmpMessage(int type, int code, Ipv4Packet quoted) implements Transport {
    public static final int DEST_UNREACHABLE = 3;
    public static final int TIME_EXCEEDED = 11;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_TTL_EXCEEDED = 0;

    public static IcmpMessage portUnreachable(Ipv4Packet cause) {
        return new IcmpMessage(DEST_UNREACHABLE, CODE_PORT_UNREACHABLE, cause);
    }

    public static IcmpMessage timeExceeded(Ipv4Packet cause) {
        return new IcmpMessage(TIME_EXCEEDED, CODE_TTL_EXCEEDED, cause);
    }

    @Override
    public Protocol protocol() {
        return Protocol.ICMP;
    }

    @Override
    public int headerLength() {
        return 8;
    }

    /** The quoted IP header and 8 bytes of its payload. */
    @Override
    public int payloadLength() {
        return quoted == null ? 0 : Ipv4Packet.HEADER + Math.min(8, quoted.transport().headerLength() + quoted.transport().payloadLength());
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
        if (type == DEST_UNREACHABLE && code == CODE_PORT_UNREACHABLE && quoted != null) {
            return quoted.protocol().label() + " port " + quoted.transport().dstPort() + " unreachable";
        }
        if (type == DEST_UNREACHABLE) {
            return "destination unreachable (code " + code + ")";
        }
        if (type == TIME_EXCEEDED) {
            return "time exceeded in-transit";
        }
        return "type " + type + " code " + code;
    }
}
