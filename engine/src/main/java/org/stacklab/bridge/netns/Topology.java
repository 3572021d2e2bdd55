package org.stacklab.bridge.netns;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.net.Channel;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.wire.Ipv4Address;

/**
 * What the namespace network is made of, read from the simulation's own assembled network so the
 * two cannot disagree on it: one namespace per host (its addresses, whether it forwards), one
 * veth pair per link (a device at each end, numbered per host in link order: {@code eth0},
 * {@code eth1}, ...), and for each host a route to every address of every other host it can
 * reach, through the device and next hop the simulation's routing picks ({@link Network#route}),
 * from the host's first address (the simulation's source, docs/scenario-format.md).
 */
public record Topology(List<Node> nodes, List<Veth> veths) {
    /** One host: {@code routes} are its routes to other hosts' addresses. */
    public record Node(String host, List<Ipv4Address> addresses, boolean forward, List<Route> routes) {}

    /** One link: device {@code aDev} in host {@code a}'s namespace, {@code bDev} in {@code b}'s. */
    public record Veth(String a, String aDev, String b, String bDev, LinkConfig config) {}

    /** {@code dst}/32 through {@code dev} to next hop {@code via} (on the link), source {@code src}. */
    public record Route(Ipv4Address dst, String dev, Ipv4Address via, Ipv4Address src) {}

    public Topology {
        nodes = List.copyOf(nodes);
        veths = List.copyOf(veths);
    }

    /** The topology of {@code net} (an assembled simulated network). */
    public static Topology of(Network net) {
        Map<Channel, String> devOf = new IdentityHashMap<>();
        Map<Host, Integer> devices = new IdentityHashMap<>();
        List<Veth> veths = new ArrayList<>();
        List<Channel> chans = net.channels();
        // Network.link adds the two directions of a link one after the other: a->b, then b->a.
        for (int i = 0; i + 1 < chans.size(); i += 2) {
            Channel ab = chans.get(i);
            Channel ba = chans.get(i + 1);
            String aDev = device(devices, ab.from());
            String bDev = device(devices, ba.from());
            devOf.put(ab, aDev);
            devOf.put(ba, bDev);
            veths.add(new Veth(ab.from().name(), aDev, ba.from().name(), bDev, ab.config()));
        }
        List<Node> nodes = new ArrayList<>();
        for (Host h : net.hosts()) {
            List<Route> routes = new ArrayList<>();
            for (Host other : net.hosts()) {
                if (other == h || h.ipv4Addresses().isEmpty()) {
                    continue;
                }
                for (Ipv4Address a : other.ipv4Addresses()) {
                    Channel c = net.route(h, a);
                    if (c != null && !c.to().ipv4Addresses().isEmpty()) {
                        routes.add(new Route(a, devOf.get(c), c.to().ipv4Addresses().get(0), h.ipv4Addresses().get(0)));
                    }
                }
            }
            nodes.add(new Node(h.name(), h.ipv4Addresses(), h.forwards(), routes));
        }
        return new Topology(nodes, veths);
    }

    /** The next device name of host {@code h}: eth0, eth1, ... */
    private static String device(Map<Host, Integer> devices, Host h) {
        int k = devices.getOrDefault(h, 0);
        devices.put(h, k + 1);
        return "eth" + k;
    }

    /** How many hosts forward packets (routers). */
    public int routers() {
        int n = 0;
        for (Node x : nodes) {
            n += x.forward() ? 1 : 0;
        }
        return n;
    }
}
