package org.stacklab.transport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A reference model of one host's port tables, written from the text of docs/port-table.md (and,
 * where the text is silent, the kernel function it cites), independently of {@link BindRules},
 * {@link PortTable} and {@link Ephemeral}. Addresses are ints (0 = 0.0.0.0). Calls return the
 * expected errno name or "ok"; where the table chooses a port itself, the model is given the
 * table's choice and checks that it is one the rules allow.
 */
final class PortModel {
    static final int ANY = 0;

    enum St { UNBOUND, BOUND, LISTEN, CONNECTED, TIMEWAIT, CLOSED }

    static final class S {
        final int id;
        final boolean tcp;
        int uid;
        boolean ra;
        boolean rp;
        St st = St.UNBOUND;
        int addr;
        int port;
        int rAddr;
        int rPort;
        boolean named;
        boolean child;
        long boundAt;
        long connectedAt;

        S(int id, boolean tcp, int uid) {
            this.id = id;
            this.tcp = tcp;
            this.uid = uid;
        }

        boolean holdsPort() {
            return st == St.BOUND || st == St.LISTEN || st == St.CONNECTED || st == St.TIMEWAIT;
        }

        @Override
        public String toString() {
            return "#" + id + (tcp ? " tcp " : " udp ") + st + " " + Integer.toHexString(addr) + ":" + port
                    + (ra ? " RA" : "") + (rp ? " RP" : "") + " uid" + uid;
        }
    }

    final List<S> socks = new ArrayList<>();
    private final int low;
    private final int high;
    private final Set<Integer> localAddrs;
    private final int outgoing;
    private final int loopbackSource;
    /** TCP ports whose bucket connect() created and no bind() joined (E4, tb->fastreuse == -1). */
    private final Set<Integer> connectBuckets = new HashSet<>();
    private long clock;

    /** {@code localAddrs}: the host's own addresses besides 127.0.0.0/8; {@code outgoing}: its source toward other hosts. */
    PortModel(int low, int high, Set<Integer> localAddrs, int outgoing, int loopbackSource) {
        this.low = low;
        this.high = high;
        this.localAddrs = localAddrs;
        this.outgoing = outgoing;
        this.loopbackSource = loopbackSource;
    }

    S open(boolean tcp, int uid) {
        S s = new S(socks.size(), tcp, uid);
        socks.add(s);
        return s;
    }

    // ------------------------------------------------------------------ the rules, B3 to D6

    /** B3: equal, or either is the wildcard. */
    private static boolean overlap(int a, int b) {
        return a == b || a == ANY || b == ANY;
    }

    private List<S> holders(boolean tcp, int port) {
        List<S> l = new ArrayList<>();
        for (S o : socks) {
            if (o.tcp == tcp && o.port == port && o.holdsPort()) {
                l.add(o);
            }
        }
        return l;
    }

    /**
     * B4 unless C1 (TCP: RA on both, owner not listening) or C5 (UDP: RA on both), or D1/D2 (RP
     * on both and the same user; a TIME_WAIT owner is exempt from the user check).
     */
    private static boolean refuses(S s, S owner) {
        if (s.ra && owner.ra && (!s.tcp || owner.st != St.LISTEN)) {
            return false;
        }
        if (s.rp && owner.rp && (owner.uid == s.uid || (s.tcp && owner.st == St.TIMEWAIT))) {
            return false;
        }
        return true;
    }

    private boolean conflicts(S s, int addr, int port) {
        for (S o : holders(s.tcp, port)) {
            if (o != s && overlap(addr, o.addr) && refuses(s, o)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyOverlap(S s, int addr, int port) {
        for (S o : holders(s.tcp, port)) {
            if (o != s && overlap(addr, o.addr)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ ephemeral choices, E1-E6

    /**
     * The passes of a kernel port scan over {@code [from, to)}, each a list of the port sets it
     * may visit (E3, E4: {@code remaining &= ~1}, start at a random offset, step 2, wrap by
     * subtracting {@code remaining}). Over an even count every pass sees all ports of its parity;
     * over an odd count n >= 5 the pass over offsets of low's parity sees all but the first or
     * all but the last of them, depending on where it starts.
     */
    private static void addScan(List<List<Set<Integer>>> passes, int from, int to, boolean oppositeFirst) {
        int n = to - from;
        if (n == 1) {
            passes.add(List.of(Set.of(from)));
            return;
        }
        int remaining = n & ~1;
        Set<Integer> opposite = new HashSet<>();
        Set<Integer> same = new HashSet<>();
        Set<Integer> sameShifted = new HashSet<>();
        for (int o = 0; o < n; o++) {
            if (o % 2 == 1 && o < remaining) {
                opposite.add(from + o);
            } else if (o % 2 == 0) {
                if (o < remaining) {
                    same.add(from + o);
                }
                if (o >= 2) {
                    sameShifted.add(from + o);
                }
            }
        }
        List<Set<Integer>> sameVariants = n % 2 == 1 && n >= 5 ? List.of(same, sameShifted) : List.of(same);
        if (oppositeFirst) {
            passes.add(List.of(opposite));
            passes.add(sameVariants);
        } else {
            passes.add(sameVariants);
            passes.add(List.of(opposite));
        }
    }

    /** E3: TCP bind(0) and listen(): with RA the lower half first; in each part, the parity opposite to low first. */
    private List<List<Set<Integer>>> tcpBindScan(S s) {
        List<List<Set<Integer>>> passes = new ArrayList<>();
        int size = high + 1 - low;
        if (s.ra && size >= 4) {
            int half = low + ((size >> 2) << 1);
            addScan(passes, low, half, true);
            addScan(passes, half, high + 1, true);
        } else {
            addScan(passes, low, high + 1, true);
        }
        return passes;
    }

    /**
     * Whether {@code chosen} (-1: none) is what a scan through {@code passes} can return: the
     * first pass that meets a free port returns one of its free ports; if none does, none.
     */
    private static boolean fits(List<List<Set<Integer>>> passes, Predicate<Integer> free, int chosen) {
        int combos = 1;
        for (List<Set<Integer>> p : passes) {
            combos *= p.size();
        }
        for (int c = 0; c < combos; c++) {
            int k = c;
            boolean decided = false;
            boolean ok = chosen == -1;
            for (List<Set<Integer>> pass : passes) {
                Set<Integer> visit = pass.get(k % pass.size());
                k /= pass.size();
                if (visit.stream().anyMatch(free)) {
                    ok = visit.contains(chosen) && free.test(chosen);
                    decided = true;
                    break;
                }
            }
            if (ok || (!decided && chosen == -1)) {
                return true;
            }
        }
        return false;
    }

    /** Checks an automatic choice against the scan; returns the errno when it found nothing. */
    private String scanned(List<List<Set<Integer>>> passes, Predicate<Integer> free, int chosen, String exhausted, String rule) {
        if (!fits(passes, free, chosen)) {
            throw new AssertionError(chosen == -1 ? rule + ": the table found no port, but the scan would have"
                    : rule + ": the scan would not have returned port " + chosen);
        }
        return chosen == -1 ? exhausted : "ok";
    }

    private String tcpAutobind(S s, int addr, int chosen) {
        String r = scanned(tcpBindScan(s), p -> !anyOverlap(s, addr, p), chosen, "EADDRINUSE", "E3");
        if (r.equals("ok")) {
            take(s, addr, chosen, false);
            connectBuckets.remove(chosen);
        }
        return r;
    }

    /** E6: the whole range, no parity; a port is free when the ordinary bind check allows it. */
    private String udpAutobind(S s, int addr, int chosen, String exhausted) {
        Set<Integer> all = new HashSet<>();
        for (int p = low; p <= high; p++) {
            all.add(p);
        }
        String r = scanned(List.of(List.of(all)), p -> !conflicts(s, addr, p), chosen, exhausted, "E6");
        if (r.equals("ok")) {
            take(s, addr, chosen, false);
        }
        return r;
    }

    private boolean tupleUsed(int addr, int port, int rAddr, int rPort) {
        return tupleHolder(addr, port, rAddr, rPort) != null;
    }

    private S tupleHolder(int addr, int port, int rAddr, int rPort) {
        for (S o : socks) {
            if (o.tcp && (o.st == St.CONNECTED || o.st == St.TIMEWAIT) && o.addr == addr && o.port == port
                    && o.rAddr == rAddr && o.rPort == rPort) {
                return o;
            }
        }
        return null;
    }

    /** E4: a port is eligible when nobody holds it, or only connect() does and the 4-tuple is new. */
    private boolean connectEligible(int src, int port, int rAddr, int rPort) {
        return holders(true, port).isEmpty() || (connectBuckets.contains(port) && !tupleUsed(src, port, rAddr, rPort));
    }

    // ------------------------------------------------------------------ calls

    String bind(S s, int addr, int port, int chosen) {
        if (addr != ANY && !isLocal(addr)) {
            return "EADDRNOTAVAIL"; // F2
        }
        if (port > 0 && port < 1024 && s.uid != 0) {
            return "EACCES"; // F1
        }
        if (s.port != 0) {
            return "EINVAL"; // B1
        }
        if (port == 0) {
            String r = s.tcp ? tcpAutobind(s, addr, chosen) : udpAutobind(s, addr, chosen, "EADDRINUSE");
            return r;
        }
        if (conflicts(s, addr, port)) {
            return "EADDRINUSE";
        }
        take(s, addr, port, true);
        connectBuckets.remove(port);
        return "ok";
    }

    String listen(S s, int chosen) {
        if (!s.tcp) {
            return "EOPNOTSUPP";
        }
        if (s.st == St.LISTEN) {
            return "ok"; // G1
        }
        if (s.st != St.UNBOUND && s.st != St.BOUND) {
            return "EINVAL";
        }
        if (s.port == 0) {
            String r = tcpAutobind(s, ANY, chosen);
            if (!r.equals("ok")) {
                return r;
            }
        } else {
            St before = s.st;
            s.st = St.LISTEN; // C3: the check runs again with the socket listening
            boolean refused = conflicts(s, s.addr, s.port);
            s.st = before;
            if (refused) {
                return "EADDRINUSE";
            }
        }
        s.st = St.LISTEN;
        s.boundAt = ++clock;
        return "ok";
    }

    /** F2: the host's addresses and all of 127.0.0.0/8. */
    private boolean isLocal(int addr) {
        return (addr >>> 24) == 127 || localAddrs.contains(addr);
    }

    /** H2: a specific binding keeps its address; else 127.x goes from 127.0.0.1, own addresses from themselves. */
    int source(S s, int rAddr) {
        if (s.port != 0 && s.addr != ANY) {
            return s.addr;
        }
        if ((rAddr >>> 24) == 127) {
            return loopbackSource;
        }
        return isLocal(rAddr) ? rAddr : outgoing;
    }

    String connect(S s, int rAddr, int rPort, int chosen) {
        int src = source(s, rAddr);
        if (!s.tcp) {
            if (s.port == 0) {
                String r = udpAutobind(s, ANY, chosen, "EAGAIN");
                if (!r.equals("ok")) {
                    return r;
                }
            }
            if (s.addr == ANY) {
                s.addr = src; // B5
            }
            if (s.st != St.CONNECTED || s.rAddr != rAddr || s.rPort != rPort) {
                s.connectedAt = ++clock;
            }
            s.rAddr = rAddr;
            s.rPort = rPort;
            s.st = St.CONNECTED;
            return "ok";
        }
        if (s.st == St.LISTEN || s.st == St.CONNECTED) {
            return "EISCONN";
        }
        if (s.port == 0) {
            List<List<Set<Integer>>> passes = new ArrayList<>();
            addScan(passes, low, high + 1, false);
            String r = scanned(passes, p -> connectEligible(src, p, rAddr, rPort), chosen, "EADDRNOTAVAIL", "E4");
            if (!r.equals("ok")) {
                return r;
            }
            boolean fresh = holders(true, chosen).isEmpty();
            take(s, src, chosen, false);
            if (fresh) {
                connectBuckets.add(chosen);
            }
        } else {
            int ip = s.addr == ANY ? src : s.addr;
            S holder = tupleHolder(ip, s.port, rAddr, rPort);
            if (holder != null && holder != s) {
                if (holder.st != St.TIMEWAIT) {
                    return "EADDRNOTAVAIL"; // H3
                }
                holder.st = St.CLOSED; // H4
            }
            s.addr = ip; // B5
        }
        s.rAddr = rAddr;
        s.rPort = rPort;
        s.st = St.CONNECTED;
        return "ok";
    }

    /** A3: the child takes the SYN's destination address and the listener's flags and user. */
    S accept(S listener, int dst, int rAddr, int rPort) {
        S c = open(true, listener.uid);
        c.ra = listener.ra;
        c.rp = listener.rp;
        c.child = true;
        take(c, dst, listener.port, true);
        c.rAddr = rAddr;
        c.rPort = rPort;
        c.st = St.CONNECTED;
        return c;
    }

    boolean tupleInUse(int addr, int port, int rAddr, int rPort) {
        return tupleUsed(addr, port, rAddr, rPort);
    }

    void close(S s) {
        s.st = St.CLOSED;
        dropEmptyBucket(s);
    }

    void timeWait(S s) {
        s.st = St.TIMEWAIT;
    }

    /** A failed connect: a port the kernel chose goes back; a named one stays bound. */
    void fail(S s) {
        s.rAddr = 0;
        s.rPort = 0;
        if (s.named) {
            s.st = St.BOUND;
        } else {
            s.st = St.UNBOUND;
            dropEmptyBucket(s);
            s.port = 0;
        }
    }

    private void dropEmptyBucket(S s) {
        if (s.tcp && holders(true, s.port).isEmpty()) {
            connectBuckets.remove(s.port);
        }
    }

    private void take(S s, int addr, int port, boolean named) {
        s.addr = addr;
        s.port = port;
        s.st = St.BOUND;
        s.named = named;
        s.boundAt = ++clock;
    }

    // ------------------------------------------------------------------ demux, I and J

    /**
     * The sockets that may take a packet: I1-I2 for TCP (exact 4-tuple, else listeners on the
     * destination, else on the wildcard); J1-J3 and C6/D3 for UDP (the most recently connected
     * socket whose peer is the sender, else the newest unconnected socket on the destination,
     * else on the wildcard, or its REUSEPORT group: same user, RP, same address). Empty: none.
     */
    List<S> receivers(boolean tcp, int dst, int dport, int src, int sport) {
        List<S> r = new ArrayList<>();
        if (tcp) {
            S conn = tupleHolder(dst, dport, src, sport);
            if (conn != null) {
                return List.of(conn);
            }
            for (int a : new int[] {dst, ANY}) {
                for (S o : socks) {
                    if (o.tcp && o.st == St.LISTEN && o.addr == a && o.port == dport) {
                        r.add(o);
                    }
                }
                if (!r.isEmpty()) {
                    return r;
                }
            }
            return r;
        }
        S newestConnected = null;
        for (S o : socks) {
            if (!o.tcp && o.st == St.CONNECTED && o.addr == dst && o.port == dport && o.rAddr == src && o.rPort == sport
                    && (newestConnected == null || o.connectedAt > newestConnected.connectedAt)) {
                newestConnected = o;
            }
        }
        if (newestConnected != null) {
            return List.of(newestConnected);
        }
        for (int a : new int[] {dst, ANY}) {
            S newest = null;
            for (S o : socks) {
                if (!o.tcp && o.st == St.BOUND && o.addr == a && o.port == dport && (newest == null || o.boundAt > newest.boundAt)) {
                    newest = o;
                }
            }
            if (newest == null) {
                continue;
            }
            if (!newest.rp) {
                return List.of(newest);
            }
            for (S o : socks) {
                if (!o.tcp && o.st == St.BOUND && o.addr == a && o.port == dport && o.rp && o.uid == newest.uid) {
                    r.add(o);
                }
            }
            return r;
        }
        return r;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
