/**
 * TCP (RFC 9293) as Linux behaves: the state machine, the handshake, reliable delivery with
 * retransmission and NewReno congestion control, flow control, and closing.
 *
 * <p>Files follow the phases of a connection, as gVisor splits them: {@link TcpSocket} (the
 * socket calls and the one state writer), {@code Listener} (passive open, accept queue),
 * {@code Handshake} (active open), {@code Input} (a segment arrives, RFC 9293 section
 * 3.10.7.4), {@code SendSide} and {@code ReceiveSide} (data in each direction), {@code Congestion},
 * {@code RttEstimator} and {@code Timer}.
 *
 * <p>May import {@code sim}, {@code wire}, {@code trace}, {@code net} and {@code transport};
 * never {@code transport.udp}.
 */
package org.stacklab.transport.tcp;
