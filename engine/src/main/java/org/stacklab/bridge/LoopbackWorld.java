package org.stacklab.bridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.stacklab.process.Call;
import org.stacklab.wire.Ipv4Address;

/**
 * Real loopback sockets as a {@link SocketWorld}: hosts a, b, c on three loopback addresses from
 * {@code base} (the real socket API translates the scenario's addresses both ways), calls run
 * through {@link RealSocketApi} on each process's executor and awaited
 * with a bound, then a short pause and a wait until no call is running. Real time, unscaled.
 * Every socket is closed by {@link #close()}.
 */
public final class LoopbackWorld implements SocketWorld {
    /** How long to wait after a call for packets in flight (loopback delivers within the send, mostly). */
    static final long SETTLE_MS = 3;
    /** The longest wait for a call without a timeout of its own. */
    static final long WAIT_MS = 2000;
    static final TimeScale UNSCALED = new TimeScale(1, 0, 0);

    private final AddressMap map;
    private final RealWorld world;
    private final Environment env = Environment.detect();
    private int processes;

    public LoopbackWorld(Ipv4Address base) {
        Map<String, List<Ipv4Address>> hosts = new LinkedHashMap<>();
        for (String h : HOSTS) {
            hosts.put(h, List.of(SocketWorld.ip(h)));
        }
        map = AddressMap.of(hosts, base, List.of());
        world = new RealWorld(map, UNSCALED, env);
    }

    AddressMap map() {
        return map;
    }

    /** Why the sockets are not in a network namespace of their own (only root may make one), or null. */
    public String whyNotIsolated() {
        return world.whyNotIsolated();
    }

    @Override
    public Proc process(String host) {
        RealSocketApi api = world.process("p" + ++processes, host);
        return c -> {
            CompletableFuture<Result> f = new CompletableFuture<>();
            api.execute(() -> api.submit(c, o -> f.complete(new Result(o, api.note())))); // the API maps addresses both ways
            Result r;
            try {
                r = f.get(wait(c), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                r = new Result(null, null);
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
            settle();
            return r;
        };
    }

    private static long wait(Call c) {
        long t = c instanceof Call.Recv r ? r.timeoutNs() : c instanceof Call.RecvFrom r ? r.timeoutNs()
                : c instanceof Call.Accept a ? a.timeoutNs() : c instanceof Call.Connect k ? k.timeoutNs()
                : c instanceof Call.Sleep s ? s.ns() : -1;
        return t < 0 ? WAIT_MS : t / 1_000_000L + WAIT_MS;
    }

    private void settle() {
        try {
            Thread.sleep(SETTLE_MS);
            long limit = System.nanoTime() + 1_000_000_000L;
            while (!world.idle() && System.nanoTime() < limit) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean tcp() {
        return true;
    }

    @Override
    public boolean privileged() {
        return env.bindPrivileged();
    }

    @Override
    public String name() {
        return "real loopback";
    }

    @Override
    public void close() {
        world.close();
    }
}
