package org.stacklab.net.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.stacklab.net.Host;
import org.stacklab.net.Network;
import org.stacklab.net.filter.FilterRule.Action;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.Transport;
import org.stacklab.wire.UdpDatagram;

/**
 * For any set of flows through a NAT: no two flows share a translated 5-tuple, and every reply
 * to a translated packet comes back translated to exactly the flow that caused it.
 */
class NatProperties {
    private static final int[] PORTS = {1, 500, 511, 550, 700, 1023, 5000, 40000};
    private static final Ipv4Address PUBLIC = Ipv4Address.parse("203.0.113.1");

    @Property(tries = 300)
    void repliesReturnToTheirFlowAndTranslatedTuplesAreUnique(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> flows,
            @ForAll boolean range, @ForAll long seed) {
        Network net = new Network(new Simulator(seed), Tracer.off());
        Host router = net.addHost("home", List.of(Ipv4Address.parse("192.168.1.1"), PUBLIC), true);
        NatRule.Snat rule = range
                ? new NatRule.Snat(Cidr.parse("192.168.1.0/24"), PUBLIC, 40000, 40007, false)
                : new NatRule.Snat(Cidr.parse("192.168.1.0/24"), PUBLIC, 0, 0, true);
        Netfilter nf = Netfilter.install(router, new FilterConfig(List.of(rule), Action.ACCEPT, Action.ACCEPT,
                Action.ACCEPT, List.of()));
        Map<Tuple, Tuple> translated = new LinkedHashMap<>();
        Map<Tuple, Tuple> owner = new HashMap<>();
        for (int code : flows) {
            Tuple orig = flow(code);
            if (translated.containsKey(orig)) {
                continue; // a later packet of the same flow
            }
            IpPacket out = pass(nf, packet(orig, false));
            if (out == null) {
                assertTrue(range, "only a port range runs out");
                continue;
            }
            Tuple t = Tuple.of(out);
            assertEquals(orig.destination(), t.destination(), "SNAT never touches the destination");
            assertEquals(PUBLIC, t.src());
            Tuple before = owner.put(t, orig);
            assertTrue(before == null, orig + " and " + before + " share " + t);
            translated.put(orig, t);
        }
        for (Map.Entry<Tuple, Tuple> e : translated.entrySet()) {
            IpPacket back = pass(nf, packet(e.getValue().invert(), true));
            assertNotNull(back, "the reply to " + e.getKey());
            assertEquals(e.getKey().invert(), Tuple.of(back), "a reply goes back to the flow that caused it");
        }
        Set<Tuple> replies = new HashSet<>();
        for (TraceRowCheck c : rows(nf)) {
            assertTrue(replies.add(c.reply), "two entries with one reply tuple");
        }
    }

    private record TraceRowCheck(Tuple reply) {}

    private static List<TraceRowCheck> rows(Netfilter nf) {
        List<TraceRowCheck> out = new ArrayList<>();
        nf.table().rows().forEach(r -> out.add(new TraceRowCheck(new Tuple(Protocol.valueOf(r.proto().toUpperCase(
                java.util.Locale.ROOT)), Tuple.v4(r.replySrc()), r.replySrc().port(), Tuple.v4(r.replyDst()), r.replyDst().port()))));
        return out;
    }

    /** A flow from one of 4 LAN hosts and 8 ports to one of 2 servers and 2 ports, TCP or UDP. */
    private static Tuple flow(int code) {
        int lan = code % 4;
        int port = PORTS[(code / 4) % PORTS.length];
        int server = (code / 32) % 2;
        int dport = 7 + (code / 64) % 2;
        Protocol proto = (code / 128) % 2 == 0 ? Protocol.UDP : Protocol.TCP;
        return new Tuple(proto, Ipv4Address.parse("192.168.1.1" + lan), port, Ipv4Address.parse("203.0.113.1" + server),
                dport);
    }

    private static IpPacket packet(Tuple t, boolean reply) {
        Transport tr = t.proto() == Protocol.UDP ? new UdpDatagram(t.sport(), t.dport(), Bytes.EMPTY)
                : new TcpSegment(t.sport(), t.dport(), 1, reply ? 2 : 0, reply ? TcpFlags.SYN | TcpFlags.ACK : TcpFlags.SYN,
                        65535, 0, Bytes.EMPTY);
        return new IpPacket(t.src(), t.dst(), 64, 1, tr);
    }

    /** Prerouting, then forward (filter and postrouting), as Host.receive runs them for a routed packet. */
    private static IpPacket pass(Netfilter nf, IpPacket p) {
        IpPacket q = nf.prerouting(p);
        return q == null ? null : nf.forward(q);
    }
}
