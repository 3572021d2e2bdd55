package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoints of both families: {@code ip:port} and {@code [ipv6]:port}, read and printed. */
class EndpointTest {
    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        "10.0.0.2:80, 10.0.0.2:80, 10.0.0.2.80",
        "0.0.0.0:0, 0.0.0.0:0, 0.0.0.0.0",
        "[2001:db8::5]:80, [2001:db8::5]:80, 2001:db8::5.80",
        "[2001:DB8:0:0::5]:443, [2001:db8::5]:443, 2001:db8::5.443",
        "[::]:80, [::]:80, ::.80",
        "[::1]:7, [::1]:7, ::1.7",
        "[::ffff:10.0.0.2]:80, [::ffff:10.0.0.2]:80, ::ffff:10.0.0.2.80",
    })
    void readsAndPrintsBothFamilies(String text, String printed, String tcpdump) {
        Endpoint e = Endpoint.parse(text);
        assertEquals(printed, e.toString());
        assertEquals(tcpdump, e.dotted());
        assertEquals(e, Endpoint.parse(printed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::5:80", "[2001:db8::5:80", "[10.0.0.2]:80", "[::1]", "[::1]:", "[::1]:70000",
        "10.0.0.2", "[g::1]:80", "::1]:80"})
    void refusesMalformedEndpoints(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));
        assertTrue(!e.getMessage().isEmpty());
    }

    @Test
    void anUnbracketedIpv6EndpointSaysHowToWriteIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("2001:db8::5:80"));
        assertTrue(e.getMessage().contains("as [2001:db8::5]:80,"), e.getMessage());
    }

    @Test
    void ipv4IsTheFastPathsView() {
        assertEquals(Ipv4Address.parse("10.0.0.2"), Endpoint.parse("10.0.0.2:80").ipv4());
        assertThrows(IllegalStateException.class, () -> Endpoint.parse("[::1]:80").ipv4());
    }

    @Test
    void aFourTupleReversesItsEnds() {
        FourTuple t = new FourTuple(Endpoint.parse("[2001:db8::2]:5678"), Endpoint.parse("[2001:db8::5]:80"));
        assertEquals(t, t.reversed().reversed());
        assertEquals(t.local(), t.reversed().remote());
    }

    @Property
    void everyEndpointReadsBackFromItsText(@ForAll("endpoints") Endpoint e) {
        assertEquals(e, Endpoint.parse(e.toString()));
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        Arbitrary<IpAddress> v4 = Arbitraries.integers().map(Ipv4Address::new);
        // small groups make runs of zeros, and so '::', likely; 0xffff makes v4-mapped addresses
        Arbitrary<Long> half = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, 1L, 0xFFFFL << 32, 0xFFFF0000_0000_0001L));
        Arbitrary<IpAddress> v6 = Combinators.combine(half, half).as(Ipv6Address::new);
        return Combinators.combine(Arbitraries.oneOf(v4, v6), Arbitraries.integers().between(0, 65535)).as(Endpoint::new);
    }
}
