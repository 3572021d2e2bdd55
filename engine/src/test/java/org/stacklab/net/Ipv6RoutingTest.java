package org.stacklab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv6Address;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.UdpDatagram;

/** IPv6 over the same links and routes as IPv4 (RFC 8200): dual-stack hosts, hop limit, ICMPv6 time exceeded. */
class Ipv6RoutingTest {
    private final Simulator sim = new Simulator(1);
    private final Tracer tracer = new Tracer();
    private final List<TraceEvent> events = new ArrayList<>();
    private final Network net = new Network(sim, tracer);
    private final Host a;
    private final Host r;
    private final Host b;

    Ipv6RoutingTest() {
        tracer.add(events::add);
        a = net.addHost("a", ips("10.0.0.1", "2001:db8::1"), false);
        r = net.addHost("r", ips("10.0.0.254", "2001:db8::fe"), true);
        b = net.addHost("b", ips("2001:db8:1::1", "10.0.1.1"), false);
        net.link(a, r, new LinkConfig(1000, 1_000_000_000, 0, 10));
        net.link(r, b, new LinkConfig(1000, 1_000_000_000, 0, 10));
    }

    private static List<IpAddress> ips(String... texts) {
        List<IpAddress> out = new ArrayList<>();
        for (String t : texts) {
            out.add(IpAddress.parse(t));
        }
        return out;
    }

    private static IpPacket udp6(String src, String dst, int hopLimit) {
        return new IpPacket(Ipv6Address.parse(src), Ipv6Address.parse(dst), hopLimit, 0,
                new UdpDatagram(1000, 2000, Bytes.generated(10)));
    }

    private static List<IpPacket> sink(Host h) {
        List<IpPacket> got = new ArrayList<>();
        ProtocolHandler handler = (host, p) -> {
            got.add(p);
            host.delivered(p, null);
        };
        h.register(Protocol.UDP, handler);
        h.register(Protocol.ICMP, handler);
        h.register(Protocol.ICMPV6, handler);
        return got;
    }

    @Test
    void aRouterForwardsIpv6AndDecrementsTheHopLimit() {
        List<IpPacket> atB = sink(b);
        assertTrue(a.send(udp6("2001:db8::1", "2001:db8:1::1", 64)));
        sim.run();
        assertEquals(1, atB.size());
        assertEquals(63, atB.get(0).ttl(), "one router, one hop");
        assertTrue(events.stream().anyMatch(e -> e.kind().equals("forward") && e.host().equals("r")));
    }

    @Test
    void hopLimitExpiryAnswersWithIcmpv6TimeExceededFromTheRoutersIpv6Address() {
        List<IpPacket> atA = sink(a);
        IpPacket p = udp6("2001:db8::1", "2001:db8:1::1", 1);
        a.send(p);
        sim.run();
        assertEquals(1, net.stats().dropped(DropReason.TTL));
        assertEquals(1, atA.size());
        IpPacket back = atA.get(0);
        assertEquals(Ipv6Address.parse("2001:db8::fe"), back.src(), "the router's first IPv6 address");
        IcmpMessage m = (IcmpMessage) back.transport();
        assertEquals(Protocol.ICMPV6, m.protocol());
        assertEquals(IcmpMessage.V6_TIME_EXCEEDED, m.type());
        assertEquals(IcmpMessage.V6_CODE_HOP_LIMIT_EXCEEDED, m.code());
        assertSame(p, m.quoted());
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.PacketEvent pe && pe.detail() != null
                && pe.detail().equals("hop limit expired at r")));
    }

    @Test
    void bothFamiliesShareTheLinksAndEachPicksItsOwnSource() {
        assertEquals(Ipv6Address.parse("2001:db8::1"), a.sourceFor(IpAddress.parse("2001:db8:1::1")));
        assertEquals(Ipv4Address.parse("10.0.0.1"), a.sourceFor(IpAddress.parse("10.0.1.1")));
        assertEquals(Ipv4Address.parse("10.0.1.1"), b.sourceFor(Ipv4Address.parse("10.0.0.1")),
                "the first IPv4 address, though an IPv6 one is listed first");
        assertEquals(Ipv6Address.LOOPBACK, a.sourceFor(IpAddress.parse("::1")));
        assertEquals(IpAddress.parse("::ffff:10.0.0.1"), a.sourceFor(IpAddress.parse("::ffff:10.0.1.1")),
                "a v4-mapped destination gets the mapped IPv4 source");
        assertNull(a.sourceFor(IpAddress.parse("2001:db8:9::9")), "nobody owns it: no route");
        assertTrue(a.isLocal(IpAddress.parse("::1")));
        assertTrue(a.isLocal(IpAddress.parse("::ffff:10.0.0.1")));
        assertFalse(a.isLocal(IpAddress.parse("2001:db8::fe")));
        assertSame(b, net.hostOf(IpAddress.parse("2001:db8:1::1")));
        List<IpPacket> atB = sink(b);
        a.send(new IpPacket(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.1.1"), 64, 1,
                new UdpDatagram(1, 2, Bytes.EMPTY)));
        a.send(udp6("2001:db8::1", "2001:db8:1::1", 64));
        sim.run();
        assertEquals(2, atB.size());
    }

    @Test
    void aHostWithoutIpv6HasNoIpv6Source() {
        Host c = net.addHost("c", ips("10.0.2.1"), false);
        net.link(c, r, new LinkConfig(1000, 1_000_000_000, 0, 10));
        assertNull(c.sourceFor(IpAddress.parse("2001:db8:1::1")));
        assertTrue(c.canReach(IpAddress.parse("2001:db8:1::1")), "a route exists; only the source is missing");
    }

    @Test
    void anAddressBelongsToOneHostAndNeverTheLoopbackOrAMappedOne() {
        assertThrows(IllegalArgumentException.class, () -> net.addHost("d", ips("2001:db8::1"), false));
        assertThrows(IllegalArgumentException.class, () -> net.addHost("d", ips("::1"), false));
        assertThrows(IllegalArgumentException.class, () -> net.addHost("d", ips("::ffff:10.9.9.9"), false));
    }
}
