package org.stacklab.wire;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes a classic libpcap capture file (version 2.4), little-endian as x86 libpcap writes it,
 * with timestamps taken from simulated time; the same calls give the same bytes.
 *
 * <p>The default {@link Resolution#MICROSECONDS} is the format every tool reads: simulated
 * nanoseconds are truncated to whole microseconds. {@link Resolution#NANOSECONDS} keeps them
 * whole under the magic 0xa1b23c4d, which libpcap 1.5+, tcpdump and Wireshark read.
 */
public final class PcapWriter implements Closeable {
    /** LINKTYPE_RAW: each record starts with the IP header, no link-layer header. */
    public static final int LINKTYPE_RAW = 101;
    public static final int SNAPLEN = 65535;
    static final int GLOBAL_HEADER = 24;
    static final int RECORD_HEADER = 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The unit of the fractional part of each record's timestamp. */
    public enum Resolution {
        MICROSECONDS(0xa1b2c3d4, 1_000),
        NANOSECONDS(0xa1b23c4d, 1);

        private final int magic;
        private final long nanosPerUnit;

        Resolution(int magic, long nanosPerUnit) {
            this.magic = magic;
            this.nanosPerUnit = nanosPerUnit;
        }

        public int magic() {
            return magic;
        }
    }

    private final OutputStream out;
    private final Resolution resolution;

    /** Writes the global header at once, with microsecond timestamps. */
    public PcapWriter(OutputStream out) throws IOException {
        this(out, Resolution.MICROSECONDS);
    }

    /** Writes the global header at once. */
    public PcapWriter(OutputStream out, Resolution resolution) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.resolution = Objects.requireNonNull(resolution, "resolution");
        ByteBuffer h = buffer(GLOBAL_HEADER);
        h.putInt(resolution.magic);
        h.putShort((short) 2).putShort((short) 4);
        h.putInt(0); // thiszone: timestamps are simulated, so UTC by definition
        h.putInt(0); // sigfigs
        h.putInt(SNAPLEN);
        h.putInt(LINKTYPE_RAW);
        out.write(h.array());
    }

    /**
     * Appends one packet seen at simulated time {@code timeNs}; packets longer than the snap
     * length are cut, keeping their original length in the record.
     */
    public void write(long timeNs, byte[] packet, int len) throws IOException {
        if (timeNs < 0) {
            throw new IllegalArgumentException("negative timestamp: " + timeNs + " ns");
        }
        Objects.checkFromIndexSize(0, len, packet.length);
        long seconds = timeNs / NANOS_PER_SECOND;
        if (seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp beyond the 32-bit seconds of pcap: " + timeNs + " ns");
        }
        int captured = Math.min(len, SNAPLEN);
        ByteBuffer r = buffer(RECORD_HEADER);
        r.putInt((int) seconds);
        r.putInt((int) ((timeNs % NANOS_PER_SECOND) / resolution.nanosPerUnit));
        r.putInt(captured);
        r.putInt(len);
        out.write(r.array());
        out.write(packet, 0, captured);
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
