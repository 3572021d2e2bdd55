package org.stacklab.net;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Shortest paths by latency, computed per destination (a reverse Dijkstra) the first time a
 * packet needs one, then cached: a route is one array read.
 *
 * <p>Only hosts with {@code forward: true} carry traffic for others. Ties are broken by host
 * order, then by link order, so routes are the same in every run.
 */
final class Routing {
    private final List<Host> hosts;
    private final Channel[] channels;
    private final Channel[][] incoming;
    /**
     * For a stub host (one link, to a neighbour that is not a stub itself): that link, else
     * null. Every path to a stub ends with its one link, so its route is its neighbour's.
     */
    private final Channel[] stubLink;
    private final int[][] nextByDestination;
    /**
     * The cached trees, oldest first. Each costs one int per host, so caching every destination
     * of a big non-stub topology would grow with the square of the hosts: past
     * {@link #CACHE_INTS} the oldest trees are dropped and recomputed when needed again. A
     * tree depends only on the topology, so dropping one changes no route.
     */
    private final ArrayDeque<Integer> cached = new ArrayDeque<>();
    /** About 128 MB of cached next hops. */
    static final long CACHE_INTS = 32L << 20;

    private final long cacheInts;

    Routing(List<Host> hosts, List<Channel> channels) {
        this(hosts, channels, CACHE_INTS);
    }

    /** With a cache of at most {@code cacheInts} next hops (tests make it small). */
    Routing(List<Host> hosts, List<Channel> channels, long cacheInts) {
        this.cacheInts = cacheInts;
        this.hosts = hosts;
        this.channels = channels.toArray(new Channel[0]);
        this.nextByDestination = new int[hosts.size()][];
        int[] counts = new int[hosts.size()];
        for (Channel c : channels) {
            counts[c.to().index()]++;
        }
        incoming = new Channel[hosts.size()][];
        for (int i = 0; i < counts.length; i++) {
            incoming[i] = new Channel[counts[i]];
            counts[i] = 0;
        }
        for (Channel c : channels) {
            int t = c.to().index();
            incoming[t][counts[t]++] = c;
        }
        stubLink = new Channel[hosts.size()];
        for (int i = 0; i < stubLink.length; i++) {
            if (incoming[i].length == 1 && incoming[incoming[i][0].from().index()].length > 1) {
                stubLink[i] = incoming[i][0];
            }
        }
    }

    Channel next(Host from, Host target) {
        Channel last = stubLink[target.index()];
        if (last != null) {
            // A stub (one link, like every client of a star): every path to it ends with its one
            // link from its one neighbour, so its tree is the neighbour's tree plus that hop. The
            // tie-breaks come out the same, and the stub needs no tree of its own: the memory
            // and set-up time grow with the routers, not with the hosts.
            Host via = last.from();
            if (from == via) {
                return last;
            }
            return via.forwards() ? fromTree(from, via) : null;
        }
        return fromTree(from, target);
    }

    /** How many destination trees are cached now (for tests of the bound). */
    int cachedTrees() {
        return cached.size();
    }

    /** The first hop from the destination's own shortest-path tree (no stub shortcut). */
    Channel fromTree(Host from, Host target) {
        int[] next = nextByDestination[target.index()];
        if (next == null) {
            next = tree(target);
            while (!cached.isEmpty() && (long) (cached.size() + 1) * hosts.size() > cacheInts) {
                nextByDestination[cached.removeFirst()] = null;
            }
            nextByDestination[target.index()] = next;
            cached.addLast(target.index());
        }
        int c = next[from.index()];
        return c < 0 ? null : channels[c];
    }

    /** For every host, the channel of its first hop toward {@code target} (-1: unreachable). */
    private int[] tree(Host target) {
        int n = hosts.size();
        long[] dist = new long[n];
        int[] next = new int[n];
        Arrays.fill(dist, Long.MAX_VALUE);
        Arrays.fill(next, -1);
        boolean[] done = new boolean[n];
        dist[target.index()] = 0;
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        queue.add(new long[] {0, target.index()});
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int v = (int) top[1];
            if (done[v]) {
                continue;
            }
            done[v] = true;
            // Only the destination itself and forwarding hosts may be the next hop of another host.
            if (v != target.index() && !hosts.get(v).forwards()) {
                continue;
            }
            for (Channel c : incoming[v]) {
                int u = c.from().index();
                long d = dist[v] + c.config().latencyNs() + 1;
                if (!done[u] && d < dist[u]) {
                    dist[u] = d;
                    next[u] = c.index();
                    queue.add(new long[] {d, u});
                }
            }
        }
        return next;
    }
}
