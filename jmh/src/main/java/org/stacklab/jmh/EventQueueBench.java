package org.stacklab.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.stacklab.sim.Simulator;

/**
 * The event loop, W3's two shapes: {@code pending = 1} is the chain (each event schedules the
 * next), larger values are hold (K events pending, each executed event schedules one more). One
 * benchmark operation is one executed event plus the schedule it makes; the delay comes from
 * splitmix64 as in the ns-3 anchor's workload definition (docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EventQueueBench implements Runnable {
    @Param({"1", "500", "6000", "100000", "1000000"})
    public int pending;

    private Simulator sim;
    private long state = 42;

    @Setup
    public void fill() {
        sim = new Simulator(0);
        for (int i = 0; i < pending; i++) {
            sim.schedule(delay(), this);
        }
    }

    private long delay() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return 1 + Long.remainderUnsigned(z, 1_000_000L);
    }

    @Override
    public void run() {
        sim.schedule(delay(), this);
    }

    @Benchmark
    public boolean event() {
        return sim.step();
    }
}
