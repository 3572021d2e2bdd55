package org.stacklab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeScaleTest {
    static final long MS = 1_000_000L;

    @Test
    void durationsAreDividedButNeverBelowTheFloorOrThemselves() {
        TimeScale t = TimeScale.DEFAULT;
        assertEquals(MS, t.duration(MS)); // short intervals stay
        assertEquals(10 * MS, t.duration(50 * MS)); // the floor
        assertEquals(100 * MS, t.duration(1000 * MS));
        assertEquals(-1, t.duration(-1)); // no timeout stays none
        assertEquals(0, t.duration(0));
    }

    @Test
    void startTimesKeepTheirOrderAndAGapBetweenThem() {
        Map<Long, Long> real = TimeScale.DEFAULT.instants(List.of(0L, 5 * MS, 10 * MS, 10 * MS, 2000 * MS));
        assertEquals(0L, real.get(0L));
        assertEquals(20 * MS, real.get(5 * MS));
        assertEquals(40 * MS, real.get(10 * MS));
        assertEquals(200 * MS, real.get(2000 * MS));
    }

    @Test
    void realTimeIsUnscaled() {
        assertEquals(1000 * MS, TimeScale.REAL_TIME.duration(1000 * MS));
        assertEquals(MS, TimeScale.REAL_TIME.duration(MS));
    }
}
