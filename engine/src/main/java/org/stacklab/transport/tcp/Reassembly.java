package org.stacklab.transport.tcp;

import java.util.ArrayList;
import java.util.List;
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
     * The held data as contiguous {start, end} offset ranges (adjacent pieces joined): the
     * content of SACK blocks (RFC 2018), the one holding {@code latest} first, then the others
     * from the highest down; at most {@code max}.
     */
    List<long[]> blocks(long latest, int max) {
        List<long[]> all = new ArrayList<>();
        for (Map.Entry<Long, Bytes> e : ranges.entrySet()) {
            long end = e.getKey() + e.getValue().length();
            if (!all.isEmpty() && all.get(all.size() - 1)[1] == e.getKey()) {
                all.get(all.size() - 1)[1] = end;
            } else {
                all.add(new long[] {e.getKey(), end});
            }
        }
        List<long[]> out = new ArrayList<>();
        for (long[] b : all) {
            if (b[0] <= latest && latest < b[1]) {
                out.add(b);
            }
        }
        for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
            if (out.isEmpty() || out.get(0) != all.get(i)) {
                out.add(all.get(i));
            }
        }
        return out.size() > max ? out.subList(0, max) : out;
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
