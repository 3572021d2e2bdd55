package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource({"0, 0", "0s, 0", "7ns, 7", "3us, 3000", "3µs, 3000", "10ms, 10000000", "1.5ms, 1500000",
        "30s, 30000000000", "0.000000001s, 1", "2.5us, 2500", "10 ms, 10000000"})
    void timesAreExactNanoseconds(String text, long ns) {
        assertEquals(ns, Units.parseTime(text));
    }

    @Test
    void aTimeWithAnUnknownUnitIsRefusedWithTheUnitsItKnows() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseTime("10 parsecs"));
        assertEquals("bad time '10 parsecs': expected a number with a unit ns, us, ms or s", e.getMessage());
    }

    @Test
    void aBareNumberOtherThanZeroIsNotATime() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseTime("10"));
        assertEquals("bad time '10': expected a number with a unit ns, us, ms or s", e.getMessage());
    }

    @Test
    void aFractionOfANanosecondIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseTime("1.5ns"));
        assertEquals("bad time '1.5ns': not a whole number of nanoseconds", e.getMessage());
    }

    @Test
    void aNegativeTimeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseTime("-1s"));
        assertEquals("bad time '-1s': a time cannot be negative", e.getMessage());
    }

    @Test
    void aTimeBeyondALongIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseTime("99999999999s"));
        assertEquals("bad time '99999999999s': too large", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1bps, 1", "56Kbps, 56000", "56kbps, 56000", "100Mbps, 100000000", "100mbps, 100000000",
        "1Gbps, 1000000000", "1gbps, 1000000000", "1.5Mbps, 1500000"})
    void bandwidthsAreBitsPerSecond(String text, long bps) {
        assertEquals(bps, Units.parseBandwidth(text));
    }

    @Test
    void aBandwidthNeedsAKnownUnit() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseBandwidth("100MB"));
        assertEquals("bad bandwidth '100MB': expected a number with a unit bps, Kbps, Mbps or Gbps", e.getMessage());
    }

    @Test
    void aZeroBandwidthIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseBandwidth("0bps"));
        assertEquals("bad bandwidth '0bps': a bandwidth must be above 0", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1%, 0.01", "0.5%, 0.005", "0%, 0", "100%, 1", "0.01, 0.01", "0, 0", "1, 1"})
    void lossIsAPercentageOrAFraction(String text, double p) {
        assertEquals(p, Units.parseLoss(text), 1e-12);
    }

    @Test
    void lossMayBeAYamlNumber() {
        assertEquals(0.25, Units.parseLoss(0.25), 1e-12);
    }

    @Test
    void lossAbove100PercentIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseLoss("150%"));
        assertEquals("bad loss '150%': must be between 0% and 100%", e.getMessage());
    }

    @Test
    void aFractionAboveOneIsRefusedWithAHint() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseLoss("5"));
        assertEquals("bad loss '5': outside 0-100%: a fraction must be between 0 and 1 (write '5%' for a percentage)",
                e.getMessage());
    }

    @Test
    void lossThatIsNotANumberIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.parseLoss("lots"));
        assertEquals("bad loss 'lots': expected a percentage like 1% or a fraction like 0.01", e.getMessage());
    }

    @Test
    void aPortRangeIsLowAndHigh() {
        assertArrayEquals(new int[] {32768, 60999}, Units.parsePortRange("32768-60999"));
        assertArrayEquals(new int[] {80, 80}, Units.parsePortRange("80-80"));
    }

    @Test
    void aPortRangeMustBeInOrderAndInRange() {
        assertEquals("bad port range '600-500': 600 is above 500",
                assertThrows(IllegalArgumentException.class, () -> Units.parsePortRange("600-500")).getMessage());
        assertEquals("bad port range '0-10': ports must be between 1 and 65535",
                assertThrows(IllegalArgumentException.class, () -> Units.parsePortRange("0-10")).getMessage());
        assertEquals("bad port range '1-70000': ports must be between 1 and 65535",
                assertThrows(IllegalArgumentException.class, () -> Units.parsePortRange("1-70000")).getMessage());
        assertEquals("bad port range '80': expected LOW-HIGH like 32768-60999",
                assertThrows(IllegalArgumentException.class, () -> Units.parsePortRange("80")).getMessage());
    }
}
