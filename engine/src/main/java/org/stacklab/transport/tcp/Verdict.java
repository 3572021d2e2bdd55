package org.stacklab.transport.tcp;

import org.stacklab.net.DropReason;

/**
 * How a socket ended an arriving segment's accounting: delivered, or dropped with a reason and a
 * fixed explanation (constant text, so tracing costs no formatting).
 */
enum Verdict {
    DELIVERED(null, null),
    OLD_DUPLICATE(DropReason.NOT_ACCEPTABLE,
            "old duplicate: already received (RFC 9293 3.10.7.4, first); answered with an ACK"),
    OUT_OF_WINDOW(DropReason.NOT_ACCEPTABLE,
            "outside the receive window (RFC 9293 3.10.7.4, first); answered with an ACK"),
    WINDOW_FULL(DropReason.BUFFER_FULL,
            "receive window closed: data dropped, ACK sent (RFC 9293 3.10.7.4, seventh)"),
    ACK_OF_UNSENT(DropReason.NOT_ACCEPTABLE,
            "acknowledges data not yet sent (RFC 9293 3.10.7.4, fifth); answered with an ACK"),
    BAD_ACK(DropReason.NOT_ACCEPTABLE,
            "unacceptable ACK (RFC 9293 3.10.7.3 / 3.10.7.4, fifth); answered with RST"),
    NO_ACK(DropReason.NOT_ACCEPTABLE, "no ACK bit (RFC 9293 3.10.7.4, fifth): dropped"),
    RST_IGNORED(DropReason.NOT_ACCEPTABLE, "RST with an unacceptable ACK: ignored (RFC 9293 3.10.7.3)"),
    RST_CHALLENGED(DropReason.NOT_ACCEPTABLE,
            "RST in the window but not at RCV.NXT: challenge ACK (RFC 5961 section 3.2)"),
    SYN_CHALLENGED(DropReason.NOT_ACCEPTABLE,
            "SYN on a synchronized connection: challenge ACK (RFC 9293 3.10.7.4, fourth; RFC 5961 4.2)"),
    SYN_REPEATED(DropReason.NOT_ACCEPTABLE, "retransmitted SYN: the SYN-ACK is sent again"),
    NO_SYN(DropReason.NOT_ACCEPTABLE, "neither SYN nor RST in SYN-SENT: dropped (RFC 9293 3.10.7.3)"),
    LISTEN_RST(DropReason.NOT_ACCEPTABLE, "RST to a listener: ignored (RFC 9293 3.10.7.2, first)"),
    LISTEN_ACK(DropReason.NOT_ACCEPTABLE, "ACK to a listener: answered with RST (RFC 9293 3.10.7.2, second)"),
    LISTEN_OTHER(DropReason.NOT_ACCEPTABLE, "no SYN: dropped by the listener (RFC 9293 3.10.7.2)"),
    BACKLOG_FULL(DropReason.BACKLOG_FULL,
            "accept queue full: SYN dropped silently, the client will retransmit (G3)"),
    ACCEPT_OVERFLOW(DropReason.BACKLOG_FULL,
            "accept queue full at the handshake's last ACK: dropped, the SYN-ACK will be resent (Linux listen overflow)"),
    DATA_AFTER_CLOSE(DropReason.SOCKET_CLOSED,
            "data for a socket the application closed: answered with RST (Linux tcp_rcv_state_process)"),
    TIME_WAIT_SYN(DropReason.NOT_ACCEPTABLE, "SYN to a TIME-WAIT with no listener: answered with ACK (I4)"),
    TIME_WAIT_QUIET(DropReason.NOT_ACCEPTABLE, "segment in TIME-WAIT: discarded"),
    CLOSED(DropReason.SOCKET_CLOSED, "socket closed: answered with RST (RFC 9293 3.10.7.1)");

    private final DropReason reason;
    private final String detail;

    Verdict(DropReason reason, String detail) {
        this.reason = reason;
        this.detail = detail;
    }

    DropReason reason() {
        return reason;
    }

    String detail() {
        return detail;
    }
}
