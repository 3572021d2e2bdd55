package org.stacklab.transport;

import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv6Address;

/**
 * The dual-stack view of a binding (docs/port-table.md M4): which local addresses of each family a
 * socket's address stands for, and the keys of the table's chains.
 *
 * <p>The table holds every address in its <em>wire form</em>: an IPv4 address for IPv4 traffic, whatever
 * the socket's family, and an {@link Ipv6Address} only for genuine IPv6 ({@code ::}, {@code ::1},
 * {@code 2001:db8::1}). A v4-mapped address given to an AF_INET6 socket ({@code ::ffff:10.0.0.1}) is
 * IPv4 on the wire and in the table; the socket shows it mapped again ({@link #shown}). So
 * {@code [::ffff:10.0.0.1]} and {@code 10.0.0.1} are one binding (M4), and an IPv4 packet finds
 * either by one key.
 */
final class AddressSets {
    /** The low 64 bits of {@code ::ffff:0.0.0.0}: IPv4 addresses as 128-bit keys (RFC 4291 2.5.5.2). */
    static final long MAPPED = 0xFFFF_0000_0000L;

    private AddressSets() {}

    /** The wire form of an address a socket was given: a v4-mapped IPv6 address is its IPv4 address. */
    static IpAddress wire(IpAddress given) {
        if (given instanceof Ipv6Address v && v.isIpv4Mapped()) {
            return new Ipv4Address((int) v.low());
        }
        return given;
    }

    /** How a socket of {@code family} shows a wire address: AF_INET6 shows IPv4 v4-mapped (M10). */
    static IpAddress shown(Family family, IpAddress wire) {
        if (family == Family.INET6 && wire instanceof Ipv4Address a) {
            return new Ipv6Address(0, MAPPED | (a.bits() & 0xFFFF_FFFFL));
        }
        return wire;
    }

    /**
     * M4: whether a binding on {@code local} takes IPv4 traffic. An IPv4 wire address (AF_INET, or an
     * AF_INET6 socket on a v4-mapped one) does; of the IPv6 ones only {@code [::]} without IPV6_V6ONLY.
     */
    static boolean coversIpv4(IpAddress local, boolean v6only) {
        return local instanceof Ipv4Address || (local.isWildcard() && !v6only);
    }

    /** M4: whether a binding on {@code local} takes IPv6 traffic: only an IPv6 wire address. */
    static boolean coversIpv6(IpAddress local) {
        return local instanceof Ipv6Address;
    }

    /** Whether a socket bound to {@code local} may take a packet addressed to {@code dst} by its family (M8, M9). */
    static boolean sees(IpAddress local, boolean v6only, IpAddress dst) {
        return dst instanceof Ipv4Address ? coversIpv4(local, v6only) : coversIpv6(local);
    }

    /**
     * M4 (B3 for both families): two bindings of one port overlap iff the address sets they stand for
     * intersect. Per family a set is every address (a wildcard), one address, or none.
     */
    static boolean overlap(IpAddress a, boolean aV6only, IpAddress b, boolean bV6only) {
        if (coversIpv4(a, aV6only) && coversIpv4(b, bV6only)) {
            if (a.isWildcard() || b.isWildcard() || a.equals(b)) {
                return true; // an IPv6 wildcard here is a dual-stack [::], every IPv4 address
            }
        }
        if (coversIpv6(a) && coversIpv6(b)) {
            return a.isWildcard() || b.isWildcard() || a.equals(b);
        }
        return false;
    }

    /**
     * The key of an address's chain: IPv4 as its v4-mapped 128 bits; {@code [::]} shares the chain of
     * {@code 0.0.0.0}, as Linux's {@code ipv6_portaddr_hash} puts both in one bucket (K-IP6H), and the
     * lookup tells them apart by family.
     */
    static Slot slot(IpAddress ip, int port) {
        if (ip instanceof Ipv4Address a) {
            return new Slot(0, MAPPED | (a.bits() & 0xFFFF_FFFFL), port);
        }
        Ipv6Address v = (Ipv6Address) ip;
        return v.isWildcard() ? new Slot(0, MAPPED, port) : new Slot(v.high(), v.low(), port);
    }

    /** An address as 128 bits for a 4-tuple key: IPv4 v4-mapped, so both families share one table. */
    static long high(IpAddress ip) {
        return ip instanceof Ipv6Address v ? v.high() : 0;
    }

    static long low(IpAddress ip) {
        return ip instanceof Ipv6Address v ? v.low() : MAPPED | (((Ipv4Address) ip).bits() & 0xFFFF_FFFFL);
    }

    /** 32 bits standing for an address in hashes: IPv4 its bits (unchanged from the IPv4-only table), IPv6 folded. */
    static int fold(IpAddress ip) {
        if (ip instanceof Ipv4Address a) {
            return a.bits();
        }
        Ipv6Address v = (Ipv6Address) ip;
        long x = v.high() ^ v.low();
        return (int) (x ^ (x >>> 32));
    }

    /** A chain of the table by (address, port): see {@link #slot}. */
    record Slot(long high, long low, int port) {}
}
