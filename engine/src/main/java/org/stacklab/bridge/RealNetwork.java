package org.stacklab.bridge;

import java.io.IOException;
import org.stacklab.bridge.netns.NamespaceNetwork;
import org.stacklab.bridge.netns.Topology;
import org.stacklab.net.Network;

/** The bridge's side of {@code --namespaces}: builds the namespace network of a simulated one and says what it is. */
final class RealNetwork {
    /** The note when the kernel has no netem: links then have their bandwidth and queue, not their latency and loss. */
    static final String NO_NETEM = "links: this kernel has no netem (tc qdisc netem: unknown kind), so latency and loss are"
            + " not reproduced (bandwidth and queues are, by tbf and pfifo); timing is not compared, and where the"
            + " simulation lost packets what was received is not counted";

    private RealNetwork() {}

    /** Builds the network for {@code net} (the assembled simulation's), or says why it cannot. */
    static NamespaceNetwork build(Network net, Environment env) throws Bridge.NoNetwork {
        String why = NamespaceNetwork.unavailable(env.isRoot());
        if (why != null) {
            throw new Bridge.NoNetwork("--namespaces: " + why);
        }
        try {
            return NamespaceNetwork.build(Topology.of(net));
        } catch (IOException e) {
            throw new Bridge.NoNetwork("--namespaces: the network could not be built (nothing of it is left): " + e.getMessage());
        }
    }

    /** The report's first note: what the run had, as built and read back. */
    static String describe(NamespaceNetwork n) {
        Topology t = n.topology();
        return "network: a namespace per host (" + t.nodes().size() + " namespace(s), " + t.veths().size() + " veth link(s), "
                + t.routers() + " router(s); each namespace holds only lo and its own veths, read back from inside):"
                + " routing, TTL and unreachable hosts are the kernel's; nothing outside this run can reach its sockets";
    }
}
