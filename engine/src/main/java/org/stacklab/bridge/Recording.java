package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.process.Step;
import org.stacklab.wire.Bytes;

/**
 * What one world's processes did, in the terms the comparison uses: each script step's result
 * (ok or the errno) with what can be compared about it (a peer's host, a datagram's length), the
 * calls of built-in apps counted by result, the bytes each process received (count and a digest
 * that does not depend on how a stream was cut into reads, nor on the order datagrams from
 * different senders arrived in), and whom each process accepted connections from.
 */
public final class Recording {
    /** One script step's completion. {@code detail} is compared too; {@code note} says if it can be. */
    public record Entry(String label, String kind, int line, String result, String detail, Note note) {
        public boolean comparable() {
            return note == null || note.compared();
        }
    }

    /** One process's record. Written only on that process's thread while the world runs. */
    public static final class Proc {
        private final String name;
        private final String host;
        final List<Entry> steps = new ArrayList<>();
        final Map<String, Map<String, Integer>> appCalls = new TreeMap<>();
        final Map<String, Integer> accepted = new TreeMap<>();
        final Map<String, Integer> senders = new TreeMap<>();
        final Map<Integer, Step.SockType> types = new HashMap<>();
        final Map<Integer, Long> streamDigests = new HashMap<>();
        final List<Note> appNotes = new ArrayList<>();
        long bytes;
        long datagramDigest;
        long datagrams;
        final StringBuilder sample = new StringBuilder();
        String status = "not started";
        String pending;
        String failure;

        Proc(String name, String host) {
            this.name = name;
            this.host = host;
        }

        public String name() {
            return name;
        }

        public String host() {
            return host;
        }

        public List<Entry> steps() {
            return steps;
        }

        public long bytes() {
            return bytes;
        }

        /** Digest of everything received: stream digests and datagram digests summed (order-free). */
        public long digest() {
            long d = datagramDigest;
            for (long s : streamDigests.values()) {
                d += s * 0x9E3779B97F4A7C15L;
            }
            return d;
        }

        public String status() {
            return status;
        }

        /** The step the process was waiting in when the run ended, or null. */
        public String pending() {
            return pending;
        }

        void received(int fd, Bytes data) {
            bytes += data.length();
            if (sample.length() < 200) {
                String t = new String(data.toArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
                sample.append(t, 0, Math.min(t.length(), 200 - sample.length()));
            }
            if (types.get(fd) == Step.SockType.DGRAM) {
                datagramDigest += datagramHash(data);
                datagrams++;
            } else {
                long h = streamDigests.getOrDefault(fd, 0L);
                for (int i = 0; i < data.length(); i++) {
                    h = h * 1_000_003L + (data.get(i) & 0xFF) + 1;
                }
                streamDigests.put(fd, h);
            }
        }

        String sample() {
            return sample.toString().replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    /** FNV-1a over the bytes and the length: one datagram's fingerprint. */
    static long datagramHash(Bytes d) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < d.length(); i++) {
            h ^= d.get(i) & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= d.length();
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }

    private final Map<String, Proc> procs = new LinkedHashMap<>();

    /** Declares a process before the world runs (the map is not changed while it runs). */
    Proc add(String name, String host) {
        return procs.computeIfAbsent(name, n -> new Proc(n, host));
    }

    public Proc get(String name) {
        return procs.get(name);
    }

    public List<Proc> processes() {
        return List.copyOf(procs.values());
    }
}
