package org.stacklab.bridge.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.stacklab.bridge.Bridge;
import org.stacklab.bridge.Differential;
import org.stacklab.bridge.LoopbackWorld;
import org.stacklab.bridge.SimulatedWorld;
import org.stacklab.bridge.SocketWorld;
import org.stacklab.wire.Ipv4Address;

/**
 * Runs generated sequences in the simulation and on the real kernel (the bridge's libc sockets,
 * in a network namespace of their own when root, else on 127.0.47.x) until {@code tries} are
 * done or the wall-clock {@code budgetNs} is spent; each sequence that differs is shrunk. A
 * difference the real side itself could not reproduce (its note says it did not compare) is
 * counted as discarded, as the developers' property does.
 */
public final class Fuzzer {
    /** Candidates the shrinker may run for one difference. */
    static final int SHRINK_BUDGET = 300;
    static final Ipv4Address BASE = Ipv4Address.parse("127.0.47.2");

    /** One difference: the try, its first difference and calls, and the same for the shrunk sequence. */
    public record Difference(int attempt, Outcome found, Outcome shrunk, int shrinkRuns) {}

    /** One run of a sequence: the verdict, each call's results in both worlds, and the sequence. */
    public record Outcome(List<Differential.Op> ops, Differential.Verdict verdict, List<String> results) {}

    /** What a fuzz run did. */
    public record Report(int tries, int compared, int discarded, List<Difference> differences, String network, boolean outOfTime) {}

    /** Opens the two worlds of one run (the simulation seeded by the try, the real one); tests inject others. */
    public interface Worlds {
        SocketWorld simulation(long seed);

        SocketWorld real();

        /** Why the real world is not in a network namespace of its own, or null (asked before it is closed). */
        String whyNotIsolated(SocketWorld real);
    }

    /** The simulation and the bridge's real libc sockets. */
    public static final Worlds KERNEL = new Worlds() {
        public SocketWorld simulation(long seed) {
            return new SimulatedWorld(seed);
        }

        public SocketWorld real() {
            return new LoopbackWorld(BASE);
        }

        public String whyNotIsolated(SocketWorld real) {
            return ((LoopbackWorld) real).whyNotIsolated();
        }
    };

    /** Told after each try: how many are done and how many differed so far. */
    public interface Listener {
        void tried(int done, int differences);
    }

    private final long seed;
    private final int tries;
    private final long budgetNs;
    private final LongSupplier clock;
    private final Listener listener;
    private final Worlds worlds;
    /** How the last real world was isolated, for the report. */
    private String lastNetwork;

    public Fuzzer(long seed, int tries, long budgetNs, LongSupplier clock, Listener listener) {
        this(seed, tries, budgetNs, clock, listener, KERNEL);
    }

    public Fuzzer(long seed, int tries, long budgetNs, LongSupplier clock, Listener listener, Worlds worlds) {
        this.worlds = worlds;
        this.seed = seed;
        this.tries = tries;
        this.budgetNs = budgetNs;
        this.clock = clock;
        this.listener = listener;
    }

    public Report run() {
        long start = clock.getAsLong();
        int done = 0;
        int compared = 0;
        int discarded = 0;
        List<Difference> found = new ArrayList<>();
        String network = null;
        boolean outOfTime = false;
        for (int n = 0; n < tries; n++) {
            if (budgetNs > 0 && clock.getAsLong() - start >= budgetNs) {
                outOfTime = true;
                break;
            }
            Outcome o = once(Generator.sequence(seed, n), n);
            if (n == 0) {
                network = lastNetwork;
            }
            done++;
            compared += o.verdict().compared();
            if (o.verdict().discarded() != null) {
                discarded++;
            } else if (o.verdict().difference() != null) {
                int attempt = n;
                Shrinker.Shrunk<Differential.Op> s = Shrinker.shrink(o.ops(), Differential.Op::proc,
                        c -> differs(once(c, attempt)), SHRINK_BUDGET);
                Outcome small = once(s.steps(), attempt);
                found.add(new Difference(n, o, differs(small) ? small : o, s.tried()));
            }
            listener.tried(done, found.size());
        }
        return new Report(done, compared, discarded, found, network, outOfTime);
    }

    private static boolean differs(Outcome o) {
        return o.verdict().difference() != null && o.verdict().discarded() == null;
    }

    /** Runs {@code ops} in fresh worlds (the simulation seeded by the try), closing every socket after. */
    Outcome once(List<Differential.Op> ops, int attempt) {
        Differential d = new Differential(Bridge.tcpSimulated());
        Differential.Verdict v;
        try (SocketWorld sim = worlds.simulation(seed + attempt); SocketWorld real = worlds.real()) {
            v = d.run(ops, sim, real);
            String why = worlds.whyNotIsolated(real);
            lastNetwork = why == null ? "a network namespace of its own" : "loopback 127.0.47.x (no namespace: " + why + ")";
        }
        return new Outcome(List.copyOf(ops), v, d.results());
    }
}
