package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.process.ProcessObserver;
import org.stacklab.process.VirtualProcess;

/**
 * Runs processes on a {@link RealWorld} in real time: each starts at its scaled start time, in
 * file order, once the processes started before it have settled (no call of theirs is still
 * running, so a server has bound and listens before its client starts, as in the simulation
 * where one process runs until it blocks before the next). The run ends when the world has been
 * quiet for a while (no call running, no sleep or timeout pending), at the scenario's scaled
 * {@code until}, or at the deadline, whichever comes first; then every socket is closed.
 */
final class RealRun {
    /** How long the world must be quiet before the run is over. */
    static final long QUIET_NS = 300_000_000L;
    /** The longest wait for earlier processes to settle before a start. */
    static final long SETTLE_MAX_NS = 1_000_000_000L;

    /** One process to run. */
    record Proc(VirtualProcess process, RealSocketApi api) {}

    /** How the run ended. */
    enum End {
        QUIET, UNTIL, DEADLINE,
        /** The process ran out of file descriptors (EMFILE/ENFILE): reported once, the run stopped. */
        DESCRIPTORS
    }

    /** {@code udpDrops}: datagrams the kernel dropped for full receive buffers during the run (-1: unknown). */
    record Result(End end, long elapsedNs, List<String> notStarted, long udpDrops) {}

    private final RealWorld world;
    private final List<Proc> procs;
    private final ProcessObserver observer;
    private final long untilNs;
    private final long deadlineNs;
    private long drops0;

    RealRun(RealWorld world, List<Proc> procs, ProcessObserver observer, long untilNs, long deadlineNs) {
        this.world = world;
        this.procs = procs;
        this.observer = observer;
        this.untilNs = untilNs;
        this.deadlineNs = deadlineNs;
    }

    Result run() {
        drops0 = world.udpReceiveBufferErrors();
        long t0 = System.nanoTime();
        long deadline = t0 + deadlineNs;
        List<Long> instants = new ArrayList<>();
        for (Proc p : procs) {
            instants.add(p.process().startNs());
        }
        if (untilNs >= 0) {
            instants.add(untilNs);
        }
        Map<Long, Long> real = world.scale().instants(instants);
        Map<Long, List<Proc>> byStart = new LinkedHashMap<>();
        List<String> notStarted = new ArrayList<>();
        procs.stream().sorted((a, b) -> Long.compare(a.process().startNs(), b.process().startNs())).forEach(p -> {
            if (untilNs >= 0 && p.process().startNs() > untilNs) {
                notStarted.add(p.process().name());
            } else {
                byStart.computeIfAbsent(p.process().startNs(), k -> new ArrayList<>()).add(p);
            }
        });
        try {
            for (Map.Entry<Long, List<Proc>> e : byStart.entrySet()) {
                if (!sleepUntil(t0 + real.get(e.getKey()), deadline)) {
                    return end(stopped(), t0, notStarted);
                }
                for (Proc p : e.getValue()) {
                    if (!settle(deadline)) {
                        return end(stopped(), t0, notStarted);
                    }
                    p.api().execute(() -> p.process().start(p.api(), observer));
                }
            }
            long until = untilNs >= 0 ? t0 + real.get(untilNs) : Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                if (now - deadline >= 0 || world.descriptorErrno() != 0) {
                    return end(stopped(), t0, notStarted);
                }
                if (now - until >= 0) {
                    return end(End.UNTIL, t0, notStarted);
                }
                if (world.quiet() && now - world.lastActivity() >= QUIET_NS) {
                    return end(End.QUIET, t0, notStarted);
                }
                pause(5);
            }
        } finally {
            world.close();
        }
    }

    private End stopped() {
        return world.descriptorErrno() != 0 ? End.DESCRIPTORS : End.DEADLINE;
    }

    private Result end(End how, long t0, List<String> notStarted) {
        long drops = world.udpReceiveBufferErrors();
        return new Result(how, System.nanoTime() - t0, notStarted, drops0 < 0 || drops < 0 ? -1 : drops - drops0);
    }

    /** Waits until no call is running (sleeps may be pending), at most {@link #SETTLE_MAX_NS}. */
    private boolean settle(long deadline) {
        long limit = System.nanoTime() + SETTLE_MAX_NS;
        while (!world.idle()) {
            long now = System.nanoTime();
            if (now - deadline >= 0 || world.descriptorErrno() != 0) {
                return false;
            }
            if (now - limit >= 0) {
                return true;
            }
            pause(1);
        }
        return true;
    }

    private boolean sleepUntil(long when, long deadline) {
        while (true) {
            long now = System.nanoTime();
            if (now - deadline >= 0 || world.descriptorErrno() != 0) {
                return false;
            }
            long left = when - now;
            if (left <= 0) {
                return true;
            }
            pause(Math.max(1, Math.min(left / 1_000_000L, 20)));
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
