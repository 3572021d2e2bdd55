package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void rfc1071ExampleSumsToDdf2() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2.
        byte[] b = hex("0001 f203 f4f5 f6f7");
        assertEquals(0xddf2, InternetChecksum.fold(InternetChecksum.add(0, b, 0, b.length)));
        assertEquals(0x220d, InternetChecksum.of(b, 0, b.length));
    }

    @Test
    void oddLengthPadsTheLastByteOnTheRight() {
        byte[] b = hex("0001 f203 f4f5 f6");
        assertEquals(0x0001 + 0xf203 + 0xf4f5 + 0xf600, InternetChecksum.add(0, b, 0, b.length));
    }

    @Test
    void carriesWrapAroundUntilSixteenBits() {
        assertEquals(0x0001, InternetChecksum.fold(0x1_0000L));
        assertEquals(0xFFFF, InternetChecksum.fold(0xFFFF_FFFFL));
    }

    @Test
    void handComputedIpv4HeaderChecksumIsB861() {
        // 192.168.0.1 -> 192.168.0.199, total length 115, DF, TTL 64, UDP; checksum field zero.
        byte[] header = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        assertEquals(0xb861, InternetChecksum.of(header, 0, header.length));
    }

    @Test
    void headerWithItsChecksumVerifies() {
        byte[] header = hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");
        assertTrue(InternetChecksum.verifies(InternetChecksum.add(0, header, 0, header.length)));
        header[8] = 0x3f; // TTL 63 without updating the checksum
        assertFalse(InternetChecksum.verifies(InternetChecksum.add(0, header, 0, header.length)));
    }

    @Test
    void pseudoHeaderSumsAddressesProtocolAndLength() {
        long sum = InternetChecksum.pseudoHeader(
                Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2"), Protocol.UDP, 10);
        assertEquals(0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 17 + 10, sum);
    }

    @Test
    void checksumAtAnOffsetIgnoresBytesOutsideTheRange() {
        byte[] b = hex("ffff 0001 f203 f4f5 f6f7 ffff");
        assertEquals(0x220d, InternetChecksum.of(b, 2, 8));
    }
}
