package org.stacklab.cli.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Wall clock, heap peak (pools reset at the start), GC work and the process's peak RSS. */
final class Meter {
    long t0;
    long cpu0;
    long procCpu0;
    double threadCpuS;
    double processCpuS;
    long gc0;
    long gcMs0;
    double wallS;
    double uptimeS;
    double peakHeapMiB;
    double peakRssMiB;
    long gcCount;
    double gcS;

    private static boolean first = true;

    static Meter start() {
        Meter m = new Meter();
        if (!first) {
            // Leave the previous workload's garbage and peaks out of this one's. The first
            // workload does not touch the management beans before it runs: their start-up
            // would land in its time; its peaks and GC counts are the process's so far.
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    p.resetPeakUsage();
                }
            }
            resetRssPeak();
            long[] gc = gcTotals();
            m.gc0 = gc[0];
            m.gcMs0 = gc[1];
        }
        first = false;
        m.cpu0 = threadCpu();
        m.procCpu0 = processCpu();
        m.t0 = System.nanoTime();
        return m;
    }

    void stop() {
        wallS = (System.nanoTime() - t0) / 1e9;
        threadCpuS = (threadCpu() - cpu0) / 1e9;
        processCpuS = (processCpu() - procCpu0) / 1e9;
        uptimeS = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        peakHeapMiB = peak / 1048576.0;
        long[] gc = gcTotals();
        gcCount = gc[0] - gc0;
        gcS = (gc[1] - gcMs0) / 1e3;
        peakRssMiB = vmHwmKiB() / 1024.0;
    }

    /** The memory figures as the bench prints them, one line (every workload prints it alike). */
    String memoryLine() {
        return Fmt.f("  memory     peak heap %.0f MiB, peak RSS %.0f MiB, %d GCs (%.3f s; %s)%n", peakHeapMiB,
                peakRssMiB, gcCount, gcS, gcNames());
    }

    /** The memory figures as the results file holds them. */
    Json memoryJson() {
        return new Json().put("peak_heap_mib", peakHeapMiB).put("peak_rss_mib", peakRssMiB).put("gc_count", gcCount)
                .put("gc_time_s", gcS);
    }

    /** Collections and milliseconds spent collecting so far, over every collector. */
    private static long[] gcTotals() {
        long count = 0;
        long ms = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, g.getCollectionCount());
            ms += Math.max(0, g.getCollectionTime());
        }
        return new long[] {count, ms};
    }

    /**
     * CPU time (user + system) of the calling thread in ns from /proc/thread-self/stat, in clock
     * ticks of 10 ms; 0 where there is no /proc. (Not ThreadMXBean: starting the management
     * beans costs tens of milliseconds, which would land inside the measured run.)
     */
    private static long threadCpu() {
        return procCpu("/proc/thread-self/stat");
    }

    /** CPU time of the whole process in ns (every thread: JIT compilers, GC), the same way. */
    private static long processCpu() {
        return procCpu("/proc/self/stat");
    }

    private static long procCpu(String file) {
        try {
            String stat = Files.readString(Path.of(file));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ... utime(11) stime(12), in USER_HZ ticks (100 per second on Linux)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Starts the JVM's management beans (peak heap, GC counts) on a background thread while the
     * first scenario loads: their start-up (about 20 ms) then overlaps the load instead of
     * following the measured run. The figures are read, as before, after the run.
     */
    static void warmManagementBeans() {
        Thread t = new Thread(() -> {
            ManagementFactory.getMemoryPoolMXBeans();
            ManagementFactory.getGarbageCollectorMXBeans();
        }, "bench-management-beans");
        t.setDaemon(true);
        t.start();
    }

    /** Linux: resets the process's peak RSS (VmHWM) to its current RSS; ignored elsewhere. */
    private static void resetRssPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the peak then covers the whole process
        }
    }

    /** The process's peak RSS in KiB from /proc/self/status, or 0 when unknown. */
    static long vmHwmKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    static String gcNames() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(g.getName());
        }
        return String.join(" + ", names);
    }
}
