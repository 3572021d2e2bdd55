package org.stacklab.bridge;

import java.io.IOException;
import java.util.Locale;
import org.stacklab.bridge.netns.NamespaceNetwork;
import org.stacklab.bridge.netns.Topology;
import org.stacklab.net.DropReason;
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

    /**
     * Why the comparison is skipped when the simulation lost packets on lossy links, with the
     * figures, or null. Each lost datagram changes what a program does next (lesson 11 retries),
     * and the real network either loses none (no netem) or others (netem draws its own), so step by
     * step the two runs cannot agree; what can be compared is the rate, which the note gives.
     */
    static String lossSkip(Network sim, NamespaceNetwork n) {
        long lost = sim.stats().dropped(DropReason.LOSS);
        if (lost == 0) {
            return null;
        }
        double worst = 0;
        for (Topology.Veth v : n.topology().veths()) {
            worst = Math.max(worst, v.config().loss());
        }
        return String.format(Locale.ROOT, "the simulation lost %d of %d packet(s) sent (%.1f%%) to link loss (lossy links"
                + " up to %.1f%%), which %s: each loss changes what a program does next, so the runs are not compared"
                + " step by step", lost, sim.stats().sent(), 100.0 * lost / Math.max(1, sim.stats().sent()), worst * 100,
                n.netem() ? "netem reproduces only as a rate (it draws its own losses)" : "this kernel cannot reproduce (no netem)");
    }

    /** The report's first note: what the run had, as built and read back. */
    static String describe(NamespaceNetwork n) {
        Topology t = n.topology();
        return "network: a namespace per host (" + t.nodes().size() + " namespace(s), " + t.veths().size() + " veth link(s), "
                + t.routers() + " router(s); each namespace holds only lo and its own veths, read back from inside):"
                + " routing, TTL and unreachable hosts are the kernel's; nothing outside this run can reach its sockets";
    }
}
