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
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.UdpDatagram;

class NetworkTest {
    private final Simulator sim = new Simulator(1);
    private final Tracer tracer = new Tracer();
    private final List<TraceEvent> events = new ArrayList<>();
    private final Network net = new Network(sim, tracer);

    NetworkTest() {
        tracer.add(events::add);
    }

    private static List<Ipv4Address> ip(String a) {
        return List.of(Ipv4Address.parse(a));
    }

    private static IpPacket udp(String src, String dst, int bytes) {
        return new IpPacket(Ipv4Address.parse(src), Ipv4Address.parse(dst), 64, 1,
                new UdpDatagram(1000, 2000, Bytes.generated(bytes)));
    }

    /** Records what arrives for each protocol at a host. */
    private static List<IpPacket> sink(Host h) {
        List<IpPacket> got = new ArrayList<>();
        ProtocolHandler handler = (host, p) -> {
            got.add(p);
            host.delivered(p, null);
        };
        h.register(Protocol.UDP, handler);
        h.register(Protocol.ICMP, handler);
        return got;
    }

    @Test
    void packetArrivesAfterSerializationPlusLatency() {
        Host a = net.addHost("a", ip("10.0.0.1"), false);
        Host b = net.addHost("b", ip("10.0.0.2"), false);
        net.link(a, b, new LinkConfig(1_000_000, 1_000_000_000, 0, 10));
        List<IpPacket> got = sink(b);
        long[] at = {-1};
        b.register(Protocol.UDP, (h, p) -> {
            at[0] = sim.now();
            got.add(p);
            h.delivered(p, null);
        });
        assertTrue(a.send(udp("10.0.0.1", "10.0.0.2", 472))); // 500 bytes on the wire: 4000 ns at 1 Gbps
        sim.run();
        assertEquals(1, got.size());
        assertEquals(1_000_000 + 4_000, at[0]);
    }

    @Test
    void backToBackPacketsQueueBehindEachOther() {
        Host a = net.addHost("a", ip("10.0.0.1"), false);
        Host b = net.addHost("b", ip("10.0.0.2"), false);
        net.link(a, b, new LinkConfig(0, 8_000_000, 0, 10)); // 1 byte per microsecond
        List<Long> times = new ArrayList<>();
        b.register(Protocol.UDP, (h, p) -> {
            times.add(sim.now());
            h.delivered(p, null);
        });
        for (int i = 0; i < 3; i++) {
            a.send(udp("10.0.0.1", "10.0.0.2", 72)); // 100 bytes: 100 us each
        }
        sim.run();
        assertEquals(List.of(100_000L, 200_000L, 300_000L), times);
    }

    @Test
    void fullQueueDropsWithReasonQueueFull() {
        Host a = net.addHost("a", ip("10.0.0.1"), false);
        Host b = net.addHost("b", ip("10.0.0.2"), false);
        net.link(a, b, new LinkConfig(0, 8_000_000, 0, 2));
        List<IpPacket> got = sink(b);
        for (int i = 0; i < 5; i++) {
            a.send(udp("10.0.0.1", "10.0.0.2", 72));
        }
        sim.run();
        // one serializing + two queued get through; two are dropped
        assertEquals(3, got.size());
        assertEquals(2, net.stats().dropped(DropReason.QUEUE_FULL));
        assertEquals(0, net.stats().inFlight());
    }

    @Test
    void lossDropsAboutTheConfiguredShareAndIsReproducible() {
        long[] first = new long[2];
        for (int run = 0; run < 2; run++) {
            Simulator s = new Simulator(99);
            Network n = new Network(s, Tracer.off());
            Host a = n.addHost("a", ip("10.0.0.1"), false);
            Host b = n.addHost("b", ip("10.0.0.2"), false);
            n.link(a, b, new LinkConfig(0, 1_000_000_000, 0.2, 100_000));
            sink(b);
            for (int i = 0; i < 10_000; i++) {
                a.send(udp("10.0.0.1", "10.0.0.2", 10));
            }
            s.run();
            first[run] = n.stats().dropped(DropReason.LOSS);
        }
        assertEquals(first[0], first[1]);
        assertTrue(first[0] > 1800 && first[0] < 2200, "lost " + first[0]);
    }

    @Test
    void routerForwardsAndDecrementsTtl() {
        Host a = net.addHost("a", ip("10.0.0.1"), false);
        Host r = net.addHost("r", ip("10.0.0.254"), true);
        Host b = net.addHost("b", ip("10.0.1.1"), false);
        net.link(a, r, new LinkConfig(1000, 1_000_000_000, 0, 10));
        net.link(r, b, new LinkConfig(1000, 1_000_000_000, 0, 10));
        List<IpPacket> got = sink(b);
        a.send(udp("10.0.0.1", "10.0.1.1", 10));
        sim.run();
        assertEquals(1, got.size());
        assertEquals(63, got.get(0).ttl());
        assertEquals(1, net.stats().forwardedCount());
        assertTrue(events.stream().anyMatch(e -> e.kind().equals("forward") && e.host().equals("r")));
    }

    @Test
    void ttlExpiryDropsAndSendsTimeExceeded() {
        Host a = net.addHost("a", ip("10.0.0.1"), false);
        Host r = net.addHost("r", ip("10.0.0.254"), true);
        Host b = net.addHost("b", ip("10.0.1.1"), false);
        net.link(a, r, new LinkConfig(1000, 1_000_000_000, 0, 10));
        net.link(r, b, new LinkConfig(1000, 1_000_000_000, 0, 10));
        List<IpPacket> atA = sink(a);
        IpPacket p = new IpPacket(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.1.1"), 1, 7,
                new UdpDatagram(1, 2, Bytes.EMPTY));
        a.send(p);
        sim.run();
        assertEquals(1, net.stats().dropped(DropReason.TTL));
        assertEquals(1, atA.size());
        IcmpMessage m = (IcmpMessage) atA.get(0).transport();
        assertEquals(IcmpMessage.TIME_EXCEEDED, m.type());
        assertSame(p, m.quoted());
    }

    @Test
    void nonForwardingHostIsNotATransitPath() {
        Host a = net.addHost("a", ip("10.0.0.1"), false);
        Host mid = net.addHost("mid", ip("10.0.0.2"), false);
        Host b = net.addHost("b", ip("10.0.0.3"), false);
        net.link(a, mid, new LinkConfig(1000, 1_000_000_000, 0, 10));
        net.link(mid, b, new LinkConfig(1000, 1_000_000_000, 0, 10));
        assertNull(net.route(a, Ipv4Address.parse("10.0.0.3")));
        assertFalse(a.send(udp("10.0.0.1", "10.0.0.3", 1)));
        assertEquals(0, net.stats().sent());
    }

    @Test
    void routesFollowTheLowestLatency() {
        Host a = net.addHost("a", ip("10.0.0.1"), false);
        Host slow = net.addHost("slow", ip("10.0.0.2"), true);
        Host fast = net.addHost("fast", ip("10.0.0.3"), true);
        Host b = net.addHost("b", ip("10.0.0.4"), false);
        net.link(a, slow, new LinkConfig(10_000, 1_000_000_000, 0, 10));
        net.link(slow, b, new LinkConfig(10_000, 1_000_000_000, 0, 10));
        net.link(a, fast, new LinkConfig(1_000, 1_000_000_000, 0, 10));
        net.link(fast, b, new LinkConfig(1_000, 1_000_000_000, 0, 10));
        assertSame(fast, net.route(a, Ipv4Address.parse("10.0.0.4")).to());
        assertSame(fast, net.route(b, Ipv4Address.parse("10.0.0.1")).to());
    }

    @Test
    void ownAndLoopbackAddressesAreDeliveredWithoutALink() {
        Host a = net.addHost("a", ip("10.0.0.1"), false);
        List<IpPacket> got = sink(a);
        assertTrue(a.send(udp("10.0.0.1", "10.0.0.1", 1)));
        assertTrue(a.send(udp("127.0.0.1", "127.0.0.5", 1)));
        sim.run();
        assertEquals(2, got.size());
        assertEquals(0, sim.now());
        assertEquals(Ipv4Address.LOOPBACK, a.sourceFor(Ipv4Address.parse("127.9.9.9")));
    }

    @Test
    void duplicateAddressesAndSelfLinksAreRefused() {
        Host a = net.addHost("a", ip("10.0.0.1"), false);
        assertThrows(IllegalArgumentException.class, () -> net.addHost("b", ip("10.0.0.1"), false));
        assertThrows(IllegalArgumentException.class, () -> net.addHost("a", ip("10.0.0.9"), false));
        assertThrows(IllegalArgumentException.class, () -> net.addHost("c", ip("127.0.0.2"), false));
        assertThrows(IllegalArgumentException.class, () -> net.link(a, a, new LinkConfig(0, 1, 0, 1)));
    }
}
