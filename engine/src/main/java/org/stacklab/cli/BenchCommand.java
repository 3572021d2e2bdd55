package org.stacklab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stacklab.net.PacketStats;
import org.stacklab.process.VirtualProcess;
import org.stacklab.process.app.UdpEchoClient;
import org.stacklab.scenario.AppSpec;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.Expectation;
import org.stacklab.scenario.HostSpec;
import org.stacklab.scenario.ProcessSpec;
import org.stacklab.scenario.RunResult;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioError;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioLoader;
import org.stacklab.scenario.ScenarioRun;
import org.stacklab.trace.Tracer;
import org.stacklab.trace.format.JsonlTraceWriter;

/**
 * {@code stacklab bench [W1|W2|W3|all] [--hosts H] [--packets P]}: the speed workloads of
 * docs/performance.md. W1 and W2 are the scenarios under {@code scenarios/bench/} with the client
 * group resized; they run with reports off, their expectations are checked, and the figures are
 * printed beside ns-3's. W3 is the event loop alone, with checksums that must match the anchor's.
 * Results also go to {@code reports/bench/*.json}.
 */
final class BenchCommand {
    static final String W1_FILE = "scenarios/bench/w1-udp-echo-star.yaml";
    static final String W2_FILE = "scenarios/bench/w2-tcp-fanin.yaml";
    private static final int W1_HOSTS = 1000;
    private static final long W1_PACKETS = 100;
    private static final int W2_HOSTS = 1000;

    private final PrintStream out;
    private final PrintStream err;
    private Path reportDir;
    private boolean traceJsonl;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The options that take a value; bench parses its own few (commons-cli costs start-up time). */
    static final List<String> OPTIONS = List.of("hosts", "packets", "reps", "events", "mode", "trace", "out");

    /** Parsed command line: option values by name, and the words that are not options. */
    private static final class Args {
        final Map<String, String> values = new HashMap<>();
        final List<String> rest = new ArrayList<>();

        boolean hasOption(String name) {
            return values.containsKey(name);
        }

        String getOptionValue(String name) {
            return values.get(name);
        }

        String getOptionValue(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }
    }

    /** {@code --name value} or {@code --name=value}; each option at most once. */
    private static Args parse(String[] args) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String w = args[i];
            if (!w.startsWith("-") || w.equals("-")) {
                a.rest.add(w);
                continue;
            }
            String name = w.replaceFirst("^--?", "");
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException("bench: unknown option " + w + " (options: --hosts, --packets, --reps, --events, "
                        + "--mode, --trace, --out; see --help)");
            }
            if (value == null) {
                if (i + 1 == args.length) {
                    throw new UsageException("bench: --" + name + " needs a value (see --help)");
                }
                value = args[++i];
            }
            if (a.values.put(name, value) != null) {
                throw new UsageException("bench: --" + name + " given twice");
            }
        }
        return a;
    }

    int run(String[] args) throws UsageException {
        Args cl = parse(args);
        List<String> rest = cl.rest;
        if (rest.size() > 1) {
            throw new UsageException("bench: expected one workload (W1, W2, W3 or all), got " + String.join(" ", rest));
        }
        String which = rest.isEmpty() ? "all" : rest.get(0).toUpperCase(Locale.ROOT);
        if (!List.of("W1", "W2", "W3", "SOCKETS", "SWEEP", "ALL").contains(which)) {
            throw new UsageException("bench: unknown workload '" + rest.get(0) + "' (W1, W2, W3, sockets, sweep or all)");
        }
        Integer hosts = cl.hasOption("hosts") ? (int) positive("--hosts", cl.getOptionValue("hosts"), 60_000) : null;
        Long packets = cl.hasOption("packets") ? positive("--packets", cl.getOptionValue("packets"), 1_000_000_000L) : null;
        int reps = cl.hasOption("reps") ? (int) positive("--reps", cl.getOptionValue("reps"), 100) : 3;
        long events = cl.hasOption("events") ? positive("--events", cl.getOptionValue("events"), Long.MAX_VALUE) : EventCore.N_DEFAULT;
        if (cl.hasOption("trace")) {
            if (!cl.getOptionValue("trace").equals("jsonl")) {
                throw new UsageException("bench: --trace takes only jsonl, got '" + cl.getOptionValue("trace") + "'");
            }
            traceJsonl = true;
        }
        List<String> modes = List.of("chain", "hold-100k", "hold-1M");
        if (cl.hasOption("mode")) {
            String mode = cl.getOptionValue("mode");
            if (!modes.contains(mode)) {
                throw new UsageException("bench: --mode takes chain, hold-100k or hold-1M, got '" + mode + "'");
            }
            modes = List.of(mode);
        }
        if (packets != null && which.equals("W2")) {
            throw new UsageException("bench: --packets is for W1 (W2 sends 64 KiB per client)");
        }
        warmManagementBeans();
        reportDir = Path.of(cl.getOptionValue("out", Path.of("reports", "bench").toString()));
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            throw new UsageException("bench: cannot write results to " + reportDir + ": " + e.getMessage());
        }
        out.println("stacklab bench: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        int status = Exit.OK;
        if (which.equals("W1") || which.equals("ALL")) {
            status = Math.max(status, w1(hosts == null ? W1_HOSTS : hosts, packets == null ? W1_PACKETS : packets));
        }
        if (which.equals("W2") || which.equals("ALL")) {
            int s = w2(hosts == null ? W2_HOSTS : hosts);
            status = Math.max(status, which.equals("ALL") && s == SKIPPED ? Exit.OK : Math.min(s, Exit.EXPECTATION_FAILED));
        }
        if (which.equals("W3") || which.equals("ALL")) {
            status = Math.max(status, w3(modes, reps, events));
        }
        if (which.equals("SWEEP")) {
            status = Math.max(status, sweep(hosts == null ? 100 : hosts, packets == null ? 10_000_000L : packets));
        }
        if (which.equals("SOCKETS") || which.equals("ALL")) {
            status = Math.max(status, sockets());
        }
        return status;
    }

    private static final int SKIPPED = 99;

    // ---------------------------------------------------------------------------------- W1, W2

    private int w1(int hosts, long packets) throws UsageException {
        Meter m = Meter.start();
        Path file = scenarioFile(W1_FILE);
        Scenario sc = resize(load(file), hosts, packets);
        Run r = runScenario(sc, "W1-H" + hosts + "-P" + packets);
        if (r == null) {
            return Exit.BAD_INPUT;
        }
        m.stop();
        long size = clientApp(sc).size();
        long expectedEchoes = hosts * packets;
        long echoes = 0;
        int finished = 0;
        Rtt rtt = new Rtt();
        for (VirtualProcess p : r.result.world().processes()) {
            if (isClient(sc, p)) {
                echoes += p.receivedBytes() / Math.max(1, size);
                finished += p.finished() ? 1 : 0;
                if (p.program() instanceof UdpEchoClient c) {
                    rtt.add(c);
                }
            }
        }
        PacketStats st = r.result.world().network().stats();
        boolean ok = r.result.allHeld() && echoes == expectedEchoes && st.droppedTotal() == 0 && finished == hosts;
        Anchors.Ns3 ns3 = Anchors.w1(hosts, packets);
        out.println();
        out.println("W1 udp-echo-star: " + hosts + " clients x " + packets + " datagrams of " + size + " B (" + file + ")"
                + (traceJsonl ? ", JSON-lines trace ON" : ", reports off"));
        out.println("  check      " + (ok ? "ok" : "FAILED") + ": " + echoes + "/" + expectedEchoes + " echoes back, "
                + st.droppedTotal() + " drops, " + finished + "/" + hosts + " clients finished, expectations "
                + held(r.result));
        double[] want = Anchors.w1Rtt(hosts, packets);
        out.print(Fmt.f("  rtt        %.3f / %.3f / %.3f us min/mean/max%s%n", rtt.min / 1e3, rtt.mean() / 1e3,
                rtt.max / 1e3, want == null ? "" : Fmt.f(" (ns-3: %.3f / %.3f / %.3f; it frames 2 B more per packet, PPP)", want[0], want[1], want[2])));
        printScenarioFigures(r, m, "echoes", echoes, ns3);
        Json j = r.json("W1", m).put("hosts", hosts).put("packets_per_client", packets).put("payload_bytes", size)
                .put("echoes", echoes).put("echoes_expected", expectedEchoes).put("rtt_min_us", rtt.min / 1e3)
                .put("rtt_mean_us", rtt.mean() / 1e3).put("rtt_max_us", rtt.max / 1e3).put("ok", ok);
        anchorJson(j, ns3, r, m);
        write("W1-H" + hosts + "-P" + packets, j);
        if (want != null && echoes == expectedEchoes && (rtt.min / 1e3 < want[0] - 1 || rtt.max / 1e3 > want[2] + 1)) {
            out.println("  note       RTT differs from ns-3's by more than 1 us");
        }
        return ok ? Exit.OK : Exit.EXPECTATION_FAILED;
    }

    private int w2(int hosts) throws UsageException {
        Meter m = Meter.start();
        Path file = scenarioFile(W2_FILE);
        Scenario sc = resize(load(file), hosts, null);
        out.println();
        out.println("W2 tcp-fanin: " + hosts + " clients x " + bulkBytes(sc) + " B over TCP (" + file + ")"
                + (traceJsonl ? ", JSON-lines trace ON" : ", reports off"));
        Run r;
        try {
            r = runScenario(sc, "W2-H" + hosts);
        } catch (IllegalArgumentException e) {
            out.println("  skipped    " + e.getMessage());
            return SKIPPED;
        }
        if (r == null) {
            return Exit.BAD_INPUT;
        }
        m.stop();
        long expected = hosts * bulkBytes(sc);
        long sunk = 0;
        int finished = 0;
        for (VirtualProcess p : r.result.world().processes()) {
            if (isClient(sc, p)) {
                finished += p.finished() ? 1 : 0;
            } else {
                sunk += p.receivedBytes();
            }
        }
        PacketStats st = r.result.world().network().stats();
        boolean ok = r.result.allHeld() && sunk == expected && finished == hosts;
        out.println("  check      " + (ok ? "ok" : "FAILED") + ": " + sunk + "/" + expected + " bytes arrived, "
                + finished + "/" + hosts + " senders finished, " + st.droppedTotal() + " drops, expectations "
                + held(r.result));
        Anchors.Ns3 ns3 = Anchors.w2(hosts);
        printScenarioFigures(r, m, "segments", st.sent(), ns3);
        Json j = r.json("W2", m).put("hosts", hosts).put("bytes_per_client", bulkBytes(sc)).put("bytes_arrived", sunk)
                .put("bytes_expected", expected).put("ok", ok);
        anchorJson(j, ns3, r, m);
        write("W2-H" + hosts, j);
        return ok ? Exit.OK : Exit.EXPECTATION_FAILED;
    }

    /** What a W1/W2 run measured. */
    private final class Run {
        RunResult result;
        double assembleS;
        double loopS;
        long events;
        long packetsSent;

        Json json(String workload, Meter m) {
            return new Json().put("workload", workload).put("trace", traceJsonl ? "jsonl" : "off")
                    .put("wall_whole_run_s", m.wallS).put("wall_assembly_s", assembleS).put("wall_run_loop_s", loopS)
                    .put("jvm_uptime_s", m.uptimeS).put("cpu_main_thread_s", m.threadCpuS).put("cpu_process_s", m.processCpuS).put("sim_events", events).put("events_per_s", events / loopS)
                    .put("packets_sent", packetsSent).put("packets_per_s", packetsSent / loopS)
                    .put("peak_heap_mib", m.peakHeapMiB).put("peak_rss_mib", m.peakRssMiB).put("gc_count", m.gcCount)
                    .put("gc_time_s", m.gcS);
        }
    }

    private Run runScenario(Scenario sc, String name) throws UsageException {
        Run r = new Run();
        long t0 = System.nanoTime();
        Tracer tracer = new Tracer();
        Path tracePath = null;
        if (traceJsonl) {
            tracePath = reportDir.resolve(name + ".jsonl");
            try {
                tracer.add(new JsonlTraceWriter(Files.newBufferedWriter(tracePath, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UsageException("bench: cannot write " + tracePath + ": " + e.getMessage());
            }
        }
        org.stacklab.scenario.World w;
        try {
            w = Assembler.assemble(sc, tracer);
        } catch (ScenarioException e) {
            for (ScenarioError se : e.errors()) {
                err.println(se);
            }
            return null;
        }
        long t1 = System.nanoTime();
        r.result = ScenarioRun.run(w, -1);
        long t2 = System.nanoTime();
        try {
            tracer.close();
        } catch (IOException e) {
            throw new UsageException("bench: cannot write " + tracePath + ": " + e.getMessage());
        }
        r.assembleS = (t1 - t0) / 1e9;
        r.loopS = (t2 - t1) / 1e9;
        r.events = w.sim().executed();
        r.packetsSent = w.network().stats().sent();
        return r;
    }

    private void printScenarioFigures(Run r, Meter m, String unit, long units, Anchors.Ns3 ns3) {
        out.print(Fmt.f("  wall       %.3f s whole run (load + assembly %.3f s, run loop %.3f s); JVM up %.2f s%n",
                m.wallS, m.wallS - r.loopS, r.loopS, m.uptimeS));
        out.print(Fmt.f("  cpu        %.3f s main thread, %.3f s all threads (JIT compilers, GC) during the whole run%n",
                m.threadCpuS, m.processCpuS));
        out.print(Fmt.f("  events     %d simulated, %s events/s%n", r.events, si(r.events / r.loopS)));
        out.print(Fmt.f("  packets    %d sent by hosts, %s packets/s, %s %s/s%n", r.packetsSent,
                si(r.packetsSent / r.loopS), si(units / r.loopS), unit));
        out.print(Fmt.f("  memory     peak heap %.0f MiB, peak RSS %.0f MiB, %d GCs (%.3f s; %s)%n", m.peakHeapMiB,
                m.peakRssMiB, m.gcCount, m.gcS, gcNames()));
        if (ns3 != null) {
            out.print(Fmt.f("  ns-3.37    process %.2f s, Simulator::Run %.3f s, %d events, %d MiB RSS (ns-3 anchor medians, FIFO)%n",
                    ns3.processS(), ns3.runS(), ns3.events(), ns3.rssMiB()));
            out.print(Fmt.f("  ratio      %.1fx faster, JVM up time vs ns-3 process; %.1fx, run loop vs Simulator::Run%n",
                    ns3.processS() / m.uptimeS, ns3.runS() / r.loopS));
        } else {
            out.println("  ns-3.37    not measured at this size (anchors: W1 10x1000, 100x1000, 1000x100; W2 10, 100, 1000)");
        }
    }

    private static void anchorJson(Json j, Anchors.Ns3 ns3, Run r, Meter m) {
        if (ns3 != null) {
            j.put("ns3_process_s", ns3.processS()).put("ns3_run_s", ns3.runS()).put("ns3_events", ns3.events())
                    .put("ratio_process", ns3.processS() / m.uptimeS).put("ratio_run_loop", ns3.runS() / r.loopS);
        }
    }

    private static String held(RunResult r) {
        int held = 0;
        for (RunResult.Check c : r.checks()) {
            held += c.held() ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder().append(held).append('/').append(r.checks().size()).append(" held");
        for (RunResult.Check c : r.checks()) {
            if (!c.held()) {
                sb.append("; FAILED ").append(c.description()).append(c.detail() == null ? "" : ": " + c.detail());
                break;
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------- W3

    private int w3(List<String> modes, int reps, long n) {
        int status = Exit.OK;
        for (String mode : modes) {
            int pending = switch (mode) {
                case "chain" -> 1;
                case "hold-100k" -> 100_000;
                default -> 1_000_000;
            };
            Meter m = Meter.start();
            List<EventCore.Result> results = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                results.add(EventCore.run(mode, pending, n));
            }
            m.stop();
            EventCore.Result first = results.get(0);
            long[] want = n == EventCore.N_DEFAULT ? EventCore.expected(mode) : null;
            boolean ok = true;
            for (EventCore.Result r : results) {
                ok &= r.executed() == n && r.checksum() == first.checksum() && r.lastNs() == first.lastNs();
                if (want != null) {
                    ok &= r.checksum() == want[0] && r.lastNs() == want[1];
                }
            }
            double[] rates = results.stream().mapToDouble(EventCore.Result::eventsPerS).sorted().toArray();
            double median = rates[rates.length / 2];
            double best = rates[rates.length - 1];
            double[] prefill = results.stream().mapToDouble(EventCore.Result::prefillS).sorted().toArray();
            Anchors.Ns3Core ns3 = Anchors.w3(mode);
            out.println();
            out.println("W3 event-core " + mode + ": " + (pending == 1 ? "chain" : pending + " pending") + ", N = " + n
                    + " events, " + (reps == 1 ? "1 run, cold" : reps + " runs in this JVM (the first one cold)"));
            out.println("  check      " + (ok ? "ok" : "FAILED") + ": checksum " + Long.toUnsignedString(first.checksum())
                    + ", N-th event at " + first.lastNs() + " ns" + (want == null ? " (no anchor for this N)"
                            : ok ? " (as the anchor defines)" : " (the anchor: " + Long.toUnsignedString(want[0]) + " / " + want[1] + ")"));
            out.print(Fmt.f("  speed      %s events/s median, %s best, %s first run; prefill %.3f s; loop %.3f s median%n",
                    si(median), si(best), si(first.eventsPerS()), prefill[prefill.length / 2], n / median));
            out.print(Fmt.f("  memory     peak heap %.0f MiB, peak RSS %.0f MiB, %d GCs (%.3f s; %s)%n", m.peakHeapMiB,
                    m.peakRssMiB, m.gcCount, m.gcS, gcNames()));
            out.print(Fmt.f("  ns-3.37    %s events/s best scheduler (PriorityQueue), %s default (Map): %.1fx and %.1fx%n",
                    si(ns3.bestPerS()), si(ns3.defaultPerS()), median / ns3.bestPerS(), median / ns3.defaultPerS()));
            Json j = new Json().put("workload", "W3").put("mode", mode).put("pending", pending).put("events", n)
                    .put("reps", reps).put("checksum", Long.toUnsignedString(first.checksum()))
                    .put("nth_event_ns", first.lastNs()).put("ok", ok).put("events_per_s_median", median)
                    .put("events_per_s_best", best).put("events_per_s_first", first.eventsPerS())
                    .put("prefill_s_median", prefill[prefill.length / 2]).put("peak_heap_mib", m.peakHeapMiB)
                    .put("peak_rss_mib", m.peakRssMiB).put("gc_count", m.gcCount).put("gc_time_s", m.gcS)
                    .put("ns3_best_events_per_s", ns3.bestPerS()).put("ns3_default_events_per_s", ns3.defaultPerS())
                    .put("ratio_best", median / ns3.bestPerS());
            write("W3-" + mode, j);
            if (!ok) {
                status = Exit.EXPECTATION_FAILED;
            }
        }
        return status;
    }

    // ---------------------------------------------------------------------------------- sweep

    /**
     * W1 with {@code hosts} clients and 10k, 100k, 1M, ... up to {@code max} datagrams in all, in
     * one JVM after a warm-up run: the run loop's cost per datagram (one echo: two packets, four
     * link crossings) must stay within 2x over the whole range.
     */
    private int sweep(int hosts, long max) throws UsageException {
        Path file = scenarioFile(W1_FILE);
        Scenario base = load(file);
        out.println();
        out.println("sweep: W1 with " + hosts + " clients, 10k to " + max + " datagrams in all (" + file + "); one JVM, after three warm-up runs");
        for (int i = 0; i < 3; i++) { // warm-up: let the JIT compilers finish before anything is timed
            if (runScenario(resize(base, hosts, Math.max(1L, 300_000L / hosts)), "sweep-warmup") == null) {
                return Exit.BAD_INPUT;
            }
        }
        out.println("  datagrams      events   run loop s   ns/datagram   ns/event   echoes back   (median of up to 15 runs, each from a collected heap)");
        Json j = new Json().put("workload", "sweep").put("hosts", hosts);
        double best = Double.MAX_VALUE;
        double worst = 0;
        boolean ok = true;
        for (long total = 10_000; total <= max; total *= 10) {
            long p = Math.max(1, total / hosts);
            Scenario sc = resize(base, hosts, p);
            // Each size starts from a collected heap, and small sizes run up to 15 times (median
            // kept): a single 20 ms run would measure whether a young collection fell into it.
            List<Run> runs = new ArrayList<>();
            double spent = 0;
            while (runs.isEmpty() || (runs.size() < 15 && spent < 1.0)) {
                System.gc();
                Run one = runScenario(sc, "sweep-" + total);
                if (one == null) {
                    return Exit.BAD_INPUT;
                }
                runs.add(one);
                spent += one.loopS;
            }
            runs.sort((x, y) -> Double.compare(x.loopS, y.loopS));
            Run r = runs.get(runs.size() / 2);
            long datagrams = hosts * p;
            long size = clientApp(sc).size();
            long echoes = 0;
            for (VirtualProcess v : r.result.world().processes()) {
                if (isClient(sc, v)) {
                    echoes += v.receivedBytes() / Math.max(1, size);
                }
            }
            boolean all = echoes == datagrams && r.result.allHeld();
            ok &= all;
            double perDatagram = r.loopS * 1e9 / datagrams;
            best = Math.min(best, perDatagram);
            worst = Math.max(worst, perDatagram);
            out.print(Fmt.f("  %9d %11d %12.3f %13.0f %10.0f   %s%n", datagrams, r.events, r.loopS, perDatagram,
                    r.loopS * 1e9 / r.events, all ? "all" : echoes + "/" + datagrams + " FAILED"));
            j.put("datagrams_" + datagrams + "_run_loop_s", r.loopS).put("datagrams_" + datagrams + "_events", r.events)
                    .put("datagrams_" + datagrams + "_ns_per_datagram", perDatagram);
        }
        boolean linear = worst <= 2 * best;
        out.print(Fmt.f("  linear     %s: the dearest datagram costs %.2fx the cheapest (goal: within 2x)%n",
                linear ? "yes" : "NO", worst / best));
        write("sweep-H" + hosts, j.put("worst_over_best", worst / best).put("linear", linear).put("ok", ok));
        return ok && linear ? Exit.OK : Exit.EXPECTATION_FAILED;
    }

    // ---------------------------------------------------------------------------------- sockets

    private static final int IDLE_SOCKET_GOAL = 1024;

    private int sockets() {
        SocketMemory.Result r = SocketMemory.udp(100_000);
        boolean ok = r.bytesPerSocket() < IDLE_SOCKET_GOAL;
        out.println();
        out.println("sockets: " + r.sockets() + " idle UDP sockets, each opened and bound by a process (50,000 per host)");
        out.print(Fmt.f("  memory     %d bytes per idle socket (heap %.1f -> %.1f MiB after full GCs); goal under %d: %s%n",
                r.bytesPerSocket(), r.heapBefore() / 1048576.0, r.heapAfter() / 1048576.0, IDLE_SOCKET_GOAL, ok ? "met" : "NOT met"));
        write("sockets-udp", new Json().put("workload", "sockets").put("protocol", "udp").put("sockets", r.sockets())
                .put("bytes_per_idle_socket", r.bytesPerSocket()).put("goal_bytes", IDLE_SOCKET_GOAL).put("ok", ok));
        return ok ? Exit.OK : Exit.EXPECTATION_FAILED;
    }

    // ---------------------------------------------------------------------------------- scenarios

    /**
     * The workload file: under {@code stacklab.home} (the launcher sets it), the current folder,
     * or the repository the jar was built in ({@code <repo>/engine/target/stacklab.jar}).
     */
    static Path scenarioFile(String relative) throws UsageException {
        List<Path> roots = new ArrayList<>();
        String home = System.getProperty("stacklab.home");
        if (home != null && !home.isBlank()) {
            roots.add(Path.of(home));
        }
        roots.add(Path.of(""));
        try {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path up = jar.getParent();
            for (int i = 0; i < 3 && up != null; i++, up = up.getParent()) {
                roots.add(up);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no jar location: the other roots only
        }
        for (Path root : roots) {
            Path p = root.resolve(relative);
            if (Files.isRegularFile(p)) {
                return root.toString().isEmpty() ? Path.of(relative) : p.normalize();
            }
        }
        throw new UsageException("bench: cannot find " + relative + " (looked in the current folder and beside the "
                + "StackLab jar; run from the repository's root)");
    }

    private Scenario load(Path file) throws UsageException {
        try {
            return ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            for (ScenarioError se : e.errors()) {
                err.println(se);
            }
            throw new UsageException("bench: " + file + " does not load (see above)");
        }
    }

    /**
     * The scenario with its host group resized to {@code hosts}, each {@code udp-echo-client}
     * sending {@code packets} (when given), and every {@code received_bytes} claim recomputed.
     */
    static Scenario resize(Scenario s, int hosts, Long packets) {
        List<HostSpec> hs = new ArrayList<>();
        for (HostSpec h : s.hosts()) {
            hs.add(h.isGroup() ? new HostSpec(h.pos(), h.name(), h.ips(), h.forward(), hosts) : h);
        }
        List<ProcessSpec> ps = new ArrayList<>();
        for (ProcessSpec p : s.processes()) {
            AppSpec a = p.app();
            if (a != null && packets != null && a.app().equals("udp-echo-client")) {
                a = new AppSpec(a.pos(), a.app(), a.port(), a.to(), packets, a.intervalNs(), a.size(), a.bytes(), a.body(),
                        a.path());
            }
            ps.add(new ProcessSpec(p.pos(), p.name(), p.host(), p.user(), p.startNs(), p.steps(), a));
        }
        Scenario mid = new Scenario(s.file(), s.name(), s.description(), s.seed(), s.untilNs(), s.defaults(), hs,
                s.links(), ps, s.expectations(), s.snapshots(), s.timeline());
        long bulk = hosts * bulkBytes(mid);
        List<Expectation> es = new ArrayList<>();
        for (Expectation e : s.expectations()) {
            if (e instanceof Expectation.ReceivedBytes r) {
                ProcessSpec who = processNamed(mid, r.process());
                if (who != null && who.app() != null && who.app().app().equals("udp-echo-client")) {
                    e = new Expectation.ReceivedBytes(r.pos(), r.process(), who.app().count() * who.app().size());
                } else if (who != null && who.app() != null && who.app().app().equals("tcp-sink")) {
                    e = new Expectation.ReceivedBytes(r.pos(), r.process(), bulk);
                }
            }
            es.add(e);
        }
        return new Scenario(s.file(), s.name(), s.description(), s.seed(), s.untilNs(), s.defaults(), hs, s.links(), ps,
                es, s.snapshots(), s.timeline());
    }

    /** The process spec a claim's glob is about (its name, or its name followed by '*'). */
    private static ProcessSpec processNamed(Scenario s, String glob) {
        String base = glob.endsWith("*") ? glob.substring(0, glob.length() - 1) : glob;
        for (ProcessSpec p : s.processes()) {
            if (p.name().equals(base)) {
                return p;
            }
        }
        return null;
    }

    private static long bulkBytes(Scenario s) {
        for (ProcessSpec p : s.processes()) {
            if (p.app() != null && p.app().app().equals("tcp-bulk-send")) {
                return p.app().bytes();
            }
        }
        return 0;
    }

    private static AppSpec clientApp(Scenario s) {
        for (ProcessSpec p : s.processes()) {
            if (p.app() != null && p.app().app().equals("udp-echo-client")) {
                return p.app();
            }
        }
        throw new IllegalStateException("no udp-echo-client in " + s.file());
    }

    /** Whether {@code p} runs on the client group. */
    private static boolean isClient(Scenario s, VirtualProcess p) {
        for (HostSpec h : s.hosts()) {
            if (h.isGroup() && p.host().startsWith(h.name())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------- measuring

    /** Wall clock, heap peak (pools reset at the start), GC work and the process's peak RSS. */
    private static final class Meter {
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
                for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                    m.gc0 += Math.max(0, g.getCollectionCount());
                    m.gcMs0 += Math.max(0, g.getCollectionTime());
                }
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
            long gc = 0;
            long gcMs = 0;
            for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, g.getCollectionCount());
                gcMs += Math.max(0, g.getCollectionTime());
            }
            gcCount = gc - gc0;
            gcS = (gcMs - gcMs0) / 1e3;
            peakRssMiB = vmHwmKiB() / 1024.0;
        }
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
    private static void warmManagementBeans() {
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

    private static String gcNames() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(g.getName());
        }
        return String.join(" + ", names);
    }

    /** W1's round trips over all clients, in ns. */
    private static final class Rtt {
        long min = Long.MAX_VALUE;
        long max;
        long sum;
        long count;

        void add(UdpEchoClient c) {
            if (c.timedEchoes() > 0) {
                min = Math.min(min, c.rttMinNs());
                max = Math.max(max, c.rttMaxNs());
                sum += c.rttSumNs();
                count += c.timedEchoes();
            }
        }

        double mean() {
            return count == 0 ? 0 : (double) sum / count;
        }
    }

    // ---------------------------------------------------------------------------------- output

    private void write(String name, Json j) {
        Path f = reportDir.resolve(name + ".json");
        try {
            Files.writeString(f, j.toString(), StandardCharsets.UTF_8);
            out.println("  results    " + f);
        } catch (IOException e) {
            err.println("stacklab: cannot write " + f + ": " + e.getMessage());
        }
    }

    /** A flat JSON object whose keys keep the order they were put in. */
    static final class Json {
        private final StringBuilder sb = new StringBuilder("{");

        Json put(String k, Object v) {
            if (sb.length() > 1) {
                sb.append(",");
            }
            sb.append("\n  \"").append(k).append("\": ");
            if (v instanceof String s) {
                sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (v instanceof Double d) {
                sb.append(Double.isFinite(d) ? new java.math.BigDecimal(d).round(new java.math.MathContext(6))
                        .stripTrailingZeros().toPlainString() : "null");
            } else {
                sb.append(v);
            }
            return this;
        }

        @Override
        public String toString() {
            return sb + "\n}\n";
        }
    }

    static String si(double v) {
        if (v >= 1e6) {
            return Fmt.f("%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return Fmt.f("%.1fk", v / 1e3);
        }
        return Fmt.f("%.0f", v);
    }

    private static long positive(String flag, String v, long max) throws UsageException {
        try {
            long n = Long.parseLong(v.trim().replace("_", ""));
            if (n < 1 || n > max) {
                throw new UsageException("bench: " + flag + " must be between 1 and " + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("bench: " + flag + ": expected a whole number, got '" + v + "'");
        }
    }
}
