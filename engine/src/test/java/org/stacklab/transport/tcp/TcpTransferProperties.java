package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.stacklab.wire.Bytes;

/** Whatever the loss, the seed and the size, a bulk transfer delivers every byte, in order, once. */
class TcpTransferProperties {
    @Provide
    Arbitrary<Double> loss() {
        return Arbitraries.of(0.0, 0.01, 0.05, 0.20);
    }

    @Property(tries = 60)
    void everyByteArrivesInOrder(@ForAll("loss") double loss, @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 0, max = 250_000) int size) {
        TwoHosts n = new TwoHosts(seed, loss, false);
        Bytes data = TwoHosts.data(size);
        ByteArrayOutputStream got = Transfers.bulk(n, data);
        assertArrayEquals(data.toArray(), got.toByteArray(), () -> "loss " + loss + " seed " + seed + " size " + size);
        assertEquals(0, n.net.stats().inFlight());
    }
}
