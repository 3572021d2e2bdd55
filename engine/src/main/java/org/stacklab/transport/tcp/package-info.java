/**
 * TCP (RFC 9293) as Linux behaves: the state machine, the handshake, reliable delivery with
 * retransmission and NewReno congestion control, flow control, and closing.
 *
 * <p>Files follow the phases of a connection, as gVisor splits them: {@link
 * org.stacklab.transport.tcp.TcpSocket} (the socket calls and the one state writer), {@code
 * Listener} (passive open, accept queue), {@code Handshake} (active open), {@code Input} (a
 * segment arrives, RFC 9293 3.10.7), {@code SendSide} and {@code Sender} (acknowledgments,
 * segmentation, retransmission), {@code ReceiveSide} and {@code Reassembly} (in-order and
 * out-of-order data, the window, delayed ACKs), {@code Congestion}, {@code RttEstimator},
 * {@code Timers}, {@code Closing}, {@code Waiters} (blocked calls), {@code Segments} and
 * {@code TcpTrace}.
 *
 * <p>May import {@code sim}, {@code wire}, {@code trace}, {@code net} and {@code transport};
 * never {@code transport.udp}.
 */
package org.stacklab.transport.tcp;
