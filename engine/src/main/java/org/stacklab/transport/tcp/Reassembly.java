package org.stacklab.transport.tcp;

import java.util.Map;
import java.util.TreeMap;
import org.stacklab.wire.Bytes;

/**
 * Out-of-order data waiting for the hole before it to fill (RFC 9293 section 3.10.7.4, seventh:
 * segments beyond RCV.NXT are held for later processing). Keys are stream offsets (bytes since
 * the peer's SYN, a {@code long}, so no wrap-around); stored ranges never overlap. Allocated only
 * when out-of-order data first arrives.
 */
final class Reassembly {
    private final TreeMap<Long, Bytes> ranges = new TreeMap<>();
    private int bytes;

    int bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Holds {@code data} at {@code offset}, keeping only the bytes not held already. */
    void add(long offset, Bytes data) {
        long start = offset;
        long end = offset + data.length();
        Map.Entry<Long, Bytes> prev = ranges.floorEntry(start);
        if (prev != null) {
            long prevEnd = prev.getKey() + prev.getValue().length();
            if (prevEnd >= end) {
                return; // a duplicate of data already held
            }
            start = Math.max(start, prevEnd);
        }
        Map.Entry<Long, Bytes> next;
        while ((next = ranges.ceilingEntry(start)) != null && next.getKey() < end) {
            long nextEnd = next.getKey() + next.getValue().length();
            if (nextEnd > end) {
                end = next.getKey();
                break;
            }
            ranges.remove(next.getKey());
            bytes -= next.getValue().length();
        }
        if (end > start) {
            ranges.put(start, data.slice((int) (start - offset), (int) (end - offset)));
            bytes += (int) (end - start);
        }
    }

    /**
     * The contiguous run of held data around {@code offset} (adjacent ranges joined), as {start,
     * end} stream offsets, or null when nothing held covers it.
     */
    long[] runAround(long offset) {
        Map.Entry<Long, Bytes> e = ranges.floorEntry(offset);
        if (e == null || e.getKey() + e.getValue().length() <= offset) {
            return null;
        }
        long start = e.getKey();
        long end = start + e.getValue().length();
        Map.Entry<Long, Bytes> p;
        while ((p = ranges.lowerEntry(start)) != null && p.getKey() + p.getValue().length() == start) {
            start = p.getKey();
        }
        Bytes n;
        while ((n = ranges.get(end)) != null) {
            end += n.length();
        }
        return new long[] {start, end};
    }

    /**
     * Removes and returns the data that continues the stream at {@code offset}, or null when the
     * hole at {@code offset} is still open. Ranges wholly before {@code offset} are discarded.
     */
    Bytes take(long offset) {
        Map.Entry<Long, Bytes> first;
        while ((first = ranges.firstEntry()) != null && first.getKey() <= offset) {
            ranges.remove(first.getKey());
            Bytes d = first.getValue();
            bytes -= d.length();
            long end = first.getKey() + d.length();
            if (end > offset) {
                return d.slice((int) (offset - first.getKey()), d.length());
            }
        }
        return null;
    }
}
