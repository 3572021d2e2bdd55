package org.stacklab.net;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.Ipv4Address;

/** The stub shortcut picks exactly the hop each destination's own shortest-path tree picks. */
class RoutingProperties {
    @Property(tries = 300)
    void stubShortcutAgreesWithFullTrees(@ForAll @IntRange(min = 2, max = 14) int hosts,
            @ForAll @IntRange(min = 1, max = 30) int links, @ForAll long seed) {
        Network net = new Network(new Simulator(1), Tracer.off());
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<Host> hs = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            hs.add(net.addHost("h" + i, List.of(new Ipv4Address(0x0A000001 + i)), r.nextInt(3) > 0));
        }
        for (int i = 0; i < links; i++) {
            Host a = hs.get(r.nextInt(hosts));
            Host b = hs.get(r.nextInt(hosts));
            if (a != b) {
                net.link(a, b, new LinkConfig(1 + r.nextInt(3), 1_000_000, 0, 10));
            }
        }
        Routing routing = new Routing(net.hosts(), net.channels());
        Routing reference = new Routing(net.hosts(), net.channels());
        for (Host from : hs) {
            for (Host to : hs) {
                if (from != to) {
                    assertSame(reference.fromTree(from, to), routing.next(from, to), from + " -> " + to);
                }
            }
        }
    }

    /** Issue 13 item 5: the tree cache is bounded (not hosts squared), and dropping trees changes no route. */
    @Property(tries = 100)
    void aBoundedCacheGivesTheSameRoutesAndHoldsFewTrees(@ForAll @IntRange(min = 2, max = 14) int hosts,
            @ForAll @IntRange(min = 1, max = 30) int links, @ForAll @IntRange(min = 1, max = 3) int trees,
            @ForAll long seed) {
        Network net = new Network(new Simulator(1), Tracer.off());
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<Host> hs = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            hs.add(net.addHost("h" + i, List.of(new Ipv4Address(0x0A000001 + i)), r.nextInt(3) > 0));
        }
        for (int i = 0; i < links; i++) {
            Host a = hs.get(r.nextInt(hosts));
            Host b = hs.get(r.nextInt(hosts));
            if (a != b) {
                net.link(a, b, new LinkConfig(1 + r.nextInt(3), 1_000_000, 0, 10));
            }
        }
        Routing bounded = new Routing(net.hosts(), net.channels(), (long) trees * net.hosts().size());
        Routing reference = new Routing(net.hosts(), net.channels());
        for (int round = 0; round < 2; round++) {
            for (Host to : hs) {
                for (Host from : hs) {
                    if (from != to) {
                        assertSame(reference.fromTree(from, to), bounded.fromTree(from, to), from + " -> " + to);
                        org.junit.jupiter.api.Assertions.assertTrue(bounded.cachedTrees() <= trees);
                    }
                }
            }
        }
    }
}
