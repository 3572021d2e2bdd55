package org.stacklab.bridge;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.bridge.libc.Sys;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real world's threads. One I/O thread owns every socket: it runs each socket call in the
 * order calls arrive and waits for readiness with poll(2) (a pipe wakes it for new calls), so a call that would block
 * (accept, connect, recv, a send into a full buffer) holds no thread, and any number of them can
 * be outstanding with a bounded number of threads. Each process has a {@link SerialExecutor} on a
 * small shared pool, where all its completions run one at a time (the script runner is
 * single-threaded). Sleeps and timeouts run on one timer thread.
 *
 * <p>The reactor counts work in flight (queued or running tasks) and pending timers, and the
 * time of the last activity, so a run can tell when the world has gone quiet.
 */
final class Reactor implements AutoCloseable {
    /** I/O thread only: kernel descriptor -> what waits on it and for which poll events. */
    private final Map<Integer, Interest> interests = new LinkedHashMap<>();
    private final int[] wake;
    private final Thread io;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer;
    private final ExecutorService pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger timers = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<String> bugs = new CopyOnWriteArrayList<>();
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean running = true;

    /** Null when the I/O thread has a network namespace of its own, else why not (set before the constructor returns). */
    private volatile String notIsolated = "--no-isolate";
    private volatile boolean privateNet;
    private volatile java.nio.file.Path netDir = java.nio.file.Path.of("/proc/net");

    /** {@code isolate}: move the I/O thread, where every socket is opened, into a network namespace of its own if it may. */
    Reactor(int poolThreads, boolean isolate) {
        wake = Sys.pipe();
        if (wake == null) {
            throw new IllegalStateException("cannot open a pipe for the bridge's I/O thread");
        }
        timer = Executors.newSingleThreadScheduledExecutor(daemon("bridge-timer"));
        pool = Executors.newFixedThreadPool(Math.max(1, poolThreads), daemon("bridge-process"));
        CountDownLatch ready = new CountDownLatch(1);
        io = daemon("bridge-io").newThread(() -> {
            try {
                if (isolate) {
                    notIsolated = Sys.privateNetwork();
                }
                privateNet = Reachability.privateNetwork();
                netDir = Reachability.threadNetDir();
            } finally {
                ready.countDown();
            }
            loop();
        });
        io.start();
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every socket lives in a network namespace with nothing but this run's {@code lo} (read from /proc, on the I/O thread). */
    boolean isolated() {
        return privateNet;
    }

    /** The I/O thread's /proc net folder (its namespace's counters). */
    java.nio.file.Path netDir() {
        return netDir;
    }

    /** Why the I/O thread has no namespace of its own, or null. */
    String whyNotIsolated() {
        return privateNet ? null : notIsolated != null ? notIsolated : "the namespace has other interfaces";
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs {@code task} on the I/O thread, after every task given before it. Dropped once closed. */
    void execute(Runnable task) {
        if (closed.get()) {
            return;
        }
        inFlight.incrementAndGet();
        tasks.add(task);
        Sys.poke(wake[1]);
    }

    boolean inIoThread() {
        return Thread.currentThread() == io;
    }

    private record Interest(short events, Ready ready) {}

    /** I/O thread: makes poll wait for {@code events} on kernel descriptor {@code kfd} (0: no longer). */
    void interest(int kfd, short events, Ready r) {
        if (events == 0) {
            interests.remove(kfd);
        } else {
            interests.put(kfd, new Interest(events, r));
        }
    }

    /**
     * Runs a blocking system call on a thread of its own (bounded by the call's own timeout);
     * counted in flight until it has handed its answer back with {@link #execute}.
     */
    void blocking(Runnable call) {
        if (closed.get()) {
            return;
        }
        inFlight.incrementAndGet();
        Thread t = daemon("bridge-blocking").newThread(() -> {
            try {
                call.run();
            } catch (RuntimeException e) {
                bug("blocking call", e);
            } finally {
                touch();
                inFlight.decrementAndGet();
            }
        });
        t.start();
    }

    /** A new executor whose tasks run one at a time, in order, on the shared pool. */
    Executor serial() {
        return new SerialExecutor(this);
    }

    /** Runs {@code task} on the timer after {@code delayNs}; the handle cancels it. */
    Timer schedule(long delayNs, Runnable task) {
        Timer t = new Timer(task);
        if (closed.get()) {
            t.done.set(true);
            return t;
        }
        timers.incrementAndGet();
        t.future = timer.schedule(t::fire, Math.max(0, delayNs), TimeUnit.NANOSECONDS);
        return t;
    }

    /** A scheduled task; {@link #cancel} is safe from any thread and after it ran. */
    final class Timer {
        private final Runnable task;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ScheduledFuture<?> future;

        private Timer(Runnable task) {
            this.task = task;
        }

        private void fire() {
            if (done.compareAndSet(false, true)) {
                try {
                    task.run(); // posts its follow-up (counted in flight) before the timer stops counting
                } finally {
                    timers.decrementAndGet();
                    touch();
                }
            }
        }

        void cancel() {
            if (done.compareAndSet(false, true)) {
                ScheduledFuture<?> f = future;
                if (f != null) {
                    f.cancel(false);
                }
                timers.decrementAndGet();
            }
        }
    }

    /** Nothing queued or running, no timer pending. */
    boolean quiet() {
        return inFlight.get() == 0 && timers.get() == 0;
    }

    /** Nothing queued or running (timers may be pending). */
    boolean idle() {
        return inFlight.get() == 0;
    }

    long lastActivity() {
        return lastActivity;
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    /** Internal errors seen on the reactor's threads (bugs in the bridge), for the report. */
    List<String> bugs() {
        return bugs;
    }

    void bug(String where, Throwable t) {
        bugs.add(where + ": " + t);
    }

    private void loop() {
        while (running) {
            runTasks();
            int n = interests.size() + 1;
            int[] fds = new int[n];
            short[] ev = new short[n];
            short[] rev = new short[n];
            Ready[] who = new Ready[n];
            fds[0] = wake[0];
            ev[0] = Sys.POLLIN;
            int i = 1;
            for (Map.Entry<Integer, Interest> e : interests.entrySet()) {
                fds[i] = e.getKey();
                ev[i] = e.getValue().events();
                who[i++] = e.getValue().ready();
            }
            if (!tasks.isEmpty()) {
                continue;
            }
            int r = Sys.poll(fds, ev, rev, n, 100);
            if (r <= 0) {
                continue; // timeout, or EINTR: look again
            }
            if (rev[0] != 0) {
                Sys.drain(wake[0]);
            }
            for (int k = 1; k < n; k++) {
                if (rev[k] != 0) {
                    try {
                        who[k].ready();
                    } catch (RuntimeException e) {
                        bug("readiness", e);
                    }
                    touch();
                }
            }
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                bug("socket call", e);
            } finally {
                touch();
                inFlight.decrementAndGet();
            }
        }
    }

    /** What waits on a descriptor: told when poll reports it ready. */
    interface Ready {
        void ready();
    }

    /**
     * Stops: runs {@code last} on the I/O thread (closing every socket), then stops the threads.
     * Calls made afterwards are dropped; completions not yet run are discarded. Bounded: waits at
     * most {@code waitMs} for each stage.
     */
    void shutdown(Runnable last, long waitMs) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        inFlight.incrementAndGet();
        tasks.add(() -> {
            try {
                last.run();
            } finally {
                running = false;
                done.countDown();
            }
        });
        Sys.poke(wake[1]);
        try {
            done.await(waitMs, TimeUnit.MILLISECONDS);
            io.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        timer.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
            }
            timer.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!io.isAlive()) {
            Sys.close(wake[0]);
            Sys.close(wake[1]);
        }
    }

    @Override
    public void close() {
        shutdown(() -> {}, 2000);
    }

    boolean isClosed() {
        return closed.get();
    }

    /**
     * Tasks of one process, one at a time and in order, on the shared pool (the
     * {@link java.util.concurrent.Executor} documentation's serial executor), counted in flight.
     */
    private static final class SerialExecutor implements Executor {
        private final Reactor reactor;
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private Runnable active;

        SerialExecutor(Reactor reactor) {
            this.reactor = reactor;
        }

        @Override
        public synchronized void execute(Runnable r) {
            if (reactor.closed.get()) {
                return;
            }
            reactor.inFlight.incrementAndGet();
            queue.add(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    reactor.bug("process", e);
                } finally {
                    reactor.touch();
                    reactor.inFlight.decrementAndGet();
                    next();
                }
            });
            if (active == null) {
                next();
            }
        }

        private synchronized void next() {
            active = queue.poll();
            if (active != null) {
                try {
                    reactor.pool.execute(active);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    active = null; // shut down: the rest is discarded
                }
            }
        }
    }
}
