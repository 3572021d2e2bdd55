package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Both address families behind one type: IPv6 text read in every RFC 4291 form, printed in RFC 5952's one form. */
class IpAddressTest {
    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        // RFC 5952 section 4.1: no leading zeros; 4.3: lower case
        "2001:0DB8:0000:0000:0000:0000:0000:0005, 2001:db8::5",
        // 4.2.1: the longest run of zero groups is shortened, as far as it goes
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        // 4.2.2: a single zero group is not shortened
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        // 4.2.3: of two equal runs, the first is shortened
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        // the longer run wins even when it comes second
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "0:0:0:0:0:0:0:0, ::",
        "::1, ::1",
        "1::, 1::",
        "fe80::1:2, fe80::1:2",
        // section 5: an IPv4-mapped address ends in dotted IPv4
        "::ffff:10.0.0.2, ::ffff:10.0.0.2",
        "0:0:0:0:0:ffff:c0a8:105, ::ffff:192.168.1.5",
        // an IPv4 tail anywhere else is read, then printed as hex
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    })
    void printsTheCanonicalForm(String text, String canonical) {
        Ipv6Address a = Ipv6Address.parse(text);
        assertEquals(canonical, a.toString());
        assertEquals(a, Ipv6Address.parse(canonical), "the canonical form reads back to the same address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8",
        "12345::", "g::1", "::1.2.3", "::256.0.0.1", "1:2:3:4:5:6:7:1.2.3.4", "1:", ":1"})
    void refusesWhatIsNotAnIpv6Address(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse(text));
        assertTrue(e.getMessage().startsWith("not an I"), e.getMessage());
    }

    @Test
    void bytesAreInNetworkOrder() {
        byte[] b = Ipv6Address.parse("2001:db8::5").toBytes();
        assertEquals(16, b.length);
        assertEquals(0x20, b[0]);
        assertEquals(0x01, b[1]);
        assertEquals(0x0d, b[2]);
        assertEquals((byte) 0xb8, b[3]);
        assertEquals(5, b[15]);
    }

    @Test
    void wildcardAndLoopbackOfBothFamilies() {
        assertTrue(IpAddress.parse("::").isWildcard());
        assertTrue(IpAddress.parse("0.0.0.0").isWildcard());
        assertTrue(IpAddress.parse("::1").isLoopback());
        assertTrue(IpAddress.parse("127.3.4.5").isLoopback());
        assertFalse(IpAddress.parse("::2").isLoopback());
        assertFalse(IpAddress.parse("::ffff:127.0.0.1").isLoopback(), "mapped loopback is not ::1");
    }

    @Test
    void parseChoosesTheFamilyByTheColon() {
        assertInstanceOf(Ipv4Address.class, IpAddress.parse("10.0.0.2"));
        assertInstanceOf(Ipv6Address.class, IpAddress.parse("2001:db8::5"));
        assertEquals("10.0.0.2", IpAddress.parse("10.0.0.2").toString());
    }
}
