package org.stacklab.cli.bench;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.cli.Exit;

/** W3 (the event loop alone, checksums against the anchor's) and the idle-socket memory goal. */
final class CoreWorkloads {
    private static final int IDLE_SOCKET_GOAL = 1024;

    private CoreWorkloads() {}

    static int w3(Output o, List<String> modes, int reps, long n) {
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
            o.out.println();
            o.out.println("W3 event-core " + mode + ": " + (pending == 1 ? "chain" : pending + " pending") + ", N = " + n
                    + " events, " + (reps == 1 ? "1 run, cold" : reps + " runs in this JVM (the first one cold)"));
            o.out.println("  check      " + (ok ? "ok" : "FAILED") + ": checksum " + Long.toUnsignedString(first.checksum())
                    + ", N-th event at " + first.lastNs() + " ns" + (want == null ? " (no anchor for this N)"
                            : ok ? " (as the anchor defines)" : " (the anchor: " + Long.toUnsignedString(want[0]) + " / " + want[1] + ")"));
            o.out.print(Fmt.f("  speed      %s events/s median, %s best, %s first run; prefill %.3f s; loop %.3f s median%n",
                    Output.si(median), Output.si(best), Output.si(first.eventsPerS()), prefill[prefill.length / 2], n / median));
            o.out.print(m.memoryLine());
            o.out.print(Fmt.f("  ns-3.37    %s events/s best scheduler (PriorityQueue), %s default (Map): %.1fx and %.1fx%n",
                    Output.si(ns3.bestPerS()), Output.si(ns3.defaultPerS()), median / ns3.bestPerS(), median / ns3.defaultPerS()));
            Json j = new Json().put("workload", "W3").put("mode", mode).put("pending", pending).put("events", n)
                    .put("reps", reps).put("checksum", Long.toUnsignedString(first.checksum()))
                    .put("nth_event_ns", first.lastNs()).put("ok", ok).put("events_per_s_median", median)
                    .put("events_per_s_best", best).put("events_per_s_first", first.eventsPerS())
                    .put("prefill_s_median", prefill[prefill.length / 2]).putAll(m.memoryJson())
                    .put("ns3_best_events_per_s", ns3.bestPerS()).put("ns3_default_events_per_s", ns3.defaultPerS())
                    .put("ratio_best", median / ns3.bestPerS());
            o.write("W3-" + mode, j);
            if (!ok) {
                status = Exit.EXPECTATION_FAILED;
            }
        }
        return status;
    }

    static int sockets(Output o) {
        SocketMemory.Result r = SocketMemory.udp(100_000);
        boolean ok = r.bytesPerSocket() < IDLE_SOCKET_GOAL;
        o.out.println();
        o.out.println("sockets: " + r.sockets() + " idle UDP sockets, each opened and bound by a process (50,000 per host)");
        o.out.print(Fmt.f("  memory     %d bytes per idle socket (heap %.1f -> %.1f MiB after full GCs); goal under %d: %s%n",
                r.bytesPerSocket(), r.heapBefore() / 1048576.0, r.heapAfter() / 1048576.0, IDLE_SOCKET_GOAL, ok ? "met" : "NOT met"));
        o.write("sockets-udp", new Json().put("workload", "sockets").put("protocol", "udp").put("sockets", r.sockets())
                .put("bytes_per_idle_socket", r.bytesPerSocket()).put("goal_bytes", IDLE_SOCKET_GOAL).put("ok", ok));
        return ok ? Exit.OK : Exit.EXPECTATION_FAILED;
    }
}
