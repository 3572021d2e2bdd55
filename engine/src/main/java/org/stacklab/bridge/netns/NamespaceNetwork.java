package org.stacklab.bridge.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.stacklab.bridge.libc.Sys;

/**
 * A real network for a scenario: a network namespace per host, a veth pair per link with the
 * link's bandwidth and queue applied by {@code tc} (tbf and a pfifo of the link's queue; latency
 * and loss through netem when the kernel has it), forwarding hosts as routers and every host's
 * routes as the simulation computes them ({@link Topology}).
 *
 * <p>Clean-up: the namespaces are named ({@code stacklab-PID-RUN-K}) only while {@code ip} and
 * {@code tc} configure them. Then this JVM opens each one's file and the names are deleted at
 * once: from there on the namespaces live only as long as this process holds their descriptors
 * (and sockets in them), so they vanish with it on every exit path, even a kill -9. A shutdown hook
 * deletes the names if the JVM ends (Ctrl-C) while they still exist, a failed build deletes
 * them before it throws, and a new build deletes names left by a process that no longer runs.
 */
public final class NamespaceNetwork implements AutoCloseable {
    /** Every namespace name the bridge makes starts with this. */
    public static final String PREFIX = "stacklab-";
    private static final Path RUN_NETNS = Path.of("/run/netns");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Topology topology;
    private final Map<String, Integer> fds = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Set<String> named = new LinkedHashSet<>();
    private final Thread hook = new Thread(this::deleteNames, "stacklab-netns-cleanup");
    private boolean netem;

    private NamespaceNetwork(Topology topology) {
        this.topology = topology;
    }

    /** Why no namespace network can be built here, or null: it needs libc, root and iproute2's ip and tc. */
    public static String unavailable(boolean root) {
        if (Sys.unavailable() != null) {
            return Sys.unavailable();
        }
        if (!root) {
            return "a network namespace per host needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN)";
        }
        for (String tool : List.of("ip", "tc")) {
            if (Shell.find(tool) == null) {
                return "a network namespace per host needs iproute2's '" + tool + "' on the PATH (apt-get install iproute2)";
            }
        }
        return null;
    }

    /** Builds the network of {@code t}; on failure nothing of it is left and the exception says what failed. */
    public static NamespaceNetwork build(Topology t) throws IOException {
        NamespaceNetwork n = new NamespaceNetwork(t);
        sweepStale();
        Runtime.getRuntime().addShutdownHook(n.hook);
        try {
            n.make();
            return n;
        } catch (IOException | RuntimeException e) {
            n.close();
            throw e;
        } finally {
            n.deleteNames();
            try {
                Runtime.getRuntime().removeShutdownHook(n.hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) anyway
            }
        }
    }

    private void make() throws IOException {
        String stem = PREFIX + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet() + "-";
        StringBuilder batch = new StringBuilder();
        int k = 0;
        for (Topology.Node node : topology.nodes()) {
            String name = stem + k++;
            names.put(node.host(), name);
            batch.append("netns add ").append(name).append('\n');
        }
        synchronized (named) {
            named.addAll(names.values());
        }
        for (Topology.Veth v : topology.veths()) {
            batch.append("link add ").append(v.aDev()).append(" netns ").append(names.get(v.a())).append(" type veth peer name ")
                    .append(v.bDev()).append(" netns ").append(names.get(v.b())).append('\n');
        }
        Shell.run(List.of("ip", "-b", "-"), batch.toString());
        netem = !topology.veths().isEmpty() && netemWorks(names.get(topology.veths().get(0).a()));
        for (Topology.Node node : topology.nodes()) {
            Shell.run(List.of("ip", "netns", "exec", names.get(node.host()), "sh", "-e", "-s"),
                    NamespaceScript.of(node, devices(node.host()), netem));
        }
        for (Topology.Node node : topology.nodes()) {
            String path = RUN_NETNS.resolve(names.get(node.host())).toString();
            int fd = Sys.openNamespace(path);
            if (fd < 0) {
                throw new IOException("open " + path + ": errno " + -fd);
            }
            fds.put(node.host(), fd);
        }
        String wrong = verify();
        if (wrong != null) {
            throw new IOException(wrong);
        }
    }

    /** Whether this kernel has netem (it is a module some kernels lack): tried once on a veth of the run. */
    private boolean netemWorks(String ns) {
        try {
            Shell.run(List.of("tc", "-n", ns, "qdisc", "add", "dev", topology.veths().get(0).aDev(), "root", "netem", "delay", "1ms"), "");
            Shell.run(List.of("tc", "-n", ns, "qdisc", "del", "dev", topology.veths().get(0).aDev(), "root"), "");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The veth devices of {@code host}, in order. */
    List<Topology.Veth> links(String host) {
        List<Topology.Veth> out = new ArrayList<>();
        for (Topology.Veth v : topology.veths()) {
            if (v.a().equals(host) || v.b().equals(host)) {
                out.add(v);
            }
        }
        return out;
    }

    private Map<String, org.stacklab.net.LinkConfig> devices(String host) {
        Map<String, org.stacklab.net.LinkConfig> out = new LinkedHashMap<>();
        for (Topology.Veth v : links(host)) {
            out.put(v.a().equals(host) ? v.aDev() : v.bDev(), v.config());
        }
        return out;
    }

    /**
     * Reads back, from inside each namespace, which interfaces it has ({@code /proc/thread-self/net/dev}):
     * exactly {@code lo} and its own veth ends, nothing that reaches outside the run. Null when so.
     */
    private String verify() {
        List<String> wrong = new ArrayList<>();
        inEach((host, dir) -> {
            Set<String> want = new LinkedHashSet<>(List.of("lo"));
            want.addAll(devices(host).keySet());
            Set<String> have = interfaces(dir);
            if (!have.equals(want)) {
                wrong.add("namespace of host " + host + " has interfaces " + have + ", expected " + want);
            }
            return 0;
        });
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    static Set<String> interfaces(Path netDir) {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(netDir.resolve("dev"), StandardCharsets.US_ASCII)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.add(line.substring(0, colon).trim());
                }
            }
        } catch (IOException e) {
            out.add("(unreadable: " + e.getMessage() + ")");
        }
        return out;
    }

    /** A function of one host's namespace: its name and its /proc net folder as seen from inside. */
    public interface PerHost {
        long apply(String host, Path netDir);
    }

    /**
     * Applies {@code f} inside each host's namespace in turn, on a thread of its own (the calling
     * thread's namespace never changes), and adds the results up; -1 when any is -1 or a namespace
     * cannot be entered.
     */
    public long inEach(PerHost f) {
        AtomicLong sum = new AtomicLong();
        Thread t = new Thread(() -> {
            for (Map.Entry<String, Integer> e : fds.entrySet()) {
                long v = Sys.enterNamespace(e.getValue()) < 0 ? -1 : f.apply(e.getKey(), Path.of("/proc/thread-self/net"));
                if (v < 0 || sum.get() < 0) {
                    sum.set(-1);
                } else {
                    sum.addAndGet(v);
                }
            }
        }, "stacklab-netns-read");
        t.setDaemon(true);
        t.start();
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        return sum.get();
    }

    /** {@link #inEach} over a function of the /proc net folder only. */
    public long sum(ToLongFunction<Path> f) {
        return inEach((host, dir) -> f.applyAsLong(dir));
    }

    /** The descriptor of {@code host}'s namespace (for {@link Sys#enterNamespace}); -1 for a host it does not have. */
    public int fd(String host) {
        return fds.getOrDefault(host, -1);
    }

    public Topology topology() {
        return topology;
    }

    /** Whether links have their latency and loss (netem); bandwidth and queues they always have (tbf). */
    public boolean netem() {
        return netem;
    }

    /** The namespace names this network had while it was built (none of them exists any more once built). */
    public List<String> names() {
        return List.copyOf(names.values());
    }

    /** Namespace names of this machine that start with {@link #PREFIX} (under /run/netns). */
    public static List<String> existing() {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(RUN_NETNS)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PREFIX)).sorted().forEach(out::add);
        } catch (IOException e) {
            // no /run/netns: no named namespace at all
        }
        return out;
    }

    /** Deletes names a bridge process that no longer runs left behind (it was killed while building). */
    private static void sweepStale() {
        StringBuilder batch = new StringBuilder();
        for (String n : existing()) {
            String[] parts = n.substring(PREFIX.length()).split("-");
            try {
                long pid = Long.parseLong(parts[0]);
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
            } catch (NumberFormatException e) {
                continue;
            }
            batch.append("netns del ").append(n).append('\n');
        }
        if (batch.length() > 0) {
            try {
                Shell.run(List.of("ip", "-force", "-b", "-"), batch.toString());
            } catch (IOException e) {
                // best effort: a name we cannot delete is not ours to worry about
            }
        }
    }

    /** Deletes every name of this network still present (idempotent; the shutdown hook calls it too). */
    private void deleteNames() {
        StringBuilder batch = new StringBuilder();
        synchronized (named) {
            for (String n : named) {
                if (Files.exists(RUN_NETNS.resolve(n))) {
                    batch.append("netns del ").append(n).append('\n');
                }
            }
            named.clear();
        }
        if (batch.length() > 0) {
            try {
                Shell.run(List.of("ip", "-force", "-b", "-"), batch.toString());
            } catch (IOException e) {
                System.err.println("stacklab: could not delete network namespaces: " + e.getMessage());
            }
        }
    }

    /** Closes the namespaces' descriptors: once no socket of the run is left in one, the kernel frees it and its veths. */
    @Override
    public void close() {
        deleteNames();
        for (int fd : fds.values()) {
            Sys.close(fd);
        }
        fds.clear();
    }
}
