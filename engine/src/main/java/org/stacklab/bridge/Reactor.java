package org.stacklab.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
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
 * The real world's threads. One I/O thread owns every channel: it runs each socket call in the
 * order calls arrive and waits for readiness with a {@link Selector}, so a call that would block
 * (accept, connect, recv, a send into a full buffer) holds no thread, and any number of them can
 * be outstanding with a bounded number of threads. Each process has a {@link SerialExecutor} on a
 * small shared pool, where all its completions run one at a time (the script runner is
 * single-threaded). Sleeps and timeouts run on one timer thread.
 *
 * <p>The reactor counts work in flight (queued or running tasks) and pending timers, and the
 * time of the last activity, so a run can tell when the world has gone quiet.
 */
final class Reactor implements AutoCloseable {
    private final Selector selector;
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

    Reactor(int poolThreads) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(daemon("bridge-timer"));
        pool = Executors.newFixedThreadPool(Math.max(1, poolThreads), daemon("bridge-process"));
        io = daemon("bridge-io").newThread(this::loop);
        io.start();
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
        selector.wakeup();
    }

    boolean inIoThread() {
        return Thread.currentThread() == io;
    }

    Selector selector() {
        return selector;
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
            try {
                selector.select(100);
            } catch (IOException | RuntimeException e) {
                bug("selector", e);
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                Object a = k.attachment();
                if (a instanceof Ready r) {
                    try {
                        r.ready(k);
                    } catch (CancelledKeyException e) {
                        // closed meanwhile
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

    /** What a channel's selection key is attached to. */
    interface Ready {
        void ready(SelectionKey k);
    }

    /**
     * Flushes cancelled keys so that a closed, registered channel really releases its port now
     * (a registered channel's descriptor is closed only when its key is deregistered).
     */
    void flushCancelled() {
        try {
            selector.selectNow();
        } catch (IOException e) {
            bug("selectNow", e);
        }
        // selectNow may have selected keys: they stay in the set and are served by the loop.
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
        selector.wakeup();
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
        try {
            selector.close();
        } catch (IOException e) {
            bug("selector close", e);
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
