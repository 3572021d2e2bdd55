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

    /**
     * Whether a connection may go from this state to {@code next}: RFC 9293 figure 5, plus the way out to
     * CLOSED that every state has (a reset, a timeout, an abort: 3.10.7, 3.10.8, 3.10.5). {@link
     * TcpSocket#transitionTo} refuses any other change; the map is drawn in this package's package-info.
     */
    public boolean mayBecome(TcpState next) {
        if (next == CLOSED) {
            return this != CLOSED;
        }
        return switch (this) {
            // an unused socket listens or connects
            case CLOSED -> next == LISTEN || next == SYN_SENT;
            // a SYN arrives: the listener's child, a copy of its TCB, answers it (3.10.7.2)
            case LISTEN -> next == SYN_RECEIVED;
            // the SYN-ACK arrives, or the peer's SYN crosses ours (simultaneous open, figure 8)
            case SYN_SENT -> next == ESTABLISHED || next == SYN_RECEIVED;
            // our SYN is acknowledged; we close (3.10.4); the peer's FIN arrives (3.10.7.4, eighth)
            case SYN_RECEIVED -> next == ESTABLISHED || next == FIN_WAIT_1 || next == CLOSE_WAIT;
            case ESTABLISHED -> next == FIN_WAIT_1 || next == CLOSE_WAIT;
            // our FIN acknowledged; the peer's FIN first (simultaneous close, figure 13); both at once
            case FIN_WAIT_1 -> next == FIN_WAIT_2 || next == CLOSING || next == TIME_WAIT;
            case FIN_WAIT_2, CLOSING -> next == TIME_WAIT;
            case CLOSE_WAIT -> next == LAST_ACK;
            case LAST_ACK, TIME_WAIT -> false;
        };
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
