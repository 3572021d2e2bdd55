package org.stacklab.net.filter;

import java.util.List;
import org.stacklab.net.DropReason;
import org.stacklab.net.Host;
import org.stacklab.net.filter.FilterRule.Action;
import org.stacklab.net.filter.FilterRule.Chain;
import org.stacklab.net.filter.FilterRule.CtState;
import org.stacklab.net.filter.FilterRule.RejectWith;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;

/**
 * The filter table: each chain's rules in order, first match wins, else the chain's policy
 * (NF13); {@code reject} answers as nftables does (NF14, NF16) and, like {@code drop}, ends the
 * packet with reason {@code firewall} naming the rule.
 */
final class Firewall {
    private final Host host;
    private final FilterConfig cfg;

    Firewall(Host host, FilterConfig cfg) {
        this.host = host;
        this.cfg = cfg;
    }

    /** True when {@code p} may go on; otherwise it has been dropped (and answered, for reject). */
    boolean pass(Chain chain, IpPacket p, CtState state) {
        List<FilterRule> rules = cfg.rules();
        for (FilterRule r : rules) {
            if (r.chain() == chain && matches(r, p, state)) {
                if (r.action() == Action.ACCEPT) {
                    return true;
                }
                host.drop(p, DropReason.FIREWALL, r.describe() + (r.action() == Action.REJECT ? ": " + answer(r) : ""));
                if (r.action() == Action.REJECT) {
                    reject(p, r.rejectWith());
                }
                return false;
            }
        }
        if (cfg.policy(chain) == Action.DROP) {
            host.drop(p, DropReason.FIREWALL, "policy drop (" + chain.label() + ": no rule matched)");
            return false;
        }
        return true;
    }

    static boolean matches(FilterRule r, IpPacket p, CtState state) {
        if (r.proto() != null && r.proto() != p.protocol()) {
            return false;
        }
        if (r.src() != null && !r.src().contains(p.src())) {
            return false;
        }
        if (r.dst() != null && !r.dst().contains(p.dst())) {
            return false;
        }
        boolean ports = p.protocol() != Protocol.ICMP;
        if (r.sportLo() > 0 && !(ports && within(p.transport().srcPort(), r.sportLo(), r.sportHi()))) {
            return false;
        }
        if (r.dportLo() > 0 && !(ports && within(p.transport().dstPort(), r.dportLo(), r.dportHi()))) {
            return false;
        }
        return r.states() == null || r.states().isEmpty() || (state != null && r.states().contains(state));
    }

    private static boolean within(int port, int lo, int hi) {
        return port >= lo && port <= hi;
    }

    private static String answer(FilterRule r) {
        RejectWith w = r.rejectWith();
        return "answered with " + (w == null ? "icmp-port-unreachable (plain reject)" : w.label());
    }

    /** nf_send_reset for {@code tcp-reset} on TCP, else nf_send_unreach with the ICMP code (K-REJECT). */
    private void reject(IpPacket p, RejectWith with) {
        if (with == RejectWith.TCP_RESET && p.transport() instanceof TcpSegment seg) {
            if (seg.has(TcpFlags.RST)) {
                return;
            }
            TcpSegment rst;
            if (seg.has(TcpFlags.ACK)) {
                rst = new TcpSegment(seg.dstPort(), seg.srcPort(), seg.ack(), 0, TcpFlags.RST, 0, 0, Bytes.EMPTY);
            } else {
                long ack = (seg.seq() + seg.sequenceLength()) & 0xFFFFFFFFL;
                rst = new TcpSegment(seg.dstPort(), seg.srcPort(), 0, ack, TcpFlags.RST | TcpFlags.ACK, 0, 0, Bytes.EMPTY);
            }
            // The reset comes from the packet's destination, even on a router (it impersonates the server, NF16).
            host.send(new IpPacket(p.dst(), p.src(), IpPacket.DEFAULT_TTL, host.nextIpId(), rst));
            return;
        }
        if (p.protocol() == Protocol.ICMP) {
            return; // never an ICMP error about an ICMP packet
        }
        int code = with == null || with == RejectWith.TCP_RESET ? IcmpMessage.CODE_PORT_UNREACHABLE : with.code();
        Ipv4Address src = host.isLocal(p.dst()) ? p.dst4() : toward(p.src4());
        host.send(new IpPacket(src, p.src(), IpPacket.DEFAULT_TTL, host.nextIpId(),
                new IcmpMessage(IcmpMessage.DEST_UNREACHABLE, code, p)));
    }

    /** The host's address nearest {@code dst} (longest common prefix): its address on that side. */
    private Ipv4Address toward(Ipv4Address dst) {
        Ipv4Address best = null;
        int bestLen = -1;
        for (org.stacklab.wire.IpAddress any : host.addresses()) {
            if (!(any instanceof Ipv4Address a)) {
                continue;
            }
            int len = Integer.numberOfLeadingZeros(a.bits() ^ dst.bits());
            if (len > bestLen) {
                best = a;
                bestLen = len;
            }
        }
        return best == null ? dst : best;
    }
}
