package org.stacklab.bridge.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.bridge.libc.Sys;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.RequiredTool;

/** The topology read from a simulated network, and the namespace network's clean-up on success and failure. */
class NamespaceNetworkTest {
    static final LinkConfig LINK = new LinkConfig(1_000_000, 100_000_000, 0, 50);

    /** a - r - b with r forwarding, and c linked to a only. */
    static Network chain() {
        Network n = new Network(new Simulator(1), Tracer.off());
        Host a = n.addHost("a", List.of(Ipv4Address.parse("10.0.0.1")), false);
        Host r = n.addHost("r", List.of(Ipv4Address.parse("10.0.0.254"), Ipv4Address.parse("10.0.1.254")), true);
        Host b = n.addHost("b", List.of(Ipv4Address.parse("10.0.1.1")), false);
        Host c = n.addHost("c", List.of(Ipv4Address.parse("10.0.2.1")), false);
        n.link(a, r, LINK);
        n.link(r, b, LINK);
        n.link(a, c, LINK);
        return n;
    }

    @Test
    void routesAreTheSimulationsWithTheHostsFirstAddressAsSource() {
        Topology t = Topology.of(chain());
        assertEquals(List.of(new Topology.Veth("a", "eth0", "r", "eth0", LINK), new Topology.Veth("r", "eth1", "b", "eth0", LINK),
                new Topology.Veth("a", "eth1", "c", "eth0", LINK)), t.veths());
        Topology.Node a = t.nodes().get(0);
        Ipv4Address src = Ipv4Address.parse("10.0.0.1");
        assertEquals(List.of(new Topology.Route(Ipv4Address.parse("10.0.0.254"), "eth0", Ipv4Address.parse("10.0.0.254"), src),
                new Topology.Route(Ipv4Address.parse("10.0.1.254"), "eth0", Ipv4Address.parse("10.0.0.254"), src),
                new Topology.Route(Ipv4Address.parse("10.0.1.1"), "eth0", Ipv4Address.parse("10.0.0.254"), src),
                new Topology.Route(Ipv4Address.parse("10.0.2.1"), "eth1", Ipv4Address.parse("10.0.2.1"), src)), a.routes());
        Topology.Node c = t.nodes().get(3);
        // a does not forward: c reaches a only, as in the simulation
        assertEquals(List.of(Ipv4Address.parse("10.0.0.1")), c.routes().stream().map(Topology.Route::dst).toList());
        assertEquals(1, t.routers());
    }

    @Test
    void theScriptShapesEachVethAndSetsForwarding() {
        Topology t = Topology.of(chain());
        String r = NamespaceScript.of(t.nodes().get(1), java.util.Map.of("eth0", LINK), false);
        assertTrue(r.startsWith("echo 1 > /proc/sys/net/ipv4/ip_forward\n"), r);
        assertTrue(r.contains("address add 10.0.1.254/32 dev lo\n"), r);
        assertTrue(r.contains("qdisc add dev eth0 root handle 1: tbf rate 100000000bit burst 70000 latency 1s\n"), r);
        assertTrue(r.contains("qdisc add dev eth0 parent 1:1 handle 10: pfifo limit 50\n"), r);
        String netem = NamespaceScript.qdiscs("eth0", new LinkConfig(5_000_000, 1_000_000, 0.01, 20), true);
        assertEquals("qdisc add dev eth0 root handle 1: netem delay 5000us loss 1.0000% limit 20\n"
                + "qdisc add dev eth0 parent 1:1 handle 2: tbf rate 1000000bit burst 70000 latency 1s\n"
                + "qdisc add dev eth0 parent 2:1 handle 10: pfifo limit 20\n", netem);
    }

    static void requireRoot() {
        boolean root = org.stacklab.bridge.Environment.detect().isRoot();
        RequiredTool.require(root, "a network namespace per host needs root");
        String why = NamespaceNetwork.unavailable(true);
        RequiredTool.require(why == null, String.valueOf(why));
    }

    static List<String> ours() {
        String mine = NamespaceNetwork.PREFIX + ProcessHandle.current().pid() + "-";
        return NamespaceNetwork.existing().stream().filter(n -> n.startsWith(mine)).toList();
    }

    @Test
    void aBuiltNetworkHasNoNamesAndEachNamespaceOnlyItsOwnDevices() throws IOException {
        requireRoot();
        try (NamespaceNetwork n = NamespaceNetwork.build(Topology.of(chain()))) {
            assertEquals(List.of(), ours(), "the names go once the descriptors are held");
            assertEquals(4, held(), "one descriptor per namespace keeps it alive");
            assertEquals(4, n.names().size());
            // read from inside each namespace: lo and its veths, and the host's addresses' routes
            assertEquals(3 + 3 + 2 + 2, n.inEach((host, dir) -> NamespaceNetwork.interfaces(dir).size()));
            assertEquals(0, n.inEach((host, dir) -> host.equals("c") && !NamespaceNetwork.interfaces(dir).contains("eth0") ? 1 : 0));
        }
        assertEquals(List.of(), ours());
        assertEquals(0, held(), "closed: the kernel frees the namespaces and their veths");
    }

    /** Descriptors of this process that refer to a namespace (a file of nsfs). */
    static long held() throws IOException {
        // a namespace file is on nsfs: the device of /proc/self/ns/net (its path reads '/' once unnamed)
        Object nsfs = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self/ns/net"), "unix:dev");
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                try {
                    return nsfs.equals(java.nio.file.Files.getAttribute(p, "unix:dev"));
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }

    @Test
    void aFailedBuildLeavesNothingBehind() throws IOException {
        requireRoot();
        // a device name longer than IFNAMSIZ: 'ip link add' fails after the namespaces were made
        Topology bad = new Topology(Topology.of(chain()).nodes(),
                List.of(new Topology.Veth("a", "a-device-name-too-long", "r", "eth0", LINK)));
        IOException e = assertThrows(IOException.class, () -> NamespaceNetwork.build(bad));
        assertTrue(e.getMessage().contains("ip -b -"), e.getMessage());
        assertEquals(List.of(), ours());
        assertEquals(0, held());
    }

    @Test
    void withoutRootItSaysWhy() {
        String why = NamespaceNetwork.unavailable(false);
        assertTrue(Sys.unavailable() != null || why.contains("needs root"), String.valueOf(why));
    }
}
