package org.stacklab.transport;

/** The closed set of socket-call failures, with POSIX errno names and Linux's strerror text. */
public enum SocketError {
    EADDRINUSE("Address already in use"),
    EPERM("Operation not permitted"),
    EADDRNOTAVAIL("Cannot assign requested address"),
    EACCES("Permission denied"),
    EAGAIN("Resource temporarily unavailable"),
    ECONNREFUSED("Connection refused"),
    ECONNRESET("Connection reset by peer"),
    ECONNABORTED("Software caused connection abort"),
    ETIMEDOUT("Connection timed out"),
    EHOSTUNREACH("No route to host"),
    ENETUNREACH("Network is unreachable"),
    EINVAL("Invalid argument"),
    EISCONN("Transport endpoint is already connected"),
    ENOTCONN("Transport endpoint is not connected"),
    EPIPE("Broken pipe"),
    EBADF("Bad file descriptor"),
    EDESTADDRREQ("Destination address required"),
    EOPNOTSUPP("Operation not supported"),
    EMSGSIZE("Message too long"),
    EALREADY("Operation already in progress"),
    EINPROGRESS("Operation now in progress"),
    EAFNOSUPPORT("Address family not supported by protocol"),
    ENOPROTOOPT("Protocol not available");

    private final String message;

    SocketError(String message) {
        this.message = message;
    }

    /** strerror(3)'s text for this errno. */
    public String message() {
        return message;
    }

    /**
     * The errno a fatal ICMP destination-unreachable code gives a socket (Linux's
     * icmp_err_convert): 0 net ENETUNREACH, 1 host EHOSTUNREACH, 3 port ECONNREFUSED, 13
     * administratively prohibited EHOSTUNREACH; null for a code that is not fatal here.
     */
    public static SocketError forUnreachable(int code) {
        switch (code) {
            case 0:
            case 6:
            case 9:
            case 11:
                return ENETUNREACH;
            case 1:
            case 10:
            case 12:
            case 13:
                return EHOSTUNREACH;
            case 3:
                return ECONNREFUSED;
            default:
                return null;
        }
    }

    /**
     * The errno of a destination unreachable that Linux calls fatal (icmp_err_convert's, and for
     * ICMPv6 icmpv6_err_convert's, {@code fatal} flag): the only ones a connected UDP socket
     * hears without IP_RECVERR. IPv4: 3 port ECONNREFUSED, 6 and 9 ENETUNREACH, 10 and 13
     * EHOSTUNREACH (net and host unreachable, 0 and 1, are not fatal); ICMPv6: 4 port
     * ECONNREFUSED, 1 administratively prohibited EACCES. Null otherwise.
     */
    public static SocketError fatalUnreachable(boolean v6, int code) {
        if (v6) {
            return code == 4 ? ECONNREFUSED : code == 1 ? EACCES : null;
        }
        switch (code) {
            case 3:
                return ECONNREFUSED;
            case 6:
            case 9:
                return ENETUNREACH;
            case 10:
            case 13:
                return EHOSTUNREACH;
            default:
                return null;
        }
    }

    /** The errno named {@code name} (case-insensitive), or null. */
    public static SocketError byName(String name) {
        for (SocketError e : values()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }
}
