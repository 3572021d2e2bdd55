package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
    private static byte[] capture(PcapWriter.Resolution resolution, long timeNs, byte[] packet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, resolution)) {
            w.write(timeNs, packet, packet.length);
        }
        return out.toByteArray();
    }

    private static ByteBuffer le(byte[] b, int from) {
        return ByteBuffer.wrap(b, from, b.length - from).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void globalHeaderIsClassicLittleEndianRawIp() throws IOException {
        byte[] b = capture(PcapWriter.Resolution.MICROSECONDS, 0, new byte[0]);
        byte[] expected = HexFormat.of().parseHex(
                "d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "65000000");
        assertArrayEquals(expected, Arrays.copyOf(b, 24));
    }

    @Test
    void recordTimestampIsSimulatedTimeTruncatedToMicroseconds() throws IOException {
        byte[] packet = {0x45, 1, 2};
        byte[] b = capture(PcapWriter.Resolution.MICROSECONDS, 3_500_250_999L, packet);
        ByteBuffer r = le(b, 24);
        assertEquals(3, r.getInt());
        assertEquals(500_250, r.getInt());
        assertEquals(3, r.getInt(), "incl_len");
        assertEquals(3, r.getInt(), "orig_len");
        assertArrayEquals(packet, Arrays.copyOfRange(b, 40, 43));
        assertEquals(43, b.length);
    }

    @Test
    void nanosecondResolutionKeepsEveryNanosecond() throws IOException {
        byte[] b = capture(PcapWriter.Resolution.NANOSECONDS, 3_500_250_999L, new byte[1]);
        assertEquals(0xa1b23c4d, le(b, 0).getInt());
        ByteBuffer r = le(b, 24);
        assertEquals(3, r.getInt());
        assertEquals(500_250_999, r.getInt());
    }

    @Test
    void onlyTheGivenLengthIsWritten() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            w.write(0, new byte[] {1, 2, 3, 4}, 2);
        }
        assertEquals(24 + 16 + 2, out.size());
    }

    @Test
    void packetsBeyondTheSnapLengthAreCutButKeepTheirLength() throws IOException {
        byte[] b = capture(PcapWriter.Resolution.MICROSECONDS, 0, new byte[70_000]);
        ByteBuffer r = le(b, 24 + 8);
        assertEquals(65535, r.getInt());
        assertEquals(70_000, r.getInt());
        assertEquals(24 + 16 + 65535, b.length);
    }

    @Test
    void sameCallsGiveTheSameBytes() throws IOException {
        byte[] p = PacketEncoder.encode(SamplePackets.udp(SamplePackets.LAPTOP, 1, SamplePackets.SERVER, 2, "x"));
        assertArrayEquals(capture(PcapWriter.Resolution.MICROSECONDS, 42, p),
                capture(PcapWriter.Resolution.MICROSECONDS, 42, p));
    }

    @Test
    void negativeTimeIsRejected() throws IOException {
        try (PcapWriter w = new PcapWriter(new ByteArrayOutputStream())) {
            assertThrows(IllegalArgumentException.class, () -> w.write(-1, new byte[1], 1));
        }
    }
}
