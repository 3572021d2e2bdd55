package org.stacklab.wire;

/**
 * An IPv6 address held as its 128 bits (two longs, most significant first); {@code ::} is the wildcard.
 * Parses every text form of RFC 4291 section 2.2 and prints the one canonical form of RFC 5952.
 */
public record Ipv6Address(long high, long low) implements IpAddress {
    public static final Ipv6Address ANY = new Ipv6Address(0, 0);
    public static final Ipv6Address LOOPBACK = new Ipv6Address(0, 1);

    private static final int GROUPS = 8;

    /**
     * Parses IPv6 text: eight groups of up to four hex digits, one {@code ::} for a run of zero groups,
     * and an optional dotted-quad IPv4 tail standing for the last two groups ({@code ::ffff:10.0.0.2}).
     *
     * @throws IllegalArgumentException with a message fit for a user when the text is not an IPv6 address
     */
    public static Ipv6Address parse(String text) {
        String t = text.trim();
        int[] groups = new int[GROUPS];
        int gap = t.indexOf("::");
        if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
            throw bad(text, "'::' may appear only once");
        }
        int n;
        if (gap < 0) {
            n = groups(t, text, groups, 0);
            if (n != GROUPS) {
                throw bad(text, "it has " + n + " groups, not 8");
            }
        } else {
            int[] tail = new int[GROUPS];
            int head = gap == 0 ? 0 : groups(t.substring(0, gap), text, groups, 0);
            int rest = gap + 2 == t.length() ? 0 : groups(t.substring(gap + 2), text, tail, 0);
            if (head + rest > GROUPS - 1) {
                throw bad(text, "'::' must stand for at least one zero group");
            }
            System.arraycopy(tail, 0, groups, GROUPS - rest, rest);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        return new Ipv6Address(hi, lo);
    }

    /** Reads colon-separated groups (the last may be dotted IPv4, two groups) into {@code out}; returns how many. */
    private static int groups(String part, String text, int[] out, int from) {
        String[] fields = part.split(":", -1);
        int n = from;
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (i == fields.length - 1 && f.indexOf('.') >= 0) {
                if (n + 2 > GROUPS) {
                    throw bad(text, "too many groups");
                }
                int v4 = Ipv4Address.parse(f).bits();
                out[n++] = v4 >>> 16;
                out[n++] = v4 & 0xFFFF;
                continue;
            }
            if (f.isEmpty() || f.length() > 4 || !isHex(f)) {
                throw bad(text, "'" + f + "' is not a group of 1 to 4 hex digits");
            }
            if (n == GROUPS) {
                throw bad(text, "too many groups");
            }
            out[n++] = Integer.parseInt(f, 16);
        }
        return n;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("not an IPv6 address: '" + text + "' (" + why + ")");
    }

    /** {@code ::ffff:a.b.c.d}, the IPv4 address as an IPv6 socket sees it (RFC 4291 section 2.5.5.2). */
    public static Ipv6Address mapped(Ipv4Address v4) {
        return new Ipv6Address(0, (0xFFFFL << 32) | (v4.bits() & 0xFFFFFFFFL));
    }

    /**
     * The IPv4 address inside a v4-mapped address.
     *
     * @throws IllegalStateException when this address is not v4-mapped
     */
    public Ipv4Address mappedIpv4() {
        if (!isIpv4Mapped()) {
            throw new IllegalStateException(this + " is not a v4-mapped address");
        }
        return new Ipv4Address((int) low);
    }

    /** The address {@code n} above this one (carrying into the high half): consecutive addresses for host groups. */
    public Ipv6Address plus(int n) {
        long lo = low + n;
        long hi = high + (Long.compareUnsigned(lo, low) < 0 ? 1 : 0);
        return new Ipv6Address(hi, lo);
    }

    /** Group {@code i} (0 to 7) as a 16-bit value. */
    public int group(int i) {
        long half = i < 4 ? high : low;
        return (int) (half >>> (16 * (3 - (i & 3)))) & 0xFFFF;
    }

    @Override
    public boolean isWildcard() {
        return high == 0 && low == 0;
    }

    @Override
    public boolean isLoopback() {
        return high == 0 && low == 1;
    }

    /** {@code ::ffff:0:0/96}: an IPv4 address seen through an IPv6 socket (RFC 4291 section 2.5.5.2). */
    public boolean isIpv4Mapped() {
        return high == 0 && (low >>> 32) == 0xFFFFL;
    }

    @Override
    public byte[] toBytes() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    /**
     * RFC 5952 section 4: lower-case hex without leading zeros, the longest run of two or more zero groups
     * (the first of equal runs) as {@code ::}; section 5: an IPv4-mapped address ends in dotted IPv4.
     */
    @Override
    public String toString() {
        int last = isIpv4Mapped() ? 6 : GROUPS;
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < last; i++) {
            int j = i;
            while (j < last && group(j) == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < last; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group(i)));
        }
        if (last == 6) {
            if (sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(new Ipv4Address((int) low));
        }
        return sb.toString();
    }
}
