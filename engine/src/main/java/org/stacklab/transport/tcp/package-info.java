/**
 * TCP (RFC 9293) as Linux behaves: the state machine, the handshake, reliable delivery with
 * retransmission, congestion control (CUBIC, NewReno, Reno) and SACK recovery, flow control, and closing.
 *
 * <p>Files follow the phases of a connection, as gVisor splits them: {@link
 * org.stacklab.transport.tcp.TcpSocket} (the socket calls and the one state writer), {@code Calls}
 * (the errno a call returns before it starts), {@code Listener} (passive open, accept queue),
 * {@code Handshake} (active open), {@code Input} (a segment arrives, RFC 9293 3.10.7), {@code
 * SendSide} and {@code Sender} (acknowledgments, segmentation, retransmission), {@code ReceiveSide} and {@code Reassembly} (in-order and
 * out-of-order data, the window, delayed ACKs), {@code Congestion} (the shared state machine) with
 * {@code CongestionAlgorithm}, {@code Cubic} and {@code Reno}, {@code Scoreboard} and {@code SackBlocks}
 * (the sender's SACK state), {@code RttEstimator},
 * {@code Timers}, {@code Closing}, {@code Waiters} (blocked calls), {@code Segments} and
 * {@code TcpTrace}.
 *
 * <p>The transitions {@code TcpSocket.transitionTo} allows ({@code TcpState.mayBecome}; RFC 9293 figure 5),
 * besides CLOSED, which every state may reach (reset, timeout, abort):
 *
 * <pre>
 * CLOSED       -> LISTEN (listen), SYN-SENT (connect)
 * LISTEN       -> SYN-RECEIVED (a SYN: the listener's child, a copy of its TCB)
 * SYN-SENT     -> ESTABLISHED (SYN-ACK), SYN-RECEIVED (simultaneous open)
 * SYN-RECEIVED -> ESTABLISHED (ACK of our SYN), FIN-WAIT-1 (close), CLOSE-WAIT (peer's FIN)
 * ESTABLISHED  -> FIN-WAIT-1 (close), CLOSE-WAIT (peer's FIN)
 * FIN-WAIT-1   -> FIN-WAIT-2 (our FIN acked), CLOSING (peer's FIN), TIME-WAIT (both)
 * FIN-WAIT-2   -> TIME-WAIT (peer's FIN)
 * CLOSING      -> TIME-WAIT (our FIN acked)
 * CLOSE-WAIT   -> LAST-ACK (close)
 * LAST-ACK, TIME-WAIT: only CLOSED
 * </pre>
 *
 * <p>May import {@code sim}, {@code wire}, {@code trace}, {@code net} and {@code transport};
 * never {@code transport.udp}.
 */
package org.stacklab.transport.tcp;
