package org.stacklab.wire;

/**
 * An IP address of either family: {@link Ipv4Address} or {@link Ipv6Address}. Code above {@code wire}
 * is meant to take this type, so that an IPv6 address is data, not a second code path.
 */
public sealed interface IpAddress permits Ipv4Address, Ipv6Address {
    /** The unspecified address ({@code 0.0.0.0}, {@code ::}): "any address of this host" in a bind. */
    boolean isWildcard();

    /** An address that never leaves the host ({@code 127.0.0.0/8}, {@code ::1}). */
    boolean isLoopback();

    /** The address in network byte order: 4 or 16 bytes. */
    byte[] toBytes();

    /**
     * Parses either family: text with a colon is IPv6 (RFC 4291 section 2.2), other text dotted-quad IPv4.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    static IpAddress parse(String text) {
        return text.indexOf(':') >= 0 ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
    }
}
