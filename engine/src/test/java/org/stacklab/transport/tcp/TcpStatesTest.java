package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.wire.TcpFlags.ACK;
import static org.stacklab.wire.TcpFlags.RST;
import static org.stacklab.wire.TcpFlags.SYN;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.SimTime;
import org.stacklab.transport.SocketError;
import org.stacklab.transport.TcpConfig;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.TcpOptions;
import org.stacklab.wire.TcpSegment;

/**
 * RFC 9293 section 3.10.7 for the states before and at the handshake: a socket already in the
 * state, one segment from the peer, then the reply and the new state (smoltcp's layout: a
 * fixture per state, a segment template changed only where it matters). The data and closing
 * states are in {@link TcpDataStatesTest} and {@link TcpClosingStatesTest}.
 */
class TcpStatesTest {
    RawPeer w;

    @BeforeEach
    void wire() {
        w = new RawPeer();
    }

    @Nested
    class InListen {
        Conn c;

        @BeforeEach
        void listen() {
            c = Conn.listening(w, 16);
        }

        @Test
        void synIsAnsweredWithSynAckCarryingOurMss() {
            w.inject(Seg.syn(RawPeer.PEER_ISS));
            TcpSegment r = w.reply();
            assertEquals(SYN | ACK, r.flags());
            assertEquals(RawPeer.PEER_ISS + 1, r.ack());
            assertEquals(1460, r.mss());
            // Linux: 65535 rounded down to whole segments (45 x 1448 = 65160 with timestamps); this
            // peer offered no timestamps, so 44 x 1460; nor sackOK or wscale, so none come back (RFC 7323 2.2)
            assertEquals(64240, r.window());
            assertEquals(TcpOptions.mssOnly(1460), r.options());
            assertEquals(TcpState.SYN_RECEIVED, w.connection(RawPeer.PEER_PORT).state());
            assertEquals(TcpState.LISTEN, c.sock.state());
        }

        @Test
        void rstIsIgnored() {
            w.inject(Seg.syn(5).withFlags(RST));
            w.noReply();
            assertEquals(1, w.drops("not-acceptable"));
        }

        @Test
        void ackIsAnsweredWithRstAtItsAckNumber() {
            w.inject(Seg.ack(5, 777));
            TcpSegment r = w.reply();
            assertEquals(RST, r.flags());
            assertEquals(777, r.seq());
        }

        @Test
        void synToAFullAcceptQueueIsDroppedSilentlyUntilAcceptMakesRoom() {
            c.sock.listen(0); // G1: only the backlog changes; G2: backlog 0 holds one connection
            w.inject(Seg.syn(RawPeer.PEER_ISS));
            w.inject(Seg.ack(RawPeer.PEER_ISS + 1, w.reply().seq() + 1));
            assertEquals(1, c.sock.recvQueue());
            w.injectFrom(6000, Seg.syn(9000));
            w.noReply();
            assertEquals(1, w.drops("backlog-full"));
            TwoHosts.Result<TcpSocket> accepted = new TwoHosts.Result<>();
            c.sock.accept(-1, accepted.completion(w.sim));
            assertEquals(RawPeer.PEER_PORT, accepted.value.remote().port());
            w.injectFrom(6000, Seg.syn(9000)); // the client's retransmission
            assertEquals(SYN | ACK, w.reply().flags());
        }
    }

    @Nested
    class InSynReceived {
        Conn c;

        @BeforeEach
        void handshake() {
            c = Conn.synReceived(w);
        }

        @Test
        void ackEstablishesAndQueuesTheConnectionForAccept() {
            TcpSocket listener = w.stack.sockets().get(0) instanceof TcpSocket t ? t : null;
            w.inject(c.ack());
            w.noReply();
            assertEquals(TcpState.ESTABLISHED, c.sock.state());
            assertEquals(1, listener.recvQueue());
            TwoHosts.Result<TcpSocket> accepted = new TwoHosts.Result<>();
            listener.accept(-1, accepted.completion(w.sim));
            assertEquals(c.sock, accepted.value);
            assertEquals(new Endpoint(RawPeer.LOCAL_IP, 80), accepted.value.local());
        }

        @Test
        void repeatedSynIsAnsweredWithTheSameSynAck() {
            w.inject(Seg.syn(RawPeer.PEER_ISS));
            TcpSegment r = w.reply();
            assertEquals(SYN | ACK, r.flags());
            assertEquals(c.localNxt - 1, r.seq());
            assertEquals(TcpState.SYN_RECEIVED, c.sock.state());
        }

        @Test
        void rstMakesTheChildVanishWhileTheListenerStays() {
            w.inject(Seg.ack(c.peerNxt, 0).withFlags(RST));
            w.noReply();
            assertEquals(TcpState.CLOSED, c.sock.state());
            assertNull(w.connection(RawPeer.PEER_PORT));
            w.inject(Seg.syn(5000));
            assertEquals(SYN | ACK, w.reply().flags());
        }

        @Test
        void unacceptableAckIsAnsweredWithRst() {
            w.inject(Seg.ack(c.peerNxt, c.localNxt + 100));
            TcpSegment r = w.reply();
            assertEquals(RST, r.flags());
            assertEquals(c.localNxt + 100, r.seq());
            assertEquals(TcpState.SYN_RECEIVED, c.sock.state());
        }

        @Test
        void unansweredSynAckIsRepeatedFiveTimesThenTheChildVanishesQuietly() {
            w.mark();
            w.advance(62 * SimTime.S);
            assertEquals(5, w.replies().size()); // at 1, 3, 7, 15, 31 s: tcp_synack_retries = 5
            assertEquals(TcpState.SYN_RECEIVED, c.sock.state());
            w.advance(2 * SimTime.S);
            assertEquals(TcpState.CLOSED, c.sock.state());
            assertEquals(5, w.replies().size()); // no RST
        }
    }

    @Nested
    class InSynSent {
        Conn c;

        @BeforeEach
        void connect() {
            c = Conn.synSent(w);
        }

        @Test
        void synCarriesOurMssAndTheFullWindow() {
            TcpSegment syn = w.captured.get(0);
            assertEquals(SYN, syn.flags());
            // Linux 6.18's SYN: win 64240 (44 x 1460), options [mss 1460,sackOK,TS val ecr 0,nop,wscale 7]
            assertEquals(64240, syn.window());
            assertEquals(new TcpOptions(1460, true, true, syn.options().tsVal(), 0, 7, List.of()), syn.options());
            assertEquals(20, syn.options().length());
        }

        @Test
        void synAckEstablishesAndIsAcknowledged() {
            w.inject(Seg.syn(RawPeer.PEER_ISS).withAck(c.localNxt));
            TcpSegment r = w.reply();
            assertEquals(ACK, r.flags());
            assertEquals(c.localNxt, r.seq());
            assertEquals(RawPeer.PEER_ISS + 1, r.ack());
            assertEquals(TcpState.ESTABLISHED, c.sock.state());
            assertTrue(c.connected.done);
            assertNull(c.connected.error);
        }

        @Test
        void rstWithAnAcceptableAckRefusesTheConnection() {
            w.inject(Seg.ack(0, c.localNxt).withFlags(RST | ACK));
            w.noReply();
            assertEquals(TcpState.CLOSED, c.sock.state());
            assertEquals(SocketError.ECONNREFUSED, c.connected.error);
        }

        @Test
        void rstWithAnUnacceptableAckIsIgnored() {
            w.inject(Seg.ack(0, c.localNxt + 5).withFlags(RST | ACK));
            w.noReply();
            assertEquals(TcpState.SYN_SENT, c.sock.state());
        }

        @Test
        void unacceptableAckIsAnsweredWithRstAndTheSynGoesAgainAtOnce() {
            w.inject(Seg.ack(RawPeer.PEER_ISS, c.localNxt + 10));
            assertEquals(RST, w.reply().flags());
            assertEquals(c.localNxt + 10, w.reply().seq());
            w.mark();
            w.advance(5 * SimTime.MS); // TCP_TIMEOUT_MIN, not the 1 s SYN timer
            assertEquals(SYN, w.reply().flags());
        }

        @Test
        void aSynAloneIsASimultaneousOpen() {
            w.inject(Seg.syn(RawPeer.PEER_ISS));
            TcpSegment r = w.reply();
            assertEquals(SYN | ACK, r.flags());
            assertEquals(c.localNxt - 1, r.seq());
            assertEquals(TcpState.SYN_RECEIVED, c.sock.state());
            w.inject(Seg.syn(RawPeer.PEER_ISS).withAck(c.localNxt));
            assertEquals(TcpState.SYN_RECEIVED, c.sock.state()); // the crossing SYN-ACK is old: answered with an ACK
            w.inject(c.ack());
            assertEquals(TcpState.ESTABLISHED, c.sock.state());
            assertNull(c.connected.error);
            assertTrue(c.connected.done);
        }

        @Test
        void synIsRepeatedWithLinuxsLinearTimeoutsFirstThenConnectTimesOutAt131Seconds() {
            // tcp_syn_retries 6 + tcp_syn_linear_timeouts 4: five 1 s timeouts, then doubling (SCENARIO-FORMAT second wave)
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 135_000; i++) {
                int before = w.captured.size();
                w.advance(SimTime.MS);
                if (w.captured.size() > before) {
                    sent.add(w.sim.now() / SimTime.S);
                }
            }
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L, 11L, 19L, 35L, 67L), sent);
            assertEquals(SocketError.ETIMEDOUT, c.connected.error);
            assertEquals(131, c.connected.at / SimTime.S);
        }

        @Test
        void synIsRepeatedAtOneSecondDoublingThenConnectTimesOutAt127Seconds() {
            w = new RawPeer();
            w.stack.configureTcp(TcpConfig.LINUX.withSynLinearTimeouts(0));
            c = Conn.synSent(w);
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 130_000; i++) {
                int before = w.captured.size();
                w.advance(SimTime.MS);
                if (w.captured.size() > before) {
                    sent.add(w.sim.now() / SimTime.S);
                }
            }
            assertEquals(List.of(1L, 3L, 7L, 15L, 31L, 63L), sent);
            assertEquals(SocketError.ETIMEDOUT, c.connected.error);
            assertEquals(127, c.connected.at / SimTime.S);
        }
    }
}
