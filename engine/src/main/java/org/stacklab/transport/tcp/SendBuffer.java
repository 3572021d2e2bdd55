package org.stacklab.transport.tcp;

import org.stacklab.wire.Bytes;

/**
 * The bytes a socket has accepted from the application and the peer has not yet acknowledged:
 * a ring of {@link Bytes} slices, so queueing, segmenting and retransmitting copy nothing unless
 * a segment spans two writes.
 *
 * <p>Offsets count from the first unacknowledged byte. Segments are read mostly in increasing
 * order, so the chunk of the last read is remembered and the next read starts there.
 */
final class SendBuffer {
    private Bytes[] ring = new Bytes[4];
    private int head;
    private int count;
    private int bytes;
    /** Index (from head) and starting offset of the chunk the last read found. */
    private int cursorIndex;
    private int cursorStart;

    int bytes() {
        return bytes;
    }

    void add(Bytes data) {
        if (data.isEmpty()) {
            return;
        }
        if (count == ring.length) {
            grow();
        }
        ring[(head + count) & (ring.length - 1)] = data;
        count++;
        bytes += data.length();
    }

    /** Drops the first {@code n} bytes (acknowledged). */
    void removeFront(int n) {
        int removed = 0;
        int chunks = 0;
        while (removed < n) {
            Bytes first = ring[head];
            int take = Math.min(first.length(), n - removed);
            if (take == first.length()) {
                ring[head] = null;
                head = (head + 1) & (ring.length - 1);
                count--;
                chunks++;
            } else {
                ring[head] = first.slice(take, first.length());
            }
            removed += take;
        }
        bytes -= n;
        cursorIndex -= chunks;
        cursorStart -= n;
        if (cursorIndex <= 0 || cursorStart < 0) {
            cursorIndex = 0;
            cursorStart = 0;
        }
    }

    /** The bytes at {@code [offset, offset + len)}: a slice when one chunk holds them, else a copy. */
    Bytes read(int offset, int len) {
        if (len == 0) {
            return Bytes.EMPTY;
        }
        seek(offset);
        Bytes chunk = chunk(cursorIndex);
        int from = offset - cursorStart;
        if (from + len <= chunk.length()) {
            return chunk.slice(from, from + len);
        }
        byte[] out = new byte[len];
        int done = 0;
        int i = cursorIndex;
        while (done < len) {
            Bytes c = chunk(i++);
            int take = Math.min(c.length() - from, len - done);
            c.slice(from, from + take).copyTo(out, done);
            done += take;
            from = 0;
        }
        return Bytes.wrap(out);
    }

    private void seek(int offset) {
        if (offset < cursorStart) {
            cursorIndex = 0;
            cursorStart = 0;
        }
        while (offset >= cursorStart + chunk(cursorIndex).length()) {
            cursorStart += chunk(cursorIndex).length();
            cursorIndex++;
        }
    }

    private Bytes chunk(int i) {
        return ring[(head + i) & (ring.length - 1)];
    }

    private void grow() {
        Bytes[] bigger = new Bytes[ring.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = chunk(i);
        }
        ring = bigger;
        head = 0;
    }
}
