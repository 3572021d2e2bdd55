package org.stacklab.transport.tcp;

/** The states of a TCP connection, with RFC 9293's names and the short names {@code ss} prints. */
public enum TcpState {
    CLOSED("CLOSED", "UNCONN"),
    LISTEN("LISTEN", "LISTEN"),
    SYN_SENT("SYN-SENT", "SYN-SENT"),
    SYN_RECEIVED("SYN-RECEIVED", "SYN-RECV"),
    ESTABLISHED("ESTABLISHED", "ESTAB"),
    FIN_WAIT_1("FIN-WAIT-1", "FIN-WAIT-1"),
    FIN_WAIT_2("FIN-WAIT-2", "FIN-WAIT-2"),
    CLOSE_WAIT("CLOSE-WAIT", "CLOSE-WAIT"),
    CLOSING("CLOSING", "CLOSING"),
    LAST_ACK("LAST-ACK", "LAST-ACK"),
    TIME_WAIT("TIME-WAIT", "TIME-WAIT");

    private final String label;
    private final String ssName;

    TcpState(String label, String ssName) {
        this.label = label;
        this.ssName = ssName;
    }

    /** The RFC 9293 name, as traced in {@code state} events. */
    public String label() {
        return label;
    }

    /** The name {@code ss -tan} prints. */
    public String ssName() {
        return ssName;
    }

    /** RFC 9293 section 3.3.2: both sequence spaces known (every state past the handshake's SYNs). */
    public boolean synchronizedState() {
        return this != CLOSED && this != LISTEN && this != SYN_SENT;
    }

    /** States in which data from the peer is still taken into the receive buffer (RFC 9293 3.10.7.4, seventh). */
    public boolean receivesData() {
        return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2;
    }

    /** States in which the application may still queue data to send (RFC 9293 3.10.2). */
    public boolean acceptsSends() {
        return this == SYN_SENT || this == SYN_RECEIVED || this == ESTABLISHED || this == CLOSE_WAIT;
    }

    /** States in which our FIN has been queued. */
    public boolean finQueued() {
        return this == FIN_WAIT_1 || this == FIN_WAIT_2 || this == CLOSING || this == LAST_ACK
                || this == TIME_WAIT;
    }
}
