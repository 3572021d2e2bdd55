package org.stacklab.net;

/** Why a packet ended without being delivered; {@link #label()} is the {@code reason} in reports. */
public enum DropReason {
    PORT_UNREACHABLE("port-unreachable"),
    NO_LISTENER("no-listener"),
    QUEUE_FULL("queue-full"),
    LOSS("loss"),
    TTL("ttl"),
    NO_ROUTE("no-route"),
    BACKLOG_FULL("backlog-full"),
    NOT_FORWARDING("not-forwarding"),
    NO_PROTOCOL("no-protocol"),
    NOT_ACCEPTABLE("not-acceptable"),
    SOCKET_CLOSED("socket-closed"),
    BUFFER_FULL("buffer-full"),
    /** A firewall rule (or a chain's policy) dropped or rejected it. */
    FIREWALL("firewall"),
    /** Source NAT found no free port for the flow (conntrack could not confirm its entry). */
    NAT_NO_PORT("nat-no-port");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static DropReason byLabel(String label) {
        for (DropReason r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        return null;
    }
}
