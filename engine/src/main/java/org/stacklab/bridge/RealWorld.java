package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.stacklab.bridge.libc.Sys;
import org.stacklab.bridge.netns.NamespaceNetwork;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;

/**
 * The real world: one machine's loopback standing for the scenario's hosts through an
 * {@link AddressMap}, with a {@link Reactor} running every process's socket calls. It knows every
 * socket its processes hold, so it can tell a port held by this run from one held by something
 * else on the machine, and close them all when the run ends.
 */
public final class RealWorld implements AutoCloseable {
    private final AddressMap map;
    private final TimeScale scale;
    private final Environment env;
    private final Reactor reactor;
    private final long start = System.nanoTime();
    /** I/O thread only: every open socket, and the local addresses of closed connections (maybe in TIME-WAIT). */
    private final Set<RealSocket> open = new LinkedHashSet<>();
    private final List<Endpoint> closedConnections = new ArrayList<>();
    /** "udp:7" -> the host whose script bound 0.0.0.0:7 ("lo" for 127.x): who sends from 127.0.0.1 (H2). */
    private final ConcurrentHashMap<String, String> unmappedSenders = new ConcurrentHashMap<>();

    private volatile int descriptorErrno;
    /** Descriptors held back from the run, given up when it meets EMFILE (see {@link Reserve}). */
    private final Reserve reserve = new Reserve();

    public RealWorld(AddressMap map, TimeScale scale, Environment env) {
        this(map, scale, env, true);
    }

    /** {@code isolate}: run every socket in a network namespace of its own when the process may make one (root). */
    public RealWorld(AddressMap map, TimeScale scale, Environment env, boolean isolate) {
        this(map, scale, env, isolate, null);
    }

    /**
     * {@code network}: a namespace per host (built, verified and owned from now on by this world,
     * closed with it), or null for one loopback (then {@code isolate} as above).
     */
    public RealWorld(AddressMap map, TimeScale scale, Environment env, boolean isolate, NamespaceNetwork network) {
        this.map = map;
        this.scale = scale;
        this.env = env;
        this.network = network;
        this.reactor = new Reactor(Math.max(2, Runtime.getRuntime().availableProcessors()), isolate && network == null);
    }

    /** The namespace per host this world runs in, or null (one loopback). */
    private final NamespaceNetwork network;
    /** I/O thread only: the host whose namespace the I/O thread is in now (null: where it started). */
    private String inside;

    /** Whether every host has a network namespace of its own, with real links and routes. */
    public boolean namespaces() {
        return network != null;
    }

    NamespaceNetwork network() {
        return network;
    }

    /**
     * I/O thread: moves it into {@code host}'s namespace before a socket of that host is opened
     * (a socket stays in the namespace it was made in, whichever thread uses it). 0 or -errno.
     */
    int enter(String host) {
        if (network == null || host.equals(inside)) {
            return 0;
        }
        int res = Sys.enterNamespace(network.fd(host));
        if (res >= 0) {
            inside = host;
        }
        return res;
    }

    /** UDP datagrams the kernel dropped for full receive buffers so far, over every namespace of the run; -1 when unknown. */
    long udpReceiveBufferErrors() {
        return network != null ? network.sum(KernelDrops::udpReceiveBufferErrors) : KernelDrops.udpReceiveBufferErrors(netDir());
    }

    /** A process on {@code host} (a host of the map). */
    public RealSocketApi process(String name, String host) {
        return new RealSocketApi(this, name, host, map.loopbackOf(host));
    }

    public AddressMap map() {
        return map;
    }

    public TimeScale scale() {
        return scale;
    }

    public Environment environment() {
        return env;
    }

    Reactor reactor() {
        return reactor;
    }

    long startNanos() {
        return start;
    }

    /**
     * Whether this run is in a network namespace of its own (only {@code lo}, read from
     * /proc/net/dev, not from a flag): then nothing outside the run can reach its sockets, and a
     * wildcard bind is made as written.
     */
    public boolean isolated() {
        return network != null || reactor.isolated();
    }

    /** The /proc folder of the sockets' network namespace (the I/O thread's), for kernel counters. */
    java.nio.file.Path netDir() {
        return reactor.netDir();
    }

    /** The longest a blocking call without a timeout may wait (then it gives the kernel's timeout answer). */
    long longestWaitMs() {
        return 30_000;
    }

    /** Why the run is not in a namespace of its own, or null. */
    public String whyNotIsolated() {
        return network != null ? null : reactor.whyNotIsolated();
    }

    /** Why the bridge will not send to {@code to} (a real address), or null: see {@link Reachability}. */
    String refusal(Protocol proto, Endpoint to) {
        if (isolated() || heldByRun(proto, to, null)) {
            return null;
        }
        return Reachability.heldOutside(proto, to.port())
                ? proto.label() + " port " + to.port() + " belongs to something outside this run, which the bridge never reaches"
                : null;
    }

    /** A socket or accept call failed with EMFILE or ENFILE: the run stops (reported once). */
    void outOfDescriptors(int errno) {
        if (descriptorErrno == 0) {
            descriptorErrno = errno;
            reserve.release(); // room for the JVM to load the classes that report it, and to close
        }
    }

    /** EMFILE or ENFILE once the run ran out of descriptors, else 0. */
    public int descriptorErrno() {
        return descriptorErrno;
    }

    /** Nothing queued or running, no sleep or timeout pending. */
    public boolean quiet() {
        return reactor.quiet();
    }

    /** Nothing queued or running (sleeps and timeouts may be pending). */
    public boolean idle() {
        return reactor.idle();
    }

    /** System.nanoTime() of the last call, completion or readiness. */
    public long lastActivity() {
        return reactor.lastActivity();
    }

    /** Internal errors (bugs in the bridge) seen while running. */
    public List<String> bugs() {
        return List.copyOf(reactor.bugs());
    }

    void boundLocally(Protocol proto, Endpoint local, String host) {
        if (local.ip().isWildcard()) {
            unmappedSenders.put(proto.label() + ":" + local.port(), host);
        } else if (map.hostOfReal(local.ipv4()) == null) {
            unmappedSenders.put(proto.label() + ":" + local.port(), "lo");
        }
    }

    /**
     * Who sent from an address no host stands for (127.0.0.1): a socket a script bound to 0.0.0.0
     * on some host (the kernel sources it from 127.0.0.1, H2), else "lo". Any thread.
     */
    String senderOfUnmapped(Protocol proto, int port) {
        return unmappedSenders.getOrDefault(proto.label() + ":" + port, "lo");
    }

    void remember(RealSocket s) {
        open.add(s);
    }

    /** {@code connectedAt}: the local address of a connection that closed (maybe in TIME-WAIT now), or null. */
    void forget(RealSocket s, Endpoint connectedAt) {
        open.remove(s);
        if (connectedAt != null && s.stream) {
            closedConnections.add(connectedAt);
        }
    }

    /**
     * Whether a socket of this run (other than {@code except}), or a connection it closed, holds a
     * binding overlapping {@code e} (B3): then an EADDRINUSE is the run's own doing.
     */
    boolean heldByRun(Protocol proto, Endpoint e, RealSocket except) {
        for (RealSocket s : open) {
            if (s == except || s.protocol() != proto) {
                continue;
            }
            Endpoint a = s.local();
            if (a != null && overlaps(a, e)) {
                return true;
            }
        }
        if (proto == Protocol.TCP) {
            for (Endpoint c : closedConnections) {
                if (overlaps(c, e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean overlaps(Endpoint a, Endpoint b) {
        return a.port() == b.port() && a.port() != 0
                && (a.ip().equals(b.ip()) || a.ip().isWildcard() || b.ip().isWildcard());
    }

    /**
     * Closes every socket still open (waiting calls are dropped) and stops the threads; bounded in
     * time. Connections still open are reset (SO_LINGER 0), so that no TIME-WAIT of this run
     * outlives it and blocks the next run's binds.
     */
    @Override
    public void close() {
        reactor.shutdown(() -> {
            for (RealSocket s : new ArrayList<>(open)) {
                s.abort();
                s.close();
            }
            reserve.release();
        }, 2000);
        if (network != null) {
            network.close();
        }
    }
}
