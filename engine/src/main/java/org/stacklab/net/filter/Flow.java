package org.stacklab.net.filter;

import org.stacklab.sim.SimTime;
import org.stacklab.wire.Protocol;

/**
 * One conntrack entry: the original tuple (its first packet as it arrived), the reply tuple (how
 * replies arrive, after NAT), which translations it carries, and the TCP state and timeout as
 * {@code nf_conntrack_tcp} / {@code nf_conntrack_proto_udp} keep them.
 */
public final class Flow {
    /** Linux's nf_conntrack TCP states (the names conntrack -L prints). */
    enum TcpCt {
        SYN_SENT(120), SYN_RECV(60), ESTABLISHED(432_000), FIN_WAIT(120), CLOSE_WAIT(60), LAST_ACK(30),
        TIME_WAIT(120), CLOSE(10);

        final long timeoutNs;

        TcpCt(long seconds) {
            this.timeoutNs = seconds * SimTime.S;
        }
    }

    /**
     * UDP (nf_conntrack_udp_packet): 30 s (nf_conntrack_udp_timeout), and once a reply was seen
     * and a packet comes more than 2 s after the first (stream_ts), 120 s and assured
     * (nf_conntrack_udp_timeout_stream).
     */
    static final long UDP_UNREPLIED = 30 * SimTime.S;
    static final long UDP_REPLIED = 120 * SimTime.S;
    static final long UDP_STREAM_AFTER = 2 * SimTime.S;

    final long id;
    final Tuple orig;
    Tuple reply;
    boolean snat;
    boolean dnat;
    boolean seenReply;
    boolean assured;
    boolean confirmed;
    TcpCt tcp;
    /** FIN seen in each direction (orig, reply). */
    boolean finOrig;
    boolean finReply;
    long expires;
    long firstSeen = -1;

    Flow(long id, Tuple orig) {
        this.id = id;
        this.orig = orig;
        this.reply = orig.invert();
    }

    Protocol proto() {
        return orig.proto();
    }

    /** The tuple a packet going in {@code replyDir} must carry once translated. */
    Tuple target(boolean replyDir) {
        return replyDir ? orig.invert() : reply.invert();
    }

    long timeoutNs() {
        if (proto() == Protocol.TCP) {
            return tcp.timeoutNs;
        }
        return assured ? UDP_REPLIED : UDP_UNREPLIED;
    }
}
