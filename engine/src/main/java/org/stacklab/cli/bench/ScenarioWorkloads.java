package org.stacklab.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.cli.Exit;
import org.stacklab.cli.UsageException;
import org.stacklab.net.PacketStats;
import org.stacklab.process.VirtualProcess;
import org.stacklab.process.app.UdpEchoClient;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.RunResult;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioError;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioRun;
import org.stacklab.scenario.World;
import org.stacklab.trace.Tracer;
import org.stacklab.trace.format.JsonlTraceWriter;

/**
 * W1 (UDP echo star), W2 (TCP fan-in) and the W1 sweep: whole scenarios run with reports off
 * (or a JSON-lines trace), their expectations checked, the figures printed beside ns-3's.
 */
final class ScenarioWorkloads {
    /** W2's status when this JVM cannot run it; {@code all} then goes on as if it passed. */
    static final int SKIPPED = 99;

    private final Output o;
    private final boolean traceJsonl;

    ScenarioWorkloads(Output o, boolean traceJsonl) {
        this.o = o;
        this.traceJsonl = traceJsonl;
    }

    int w1(int hosts, long packets) throws UsageException {
        Meter m = Meter.start();
        Path file = BenchScenarios.scenarioFile(BenchScenarios.W1_FILE);
        Scenario sc = BenchScenarios.resize(BenchScenarios.load(file, o.err), hosts, packets);
        Run r = runScenario(sc, "W1-H" + hosts + "-P" + packets);
        if (r == null) {
            return Exit.BAD_INPUT;
        }
        m.stop();
        long size = BenchScenarios.clientApp(sc).size();
        long expectedEchoes = hosts * packets;
        long echoes = BenchScenarios.echoesBack(sc, r.result);
        int finished = 0;
        Rtt rtt = new Rtt();
        for (VirtualProcess p : r.result.world().processes()) {
            if (BenchScenarios.isClient(sc, p)) {
                finished += p.finished() ? 1 : 0;
                if (p.program() instanceof UdpEchoClient c) {
                    rtt.add(c);
                }
            }
        }
        PacketStats st = r.result.world().network().stats();
        boolean ok = r.result.allHeld() && echoes == expectedEchoes && st.droppedTotal() == 0 && finished == hosts;
        Anchors.Ns3 ns3 = Anchors.w1(hosts, packets);
        o.out.println();
        o.out.println("W1 udp-echo-star: " + hosts + " clients x " + packets + " datagrams of " + size + " B (" + file + ")"
                + (traceJsonl ? ", JSON-lines trace ON" : ", reports off"));
        o.out.println("  check      " + (ok ? "ok" : "FAILED") + ": " + echoes + "/" + expectedEchoes + " echoes back, "
                + st.droppedTotal() + " drops, " + finished + "/" + hosts + " clients finished, expectations "
                + held(r.result));
        double[] want = Anchors.w1Rtt(hosts, packets);
        o.out.print(Fmt.f("  rtt        %.3f / %.3f / %.3f us min/mean/max%s%n", rtt.min / 1e3, rtt.mean() / 1e3,
                rtt.max / 1e3, want == null ? "" : Fmt.f(" (ns-3: %.3f / %.3f / %.3f; it frames 2 B more per packet, PPP)", want[0], want[1], want[2])));
        printScenarioFigures(r, m, "echoes", echoes, ns3);
        Json j = r.json("W1", m).put("hosts", hosts).put("packets_per_client", packets).put("payload_bytes", size)
                .put("echoes", echoes).put("echoes_expected", expectedEchoes).put("rtt_min_us", rtt.min / 1e3)
                .put("rtt_mean_us", rtt.mean() / 1e3).put("rtt_max_us", rtt.max / 1e3).put("ok", ok);
        anchorJson(j, ns3, r, m);
        o.write("W1-H" + hosts + "-P" + packets, j);
        if (want != null && echoes == expectedEchoes && (rtt.min / 1e3 < want[0] - 1 || rtt.max / 1e3 > want[2] + 1)) {
            o.out.println("  note       RTT differs from ns-3's by more than 1 us");
        }
        return ok ? Exit.OK : Exit.EXPECTATION_FAILED;
    }

    int w2(int hosts) throws UsageException {
        Meter m = Meter.start();
        Path file = BenchScenarios.scenarioFile(BenchScenarios.W2_FILE);
        Scenario sc = BenchScenarios.resize(BenchScenarios.load(file, o.err), hosts, null);
        o.out.println();
        o.out.println("W2 tcp-fanin: " + hosts + " clients x " + BenchScenarios.bulkBytes(sc) + " B over TCP (" + file + ")"
                + (traceJsonl ? ", JSON-lines trace ON" : ", reports off"));
        Run r;
        try {
            r = runScenario(sc, "W2-H" + hosts);
        } catch (IllegalArgumentException e) {
            o.out.println("  skipped    " + e.getMessage());
            return SKIPPED;
        }
        if (r == null) {
            return Exit.BAD_INPUT;
        }
        m.stop();
        long expected = hosts * BenchScenarios.bulkBytes(sc);
        long sunk = 0;
        int finished = 0;
        for (VirtualProcess p : r.result.world().processes()) {
            if (BenchScenarios.isClient(sc, p)) {
                finished += p.finished() ? 1 : 0;
            } else {
                sunk += p.receivedBytes();
            }
        }
        PacketStats st = r.result.world().network().stats();
        boolean ok = r.result.allHeld() && sunk == expected && finished == hosts;
        o.out.println("  check      " + (ok ? "ok" : "FAILED") + ": " + sunk + "/" + expected + " bytes arrived, "
                + finished + "/" + hosts + " senders finished, " + st.droppedTotal() + " drops, expectations "
                + held(r.result));
        Anchors.Ns3 ns3 = Anchors.w2(hosts);
        printScenarioFigures(r, m, "segments", st.sent(), ns3);
        Json j = r.json("W2", m).put("hosts", hosts).put("bytes_per_client", BenchScenarios.bulkBytes(sc)).put("bytes_arrived", sunk)
                .put("bytes_expected", expected).put("ok", ok);
        anchorJson(j, ns3, r, m);
        o.write("W2-H" + hosts, j);
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
                    .putAll(m.memoryJson());
        }
    }

    private Run runScenario(Scenario sc, String name) throws UsageException {
        Run r = new Run();
        long t0 = System.nanoTime();
        Tracer tracer = new Tracer();
        Path tracePath = null;
        if (traceJsonl) {
            tracePath = o.reportDir.resolve(name + ".jsonl");
            try {
                tracer.add(new JsonlTraceWriter(Files.newBufferedWriter(tracePath, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UsageException("bench: cannot write " + tracePath + ": " + e.getMessage());
            }
        }
        World w;
        try {
            w = Assembler.assemble(sc, tracer);
        } catch (ScenarioException e) {
            for (ScenarioError se : e.errors()) {
                o.err.println(se);
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
        o.out.print(Fmt.f("  wall       %.3f s whole run (load + assembly %.3f s, run loop %.3f s); JVM up %.2f s%n",
                m.wallS, m.wallS - r.loopS, r.loopS, m.uptimeS));
        o.out.print(Fmt.f("  cpu        %.3f s main thread, %.3f s all threads (JIT compilers, GC) during the whole run%n",
                m.threadCpuS, m.processCpuS));
        o.out.print(Fmt.f("  events     %d simulated, %s events/s%n", r.events, Output.si(r.events / r.loopS)));
        o.out.print(Fmt.f("  packets    %d sent by hosts, %s packets/s, %s %s/s%n", r.packetsSent,
                Output.si(r.packetsSent / r.loopS), Output.si(units / r.loopS), unit));
        o.out.print(m.memoryLine());
        if (ns3 != null) {
            o.out.print(Fmt.f("  ns-3.37    process %.2f s, Simulator::Run %.3f s, %d events, %d MiB RSS (ns-3 anchor medians, FIFO)%n",
                    ns3.processS(), ns3.runS(), ns3.events(), ns3.rssMiB()));
            o.out.print(Fmt.f("  ratio      %.1fx faster, JVM up time vs ns-3 process; %.1fx, run loop vs Simulator::Run%n",
                    ns3.processS() / m.uptimeS, ns3.runS() / r.loopS));
        } else {
            o.out.println("  ns-3.37    not measured at this size (anchors: W1 10x1000, 100x1000, 1000x100; W2 10, 100, 1000)");
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


    /**
     * W1 with {@code hosts} clients and 10k, 100k, 1M, ... up to {@code max} datagrams in all, in
     * one JVM after a warm-up run: the run loop's cost per datagram (one echo: two packets, four
     * link crossings) must stay within 2x over the whole range.
     */
    int sweep(int hosts, long max) throws UsageException {
        Path file = BenchScenarios.scenarioFile(BenchScenarios.W1_FILE);
        Scenario base = BenchScenarios.load(file, o.err);
        o.out.println();
        o.out.println("sweep: W1 with " + hosts + " clients, 10k to " + max + " datagrams in all (" + file + "); one JVM, after three warm-up runs");
        for (int i = 0; i < 3; i++) { // warm-up: let the JIT compilers finish before anything is timed
            if (runScenario(BenchScenarios.resize(base, hosts, Math.max(1L, 300_000L / hosts)), "sweep-warmup") == null) {
                return Exit.BAD_INPUT;
            }
        }
        o.out.println("  datagrams      events   run loop s   ns/datagram   ns/event   echoes back   (median of up to 15 runs, each from a collected heap)");
        Json j = new Json().put("workload", "sweep").put("hosts", hosts);
        double best = Double.MAX_VALUE;
        double worst = 0;
        boolean ok = true;
        for (long total = 10_000; total <= max; total *= 10) {
            long p = Math.max(1, total / hosts);
            Scenario sc = BenchScenarios.resize(base, hosts, p);
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
            long echoes = BenchScenarios.echoesBack(sc, r.result);
            boolean all = echoes == datagrams && r.result.allHeld();
            ok &= all;
            double perDatagram = r.loopS * 1e9 / datagrams;
            best = Math.min(best, perDatagram);
            worst = Math.max(worst, perDatagram);
            o.out.print(Fmt.f("  %9d %11d %12.3f %13.0f %10.0f   %s%n", datagrams, r.events, r.loopS, perDatagram,
                    r.loopS * 1e9 / r.events, all ? "all" : echoes + "/" + datagrams + " FAILED"));
            j.put("datagrams_" + datagrams + "_run_loop_s", r.loopS).put("datagrams_" + datagrams + "_events", r.events)
                    .put("datagrams_" + datagrams + "_ns_per_datagram", perDatagram);
        }
        boolean linear = worst <= 2 * best;
        o.out.print(Fmt.f("  linear     %s: the dearest datagram costs %.2fx the cheapest (goal: within 2x)%n",
                linear ? "yes" : "NO", worst / best));
        o.write("sweep-H" + hosts, j.put("worst_over_best", worst / best).put("linear", linear).put("ok", ok));
        return ok && linear ? Exit.OK : Exit.EXPECTATION_FAILED;
    }
}
