package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.SimTime;
import org.stacklab.wire.Bytes;

/** Linux's RTO formula and the SACK blocks a receiver reports (docs/tcp.md). */
class RttAndSackTest {
    @Test
    void theRtoIsSrttPlusAtLeastTheMinimumSoA100MsPathWaitsAtLeast300Ms() {
        RttEstimator r = new RttEstimator(200 * SimTime.MS);
        assertEquals(SimTime.S, r.current()); // RFC 6298 (2.1) before any sample
        r.sample(100 * SimTime.MS);
        assertEquals(300 * SimTime.MS, r.current()); // 100 + max(4 x 50, 200)
        for (int i = 0; i < 50; i++) {
            r.sample(100 * SimTime.MS);
        }
        assertEquals(300 * SimTime.MS, r.current()); // RTTVAR decays, the 200 ms floor stays (tcp_set_rto)
        r.sample(500 * SimTime.MS);
        // SRTT 150, 4 x RTTVAR 400 > 200 (to within the decayed remainder of the old variance)
        assertEquals(550.0, r.current() / (double) SimTime.MS, 0.01);
        RttEstimator lan = new RttEstimator(SimTime.MS * 5);
        lan.sample(2 * SimTime.MS);
        assertEquals(7 * SimTime.MS, lan.current()); // min_rto 5ms: 2 + max(4 x 1, 5)
    }

    @Test
    void sackBlocksPutTheLatestFirstThenTheHighest() {
        Reassembly q = new Reassembly();
        q.add(1000, Bytes.generated(100)); // [1000, 1100)
        q.add(1100, Bytes.generated(100)); // joins it: [1000, 1200)
        q.add(3000, Bytes.generated(100)); // [3000, 3100)
        q.add(5000, Bytes.generated(100)); // [5000, 5100)
        q.add(2000, Bytes.generated(50)); // latest: [2000, 2050)
        List<long[]> b = q.blocks(2000, 3);
        assertEquals(3, b.size());
        assertArrayEquals(new long[] {2000, 2050}, b.get(0));
        assertArrayEquals(new long[] {5000, 5100}, b.get(1));
        assertArrayEquals(new long[] {3000, 3100}, b.get(2));
        assertEquals(4, q.blocks(1100, 4).size());
        assertArrayEquals(new long[] {1000, 1200}, q.blocks(1100, 4).get(0));
    }
}
