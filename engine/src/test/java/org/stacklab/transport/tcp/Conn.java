package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * A connection under test over a {@link RawPeer}, and where both sequence spaces stand: builders
 * for each RFC 9293 state, each reached by the real exchange of segments.
 */
final class Conn {
    final RawPeer w;
    TcpSocket sock;
    /** The next sequence number the socket will send (what the peer acknowledges). */
    long localNxt;
    /** The peer's next sequence number. */
    long peerNxt = RawPeer.PEER_ISS + 1;
    final TwoHosts.Result<Void> connected = new TwoHosts.Result<>();

    private Conn(RawPeer w) {
        this.w = w;
    }

    /** A segment from the peer at its next sequence number acknowledging everything we sent. */
    Seg ack() {
        return Seg.ack(peerNxt, localNxt);
    }

    /** The peer sends {@code text} in order. */
    void peerSends(String text) {
        w.inject(ack().withData(text).plus(TcpFlags.PSH));
        peerNxt += text.length();
    }

    static Conn listening(RawPeer w, int backlog) {
        Conn c = new Conn(w);
        c.sock = w.listener(backlog);
        return c;
    }

    /** A SYN reached a listener: the child, in SYN-RECEIVED, has answered with a SYN-ACK. */
    static Conn synReceived(RawPeer w) {
        Conn c = listening(w, 16);
        w.inject(Seg.syn(RawPeer.PEER_ISS));
        TcpSegment synAck = w.reply();
        c.sock = w.connection(RawPeer.PEER_PORT);
        c.localNxt = synAck.seq() + 1;
        return c;
    }

    static Conn passiveEstablished(RawPeer w) {
        Conn c = synReceived(w);
        w.inject(c.ack());
        assertEquals(TcpState.ESTABLISHED, c.sock.state());
        return c;
    }

    /** connect() sent its SYN from 10.0.0.1:80 to the peer. */
    static Conn synSent(RawPeer w) {
        Conn c = new Conn(w);
        c.sock = w.socket();
        RawPeer.ok(c.sock.bind(new Endpoint(RawPeer.LOCAL_IP, RawPeer.LOCAL_PORT)));
        w.mark();
        c.sock.connect(new Endpoint(RawPeer.PEER_IP, RawPeer.PEER_PORT), -1, c.connected.completion(w.sim));
        w.advance(RawPeer.RTT);
        c.localNxt = w.reply().seq() + 1;
        return c;
    }

    static Conn established(RawPeer w) {
        return established(w, RawPeer.PEER_ISS);
    }

    /** Established, with the congestion control {@code congestion} (cubic, newreno, reno) on our side. */
    static Conn established(RawPeer w, String congestion) {
        return established(w, RawPeer.PEER_ISS, congestion);
    }

    /** Established with the peer's initial sequence number {@code peerIss}. */
    static Conn established(RawPeer w, long peerIss) {
        return established(w, peerIss, "cubic");
    }

    private static Conn established(RawPeer w, long peerIss, String congestion) {
        Conn c = synSent(w);
        c.sock.snd.congestion = congestion;
        c.peerNxt = (peerIss + 1) & 0xFFFFFFFFL;
        w.inject(Seg.syn(peerIss).withAck(c.localNxt));
        assertEquals(TcpState.ESTABLISHED, c.sock.state());
        return c;
    }

    /** The application closed: the FIN is out. */
    static Conn finWait1(RawPeer w) {
        Conn c = established(w);
        c.closeAndExpectFin();
        return c;
    }

    static Conn finWait2(RawPeer w) {
        Conn c = finWait1(w);
        w.inject(c.ack());
        assertEquals(TcpState.FIN_WAIT_2, c.sock.state());
        return c;
    }

    static Conn closeWait(RawPeer w) {
        Conn c = established(w);
        c.peerFin();
        assertEquals(TcpState.CLOSE_WAIT, c.sock.state());
        return c;
    }

    static Conn lastAck(RawPeer w) {
        Conn c = closeWait(w);
        c.closeAndExpectFin();
        assertEquals(TcpState.LAST_ACK, c.sock.state());
        return c;
    }

    /** Both sides closed at once: the peer's FIN crossed ours. */
    static Conn closing(RawPeer w) {
        Conn c = finWait1(w);
        w.inject(Seg.ack(c.peerNxt, c.localNxt - 1).plus(TcpFlags.FIN));
        c.peerNxt++;
        assertEquals(TcpState.CLOSING, c.sock.state());
        return c;
    }

    static Conn timeWait(RawPeer w) {
        Conn c = finWait2(w);
        c.peerFin();
        assertEquals(TcpState.TIME_WAIT, c.sock.state());
        return c;
    }

    void peerFin() {
        w.inject(ack().plus(TcpFlags.FIN));
        peerNxt++;
    }

    void closeAndExpectFin() {
        w.mark();
        sock.close();
        w.advance(RawPeer.RTT);
        TcpSegment fin = w.reply();
        assertEquals(TcpFlags.FIN | TcpFlags.ACK, fin.flags() & (TcpFlags.FIN | TcpFlags.ACK));
        localNxt = fin.seq() + fin.sequenceLength();
    }

    /** The application sends {@code text}; returns the segments that went out within a round trip. */
    java.util.List<TcpSegment> appSends(String text) {
        w.mark();
        sock.send(Bytes.of(text), (e, n) -> assertEquals(null, e));
        w.advance(RawPeer.RTT);
        return w.replies();
    }
}
