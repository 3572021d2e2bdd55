package org.stacklab.wire;

/** One end of a conversation: an IPv4 address and a port (0 = unassigned). */
public record Endpoint(Ipv4Address ip, int port) {
    public static final Endpoint ANY = new Endpoint(Ipv4Address.ANY, 0);

    public Endpoint {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
    }

    public static Endpoint of(String ip, int port) {
        return new Endpoint(Ipv4Address.parse(ip), port);
    }

    /**
     * Parses {@code ip:port}.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected ip:port, got '" + text + "'");
        }
        Ipv4Address ip = Ipv4Address.parse(text.substring(0, colon));
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

    public Endpoint withPort(int p) {
        return new Endpoint(ip, p);
    }

    public Endpoint withIp(Ipv4Address a) {
        return new Endpoint(a, port);
    }

    /** tcpdump's form, {@code 10.0.0.2.5678}. */
    public String dotted() {
        return ip + "." + port;
    }

    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
