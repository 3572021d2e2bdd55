package org.stacklab.transport;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The stateful property: random sequences of socket, setsockopt, bind, listen, connect, accept,
 * TIME-WAIT and close over a few addresses and ports, run against the real table and against
 * {@link PortModel}, an independent model written from docs/port-table.md, compared step by step
 * (see {@link ModelDriver}).
 */
class PortTableModelProperties {

    @Property(tries = 600)
    void socketCallsBehaveAsTheReferenceModelSays(@ForAll("calls") List<ModelDriver.Op> ops,
            @ForAll @IntRange(max = 3) int range, @ForAll long seed) {
        new ModelDriver(seed, range).run(ops);
    }

    @Provide
    Arbitrary<List<ModelDriver.Op>> calls() {
        return ModelDriver.sequences(60);
    }
}
