package org.stacklab.bridge;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.stacklab.wire.Ipv4Address;

/**
 * The differential property: any sequence of socket, setsockopt, bind, listen, connect, send,
 * sendto, recv and close over two hosts and a few fixed ports has the same outcomes in the
 * simulation and on real loopback sockets. A failure shrinks to a minimal sequence and prints a
 * scenario that reproduces it.
 *
 * <p>30 tries by default; {@code mvn -Pbridge-long test} sets {@code stacklab.bridge.tries} (1000).
 * Each try opens fresh worlds, closes every socket and takes well under a second. Stream sockets
 * join in once the simulation has TCP.
 */
class DifferentialProperties {
    static final String TRIES = "stacklab.bridge.tries";

    @Property(maxDiscardRatio = 10, edgeCases = EdgeCasesMode.NONE)
    @AddLifecycleHook(Tries.class)
    void simulationAndKernelAgreeOnEverySequence(@ForAll("sequences") List<Differential.Op> ops) {
        Differential d = new Differential(Bridge.tcpSimulated());
        Differential.Verdict v;
        try (SocketWorld sim = new SimulatedWorld(1); SocketWorld real = new LoopbackWorld(Ipv4Address.parse("127.0.46.2"))) {
            v = d.run(ops, sim, real);
        }
        for (String o : d.outcomes) {
            Statistics.label("outcomes").collect(o);
        }
        Assume.that(v.discarded() == null); // Java, the mapping or the machine made them differ: not the simulator
        if (v.difference() != null) {
            throw new AssertionError(v.difference() + "\nA scenario that reproduces it (stacklab bridge FILE):\n"
                    + v.yaml());
        }
    }

    @Provide
    Arbitrary<List<Differential.Op>> sequences() {
        Arbitrary<Differential.Kind> kinds = Arbitraries.frequency(
                Tuple.of(4, Differential.Kind.SOCKET), Tuple.of(3, Differential.Kind.SETOPT),
                Tuple.of(7, Differential.Kind.BIND), Tuple.of(1, Differential.Kind.LISTEN),
                Tuple.of(2, Differential.Kind.CONNECT), Tuple.of(2, Differential.Kind.SEND),
                Tuple.of(5, Differential.Kind.SENDTO), Tuple.of(4, Differential.Kind.RECV),
                Tuple.of(2, Differential.Kind.CLOSE));
        Arbitrary<Differential.Op> op = Combinators.combine(Arbitraries.integers().between(0, 2), kinds,
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 4), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Differential.Op::new);
        return op.list().ofMinSize(8).ofMaxSize(30);
    }

    /** Sets the number of tries from {@value #TRIES} (default 30): the long run is a Maven profile. */
    static final class Tries implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            context.attributes().setTries(Integer.getInteger(TRIES, 30));
            return property.execute();
        }
    }
}
