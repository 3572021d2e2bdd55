package org.stacklab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PcapngWriterTest {
    /** One block as read back: its type and the bytes between the two length fields. */
    private record Block(int type, ByteBuffer body) {}

    /** Walks the blocks, checking that both length fields agree and are multiples of 4. */
    private static List<Block> blocks(byte[] file) {
        List<Block> blocks = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int start = b.position();
            int type = b.getInt();
            int total = b.getInt();
            assertEquals(0, total % 4, "block at " + start + " is not padded to 32 bits");
            assertEquals(total, b.getInt(start + total - 4), "trailing length of block at " + start);
            ByteBuffer body = ByteBuffer.wrap(file, start + 8, total - 12).slice().order(ByteOrder.LITTLE_ENDIAN);
            blocks.add(new Block(type, body));
            b.position(start + total);
        }
        return blocks;
    }

    /** Reads code-length-value entries up to the end marker; the layout of options and NRB records. */
    private static Map<Integer, byte[]> options(ByteBuffer b) {
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        while (true) {
            int code = b.getShort() & 0xFFFF;
            int len = b.getShort() & 0xFFFF;
            if (code == 0) {
                assertEquals(0, len, "end marker length");
                assertEquals(0, b.remaining(), "bytes after the end marker");
                return options;
            }
            byte[] value = new byte[len];
            b.get(value);
            b.position(b.position() + (4 - len % 4) % 4);
            options.put(code, value);
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] sampleFile(String comment) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            int eth0 = w.addInterface("laptop:eth0", PcapWriter.LINKTYPE_RAW);
            int eth1 = w.addInterface("router:eth1", PcapWriter.LINKTYPE_RAW);
            w.addName(SamplePackets.LAPTOP, "laptop");
            w.addName(SamplePackets.SERVER, "server");
            w.write(eth0, 0x1_0000_0002L, new byte[] {0x45, 0, 0}, 3, comment);
            w.write(eth1, 5, new byte[] {0x45, 0, 0, 0}, 4, null);
        }
        return out.toByteArray();
    }

    @Test
    void blocksComeInOrderWithCorrectLengths() throws IOException {
        List<Block> blocks = blocks(sampleFile("hello"));
        List<Integer> types = blocks.stream().map(Block::type).toList();
        assertEquals(List.of(0x0A0D0D0A, 1, 1, 4, 6, 6), types);
    }

    @Test
    void sectionHeaderDeclaresLittleEndianVersionOneWithUnknownLength() throws IOException {
        ByteBuffer shb = blocks(sampleFile(null)).get(0).body();
        assertEquals(0x1A2B3C4D, shb.getInt());
        assertEquals(1, shb.getShort());
        assertEquals(0, shb.getShort());
        assertEquals(-1L, shb.getLong());
        assertEquals("StackLab", text(options(shb).get(4)));
    }

    @Test
    void interfaceCarriesItsNameAndNanosecondResolution() throws IOException {
        ByteBuffer idb = blocks(sampleFile(null)).get(2).body();
        assertEquals(101, idb.getShort());
        assertEquals(0, idb.getShort());
        assertEquals(65535, idb.getInt());
        Map<Integer, byte[]> options = options(idb);
        assertEquals("router:eth1", text(options.get(2)));
        assertArrayEquals(new byte[] {9}, options.get(9));
    }

    @Test
    void nameResolutionHoldsOneIpv4RecordPerName() throws IOException {
        ByteBuffer nrb = blocks(sampleFile(null)).get(3).body();
        List<String> entries = new ArrayList<>();
        while (true) {
            int type = nrb.getShort();
            int len = nrb.getShort();
            if (type == 0) {
                break;
            }
            byte[] v = new byte[len];
            nrb.get(v);
            nrb.position(nrb.position() + (4 - len % 4) % 4);
            assertEquals(1, type);
            assertEquals(0, v[len - 1], "name ends with NUL");
            entries.add(new Ipv4Address(ByteBuffer.wrap(v).getInt()) + "=" + text(Arrays.copyOfRange(v, 4, len - 1)));
        }
        assertEquals(List.of("10.0.0.2=laptop", "192.168.1.5=server"), entries);
        assertEquals(0, nrb.remaining(), "no options after the records");
    }

    @Test
    void enhancedPacketHoldsInterfaceNanosecondsDataAndComment() throws IOException {
        ByteBuffer epb = blocks(sampleFile("héllo")).get(4).body();
        assertEquals(0, epb.getInt(), "interface id");
        assertEquals(1, epb.getInt(), "timestamp high");
        assertEquals(2, epb.getInt(), "timestamp low");
        assertEquals(3, epb.getInt(), "captured length");
        assertEquals(3, epb.getInt(), "original length");
        byte[] data = new byte[4];
        epb.get(data);
        assertArrayEquals(new byte[] {0x45, 0, 0, 0}, data, "data padded with zeros");
        assertEquals("héllo", text(options(epb).get(1)));
    }

    @Test
    void packetWithoutCommentHasNoOptions() throws IOException {
        ByteBuffer epb = blocks(sampleFile(null)).get(5).body();
        assertEquals(1, epb.getInt(), "interface id");
        assertEquals(20 + 4, epb.limit());
    }

    @Test
    void namesAddedAfterThePacketsAreWrittenAtClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            w.write(w.addInterface("a", PcapWriter.LINKTYPE_RAW), 0, new byte[1], 1, null);
            w.addName(SamplePackets.ROUTER, "router");
        }
        assertEquals(List.of(0x0A0D0D0A, 1, 6, 4), blocks(out.toByteArray()).stream().map(Block::type).toList());
    }

    @Test
    void sameCallsGiveTheSameBytes() throws IOException {
        assertArrayEquals(sampleFile("x"), sampleFile("x"));
    }

    @Test
    void unknownInterfaceIsRejected() throws IOException {
        try (PcapngWriter w = new PcapngWriter(new ByteArrayOutputStream())) {
            assertThrows(IndexOutOfBoundsException.class, () -> w.write(0, 0, new byte[1], 1, null));
        }
    }
}
