package org.stacklab.wire;

/** An IPv4 address held as its 32 bits; {@code 0.0.0.0} is the wildcard. */
public record Ipv4Address(int bits) implements IpAddress, Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address LOOPBACK = new Ipv4Address(0x7F000001);

    /**
     * Parses dotted-quad text.
     *
     * @throws IllegalArgumentException with a message fit for a user when the text is not an
     *     IPv4 address
     */
    public static Ipv4Address parse(String text) {
        String t = text.trim();
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        int bits = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !allDigits(p)) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException(
                        "not an IPv4 address: '" + text + "' (" + v + " is above 255)");
            }
            bits = (bits << 8) | v;
        }
        return new Ipv4Address(bits);
    }

    /**
     * Whether every char is a digit ({@link Character#isDigit}). A loop, not a stream: parsing
     * runs at start-up, where the first stream costs its framework's set-up.
     */
    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isWildcard() {
        return bits == 0;
    }

    /** True for the whole of 127.0.0.0/8, which is local to every host (as on Linux). */
    @Override
    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    /** The address {@code n} above this one: consecutive addresses for host groups. */
    public Ipv4Address plus(int n) {
        return new Ipv4Address(bits + n);
    }

    @Override
    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
