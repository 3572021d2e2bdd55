package org.stacklab.wire;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a pcapng capture file (draft-ietf-opsawg-pcapng): one section, an interface per
 * simulated interface, host names for addresses, and packets with nanosecond timestamps and
 * optional comments; the same calls give the same bytes.
 *
 * <p>Every block is little-endian and padded to 32 bits; each option list ends with
 * opt_endofopt. Names given with {@link #addName} are written in a Name Resolution Block just
 * before the next packet (or at {@link #close()}), so a reader knows them when it needs them.
 */
public final class PcapngWriter implements Closeable {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    static final int NAME_RESOLUTION = 0x00000004;
    static final int ENHANCED_PACKET = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_COMMENT = 1;
    static final int SHB_USERAPPL = 4;
    static final int IF_NAME = 2;
    static final int IF_TSRESOL = 9;
    /** if_tsresol 9: timestamps count units of 10^-9 seconds. */
    static final int NANOSECOND_RESOLUTION = 9;
    static final int NRB_RECORD_END = 0;
    static final int NRB_RECORD_IPV4 = 1;
    static final int NRB_RECORD_IPV6 = 2;
    static final String USER_APPLICATION = "StackLab";

    private final OutputStream out;
    private int interfaces;
    private final List<NameEntry> pendingNames = new ArrayList<>();

    private record NameEntry(IpAddress address, String name) {}

    /** Writes the Section Header Block at once. */
    public PcapngWriter(OutputStream out) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        BlockBody b = new BlockBody();
        b.u32(BYTE_ORDER_MAGIC);
        b.u16(1).u16(0);
        b.u64(-1L); // section length not given
        b.option(SHB_USERAPPL, utf8(USER_APPLICATION));
        b.u16(OPT_ENDOFOPT).u16(0);
        writeBlock(SECTION_HEADER, b);
    }

    /**
     * Writes an Interface Description Block with if_name and a nanosecond if_tsresol, and
     * returns the interface's id for {@link #write}.
     */
    public int addInterface(String name, int linkType) throws IOException {
        Objects.requireNonNull(name, "name");
        BlockBody b = new BlockBody();
        b.u16(linkType).u16(0);
        b.u32(PcapWriter.SNAPLEN);
        b.option(IF_NAME, utf8(name));
        b.option(IF_TSRESOL, new byte[] {NANOSECOND_RESOLUTION});
        b.u16(OPT_ENDOFOPT).u16(0);
        writeBlock(INTERFACE_DESCRIPTION, b);
        return interfaces++;
    }

    /** Records a host name for an address; it reaches the file before the next packet. */
    public void addName(IpAddress address, String name) {
        Objects.requireNonNull(address, "address");
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("host name must be non-empty without NUL: '" + name + "'");
        }
        pendingNames.add(new NameEntry(address, name));
    }

    /**
     * Appends an Enhanced Packet Block for interface {@code iface} at simulated time
     * {@code timeNs}, with an opt_comment unless {@code commentOrNull} is null or empty.
     */
    public void write(int iface, long timeNs, byte[] packet, int len, String commentOrNull) throws IOException {
        Objects.checkIndex(iface, interfaces);
        Objects.checkFromIndexSize(0, len, packet.length);
        if (timeNs < 0) {
            throw new IllegalArgumentException("negative timestamp: " + timeNs + " ns");
        }
        writePendingNames();
        int captured = Math.min(len, PcapWriter.SNAPLEN);
        BlockBody b = new BlockBody();
        b.u32(iface);
        b.u32((int) (timeNs >>> 32)).u32((int) timeNs);
        b.u32(captured).u32(len);
        b.padded(packet, captured);
        if (commentOrNull != null && !commentOrNull.isEmpty()) {
            b.option(OPT_COMMENT, utf8(commentOrNull));
            b.u16(OPT_ENDOFOPT).u16(0);
        }
        writeBlock(ENHANCED_PACKET, b);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Writes names added since the last packet, then closes the stream. */
    @Override
    public void close() throws IOException {
        try {
            writePendingNames();
        } finally {
            out.close();
        }
    }

    /** One nrb_record_ipv4 per name, then nrb_record_end; no options. */
    private void writePendingNames() throws IOException {
        if (pendingNames.isEmpty()) {
            return;
        }
        BlockBody b = new BlockBody();
        for (NameEntry e : pendingNames) {
            // pcapng section 4.5: nrb_record_ipv4 is 4 address bytes, nrb_record_ipv6 16, then the name and a NUL
            byte[] name = utf8(e.name());
            byte[] address = e.address().toBytes();
            byte[] value = new byte[address.length + name.length + 1];
            System.arraycopy(address, 0, value, 0, address.length);
            System.arraycopy(name, 0, value, address.length, name.length);
            b.option(address.length == 4 ? NRB_RECORD_IPV4 : NRB_RECORD_IPV6, value);
        }
        b.u16(NRB_RECORD_END).u16(0);
        writeBlock(NAME_RESOLUTION, b);
        pendingNames.clear();
    }

    /** Block type, total length, body, total length again (12 bytes around the body). */
    private void writeBlock(int type, BlockBody body) throws IOException {
        int total = 12 + body.size();
        BlockBody block = new BlockBody();
        block.u32(type).u32(total);
        block.bytes.writeBytes(body.bytes.toByteArray());
        block.u32(total);
        out.write(block.bytes.toByteArray());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A little-endian block body under construction. */
    private static final class BlockBody {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        BlockBody u16(int v) {
            bytes.write(v);
            bytes.write(v >>> 8);
            return this;
        }

        BlockBody u32(int v) {
            return u16(v & 0xFFFF).u16(v >>> 16);
        }

        BlockBody u64(long v) {
            return u32((int) v).u32((int) (v >>> 32));
        }

        /** Code, length, value padded to 32 bits: the layout of options and NRB records alike. */
        BlockBody option(int code, byte[] value) {
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("option value of " + value.length + " bytes is too long");
            }
            u16(code).u16(value.length);
            return padded(value, value.length);
        }

        BlockBody padded(byte[] value, int len) {
            bytes.write(value, 0, len);
            for (int i = len; i % 4 != 0; i++) {
                bytes.write(0);
            }
            return this;
        }

        int size() {
            return bytes.size();
        }
    }
}
