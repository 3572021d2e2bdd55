package org.stacklab.net.filter;

import org.stacklab.wire.Ipv4Address;

/** An IPv4 prefix, {@code 192.168.1.0/24}; a plain address is a /32. */
public record Cidr(Ipv4Address base, int bits) {
    public Cidr {
        if (bits < 0 || bits > 32) {
            throw new IllegalArgumentException("prefix length must be 0-32, got " + bits);
        }
    }

    private int mask() {
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    /** Whether {@code a} is in the prefix; an IPv6 address never is (NAT and the firewall are IPv4 only). */
    public boolean contains(org.stacklab.wire.IpAddress a) {
        return a instanceof Ipv4Address v4 && (v4.bits() & mask()) == (base.bits() & mask());
    }

    /**
     * Parses {@code a.b.c.d} or {@code a.b.c.d/N}.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Cidr(Ipv4Address.parse(text.trim()), 32);
        }
        String len = text.substring(slash + 1).trim();
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("expected a prefix length 0-32 after '/' in '" + text + "'");
        }
        return new Cidr(Ipv4Address.parse(text.substring(0, slash).trim()), Integer.parseInt(len));
    }

    @Override
    public String toString() {
        return bits == 32 ? base.toString() : base + "/" + bits;
    }
}
