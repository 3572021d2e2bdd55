package org.stacklab.bridge;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.stacklab.bridge.libc.Errnos;
import org.stacklab.bridge.libc.Sys;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.process.SocketApi;
import org.stacklab.process.Step;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * The socket API of one process on real loopback sockets: a descriptor table (numbers from 3, as
 * in the simulation) over kernel sockets, every call run on the world's I/O thread, every
 * completion delivered on this process's own serial executor, one at a time.
 *
 * <p>Calls must be submitted from that executor ({@link #execute}); a script's completions are,
 * so a script runs here exactly as in the simulation. Sleeps and timeouts are scaled by the
 * world's {@link TimeScale}. Each completion may carry a {@link Note} (read with {@link #note()}
 * while the completion runs) saying when the outcome is the mapping's or the machine's rather
 * than plainly the kernel's.
 */
public final class RealSocketApi implements SocketApi {
    private final RealWorld world;
    private final String process;
    private final String host;
    private final Ipv4Address own;
    private final Executor executor;
    /** I/O thread only. */
    private final Map<Integer, RealSocket> fds = new HashMap<>();
    private int nextFd = 3;
    /** Process thread only: the note of the completion running now. */
    private Note current;

    RealSocketApi(RealWorld world, String process, String host, Ipv4Address own) {
        this.world = world;
        this.process = process;
        this.host = host;
        this.own = own;
        this.executor = world.reactor().serial();
    }

    public String process() {
        return process;
    }

    public String host() {
        return host;
    }

    /** This process's host's loopback address. */
    public Ipv4Address ownAddress() {
        return own;
    }

    RealWorld world() {
        return world;
    }

    /** Runs {@code task} on this process's executor (where calls must be submitted from). */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** The note of the completion now running on this process's executor, or null. */
    public Note note() {
        return current;
    }

    @Override
    public long now() {
        return System.nanoTime() - world.startNanos();
    }

    /**
     * Runs a call given in the scenario's addresses: they are translated to loopback here, and
     * addresses in the outcome back (so a program sees the same addresses in both worlds: its
     * Host header, its {@code ${m.from}}, its getsockname). A destination that belongs to no host
     * is refused without sending (ENETUNREACH); binding such an address fails with EADDRNOTAVAIL,
     * as for any address that is not the host's (F2).
     */
    @Override
    public void submit(Call call, Consumer<Outcome> done) {
        if (call instanceof Call.Sleep s) {
            world.reactor().schedule(world.scale().duration(s.ns()), () -> post(done, Outcome.OK, null));
            return;
        }
        Call real;
        try {
            real = toReal(call);
        } catch (RefusedAddress wrapped) {
            AddressMap.Refused e = wrapped.refused;
            boolean bind = call instanceof Call.Bind;
            post(done, Outcome.fail(bind ? SocketError.EADDRNOTAVAIL : SocketError.ENETUNREACH),
                    bind ? Note.emulated("not an address of this host (F2): " + e.getMessage())
                            : Note.refused(e.getMessage() + "; not sent"));
            return;
        }
        world.reactor().execute(() -> dispatch(real, new Reply(this, done)));
    }

    /** The call with its destination or bind address translated to loopback; throws {@link RefusedAddress}. */
    private Call toReal(Call c) {
        AddressMap m = world.map();
        return c.accept(new Call.Partial<Call>() {
            @Override
            protected Call otherwise(Call c) {
                return c;
            }

            @Override
            public Call bind(Call.Bind b) {
                return new Call.Bind(b.fd(), refusable(() -> m.toReal(b.addr())));
            }

            @Override
            public Call connect(Call.Connect k) {
                if (k.addr() == null) {
                    return k; // connect(AF_UNSPEC): no address to translate
                }
                return new Call.Connect(k.fd(), refusable(() -> m.toReal(k.addr())), k.timeoutNs());
            }

            @Override
            public Call sendTo(Call.SendTo s) {
                return new Call.SendTo(s.fd(), refusable(() -> m.toReal(s.to())), s.data(), s.flags(), s.timeoutNs());
            }
        });
    }

    /** An address translation that {@link AddressMap} may refuse. */
    private interface Translation {
        Endpoint apply() throws AddressMap.Refused;
    }

    private static Endpoint refusable(Translation t) {
        try {
            return t.apply();
        } catch (AddressMap.Refused e) {
            throw new RefusedAddress(e);
        }
    }

    /** Carries a refusal out of the translating visitor, whose methods cannot throw it. */
    private static final class RefusedAddress extends RuntimeException {
        final AddressMap.Refused refused;

        RefusedAddress(AddressMap.Refused refused) {
            super(refused.getMessage(), null, false, false);
            this.refused = refused;
        }
    }

    /** Delivers a completion on this process's executor (addresses back in the scenario's terms), its note visible while it runs. */
    void post(Consumer<Outcome> done, Outcome real, Note n) {
        Outcome o = real.addr() == null ? real
                : new Outcome(real.error(), real.fd(), real.data(), world.map().toSim(real.addr()), real.count());
        executor.execute(() -> {
            Note prev = current;
            current = n;
            try {
                done.accept(o);
            } finally {
                current = prev;
            }
        });
    }

    // ---------------------------------------------------------------- I/O thread

    private void dispatch(Call call, Reply r) {
        if (call instanceof Call.Open o) {
            open(o.type(), o.nonblocking(), r);
            return;
        }
        if (call instanceof Call.Poll p) {
            poll(p, r, p.timeoutNs() < 0 ? -1 : System.nanoTime() + world.scale().duration(p.timeoutNs()));
            return;
        }
        if (call instanceof Call.Exit) {
            for (RealSocket s : new java.util.TreeMap<>(fds).values()) {
                s.close(); // exit(2): the kernel closes every descriptor
            }
            r.ok();
            return;
        }
        RealSocket s = fds.get(call.fd());
        if (s == null) {
            r.fail(SocketError.EBADF);
            return;
        }
        s.call(call, r);
    }

    /**
     * poll(2) on the kernel sockets, with timeout 0, again every millisecond until one is ready or
     * {@code deadline} (System.nanoTime; -1: never) passes: the kernel's own readiness, as the
     * simulation's poll reports it.
     */
    private void poll(Call.Poll p, Reply r, long deadline) {
        int n = p.fds().size();
        int[] kfds = new int[n];
        short[] ev = new short[n];
        short[] rev = new short[n];
        for (int i = 0; i < n; i++) {
            RealSocket s = fds.get(p.fds().get(i).fd());
            if (s == null) {
                r.fail(SocketError.EBADF);
                return;
            }
            kfds[i] = s.kfd;
            ev[i] = (short) p.fds().get(i).events();
        }
        int got = Sys.poll(kfds, ev, rev, n, 0);
        if (got < 0) {
            r.fail(SocketError.EINVAL, Note.environment("poll(2): errno " + -got));
            return;
        }
        java.util.List<Outcome.Ready> ready = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int keep = rev[i] & 0x1f; // POLLIN, POLLPRI, POLLOUT, POLLERR, POLLHUP
            if (keep != 0) {
                ready.add(new Outcome.Ready(p.fds().get(i).fd(), p.fds().get(i).name(), keep));
            }
        }
        if (!ready.isEmpty() || p.timeoutNs() == 0 || (deadline >= 0 && System.nanoTime() >= deadline)) {
            r.ok(Outcome.polled(ready));
            return;
        }
        world.reactor().schedule(1_000_000, () -> world.reactor().execute(() -> poll(p, r, deadline)));
    }

    private void open(Step.SockType type, boolean nonblocking, Reply r) {
        if (world.descriptorErrno() != 0) {
            r.fail(SocketError.EINVAL, Note.environment("the run is stopping: it ran out of file descriptors"));
            return;
        }
        int in = world.enter(host);
        if (in < 0) {
            r.fail(SocketError.EINVAL, Note.environment("setns into host " + host + "'s namespace: errno " + -in));
            return;
        }
        int kfd = Sys.socket(type != Step.SockType.DGRAM);
        if (kfd < 0) {
            if (Errnos.outOfDescriptors(-kfd)) {
                world.outOfDescriptors(-kfd);
            }
            SocketError e = Errnos.of(-kfd);
            r.fail(e != null ? e : SocketError.EINVAL, e != null ? null : Note.environment("socket(2): errno " + -kfd));
            return;
        }
        RealSocket s = adopt(fd -> new RealSocket(fd, kfd, type != Step.SockType.DGRAM, this));
        s.nonblocking = nonblocking; // SOCK_NONBLOCK
        r.ok(Outcome.fd(s.fd));
    }

    /** Takes a kernel socket under the next descriptor number. */
    RealSocket adopt(java.util.function.IntFunction<RealSocket> f) {
        int fd = nextFd++;
        RealSocket s = f.apply(fd);
        fds.put(fd, s);
        world.remember(s);
        return s;
    }

    void forget(int fd) {
        fds.remove(fd);
    }
}
