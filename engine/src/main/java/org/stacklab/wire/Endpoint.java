package org.stacklab.wire;

/**
 * One end of a conversation: an IP address of either family and a port (0 = unassigned). Printed as
 * {@code 10.0.0.2:80} or, for IPv6, in brackets as {@code [2001:db8::5]:80} (RFC 3986 section 3.2.2).
 */
public record Endpoint(IpAddress ip, int port) {
    public static final Endpoint ANY = new Endpoint(Ipv4Address.ANY, 0);

    public Endpoint {
        if (ip == null) {
            throw new IllegalArgumentException("an endpoint needs an address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
    }

    public static Endpoint of(String ip, int port) {
        return new Endpoint(IpAddress.parse(ip), port);
    }

    /**
     * Parses {@code ip:port} or {@code [ipv6]:port}. An IPv6 address must be in brackets, since its
     * colons would make the port ambiguous.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected ip:port, got '" + text + "'");
        }
        String host = text.substring(0, colon).trim();
        IpAddress ip;
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                throw new IllegalArgumentException("expected ']' before ':port' in '" + text + "'");
            }
            String inner = host.substring(1, host.length() - 1);
            if (inner.indexOf(':') < 0) {
                throw new IllegalArgumentException(
                        "brackets are for IPv6 addresses, write an IPv4 endpoint as ip:port in '" + text + "'");
            }
            ip = Ipv6Address.parse(inner);
        } else if (host.indexOf(':') >= 0 || host.endsWith("]")) {
            throw new IllegalArgumentException("an IPv6 endpoint is written in brackets, as "
                    + bracketed(host, text.substring(colon + 1).trim()) + ", not '" + text + "'");
        } else {
            ip = Ipv4Address.parse(host);
        }
        String p = text.substring(colon + 1).trim();
        if (p.isEmpty() || p.length() > 6 || !Ipv4Address.allDigits(p)) {
            throw new IllegalArgumentException("expected a port number after ':' in '" + text + "'");
        }
        int port = Integer.parseInt(p);
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535 in '" + text + "'");
        }
        return new Endpoint(ip, port);
    }

    /** The text as the user probably meant it, {@code [2001:db8::6]:80}, or a generic example. */
    private static String bracketed(String host, String port) {
        try {
            Ipv6Address.parse(host);
            return "[" + host + "]:" + port;
        } catch (IllegalArgumentException e) {
            return "[2001:db8::5]:80";
        }
    }

    /** Whether the address is IPv6 (including a v4-mapped one). */
    public boolean isIpv6() {
        return ip instanceof Ipv6Address;
    }

    /**
     * The IPv4 address, for code that carries IPv4 only.
     *
     * @throws IllegalStateException when the address is IPv6
     */
    public Ipv4Address ipv4() {
        if (ip instanceof Ipv4Address a) {
            return a;
        }
        throw new IllegalStateException("an IPv4 endpoint was expected, got " + this);
    }

    public Endpoint withPort(int p) {
        return new Endpoint(ip, p);
    }

    public Endpoint withIp(IpAddress a) {
        return new Endpoint(a, port);
    }

    /** tcpdump's form, {@code 10.0.0.2.5678} or {@code 2001:db8::2.5678}. */
    public String dotted() {
        return ip + "." + port;
    }

    @Override
    public String toString() {
        return ip instanceof Ipv6Address ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
