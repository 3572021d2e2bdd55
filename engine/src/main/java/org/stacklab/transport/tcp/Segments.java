package org.stacklab.transport.tcp;

import org.stacklab.net.Host;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpOptions;
import org.stacklab.wire.TcpSegment;

/** Building and sending a connection's segments: every ACK carries RCV.NXT and the window it advertises. */
final class Segments {
    private Segments() {}

    /**
     * Sends one segment of connection {@code s}. With ACK set it acknowledges RCV.NXT, which
     * settles any pending or delayed ACK; {@code synOptions} gives a SYN or SYN-ACK the
     * handshake's options (MSS, sackOK, TS, wscale: RFC 9293 3.7.1, RFC 7323, RFC 2018); other
     * segments carry timestamps when agreed. {@code again} marks a retransmission in the trace.
     */
    static void transmit(TcpSocket s, long seq, int flags, Bytes data, boolean synOptions, boolean again) {
        long ack = 0;
        int window;
        long now = s.now();
        TcpOptions options = TcpOptions.NONE;
        boolean syn = (flags & TcpFlags.SYN) != 0;
        if ((flags & TcpFlags.RST) != 0) {
            window = 0;
            ack = (flags & TcpFlags.ACK) != 0 ? s.rcv.rcvNxt() : 0;
            options = s.opts.forSegment(now); // tcp_send_active_reset goes through tcp_transmit_skb: TS too
        } else if (syn) {
            // RFC 7323 2.2: a SYN's window is never scaled; Linux rounds it down to the MSS.
            window = s.rcv.synWindow();
            boolean synAck = (flags & TcpFlags.ACK) != 0;
            options = synAck ? s.opts.forSynAck(now) : s.opts.forSyn(now);
            if (synAck) {
                ack = s.rcv.rcvNxt();
                s.rcv.advertiseSyn();
                s.acknowledged();
            }
        } else if ((flags & TcpFlags.ACK) != 0) {
            ack = s.rcv.rcvNxt();
            window = s.rcv.advertise();
            options = s.opts.forSegment(now).withSack(s.rcv.sackBlocks());
            s.acknowledged();
        } else {
            window = s.rcv.window() >> s.opts.rcvWscale;
            options = s.opts.forSegment(now);
        }
        if (!data.isEmpty()) {
            s.rcv.dataSent(now);
        }
        TcpSegment seg = new TcpSegment(s.localPort(), s.peerPort, seq, ack, flags, window,
                synOptions || !syn ? options : TcpOptions.NONE, data);
        Host h = s.host();
        h.send(new IpPacket(s.localIp(), s.peerIp, IpPacket.DEFAULT_TTL, h.nextIpId(), seg), again);
    }

    /** A bare ACK: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (RFC 9293 3.10.7.4). */
    static void sendAck(TcpSocket s) {
        transmit(s, s.snd.sndNxt(), TcpFlags.ACK, Bytes.EMPTY, false, false);
    }

    /**
     * The reset that answers {@code seg} (RFC 9293 3.10.7.1): with an ACK, <SEQ=SEG.ACK><CTL=RST>;
     * without, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. Sent from {@code src} to {@code dst}.
     */
    static IpPacket resetFor(Host host, IpAddress src, IpAddress dst, TcpSegment seg) {
        TcpSegment rst;
        if (seg.has(TcpFlags.ACK)) {
            rst = new TcpSegment(seg.dstPort(), seg.srcPort(), seg.ack(), 0, TcpFlags.RST, 0, 0, Bytes.EMPTY);
        } else {
            long ack = Seq.add(seg.seq(), seg.sequenceLength());
            rst = new TcpSegment(seg.dstPort(), seg.srcPort(), 0, ack, TcpFlags.RST | TcpFlags.ACK, 0, 0, Bytes.EMPTY);
        }
        return new IpPacket(src, dst, IpPacket.DEFAULT_TTL, host.nextIpId(), rst);
    }
}
