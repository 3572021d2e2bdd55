package org.stacklab.transport;

/** The closed set of socket-call failures, with POSIX errno names and Linux's strerror text. */
public enum SocketError {
    EADDRINUSE("Address already in use"),
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
