package org.stacklab.cli.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.net.DropReason;
import org.stacklab.net.PacketStats;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.process.ProcessObserver;
import org.stacklab.process.Step;
import org.stacklab.process.VirtualProcess;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.RunResult;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioRun;
import org.stacklab.scenario.World;
import org.stacklab.trace.Tracer;

/**
 * One run of a sweep, untraced, and what it measured. Every metric is simulated, never wall
 * time, so a sweep's CSV is the same on every machine.
 */
final class SweepRun {
    /** The metric columns, in CSV order; {@code drop_<reason>} follow for every drop reason. */
    static final List<String> METRICS = metricNames();

    private SweepRun() {}

    private static List<String> metricNames() {
        List<String> m = new ArrayList<>(List.of("held", "failed_expectations", "events", "end_s", "completion_s",
                "received_bytes", "goodput_bps", "sent", "delivered", "dropped"));
        for (DropReason r : DropReason.values()) {
            m.add("drop_" + r.label());
        }
        return List.copyOf(m);
    }

    /** Runs {@code sc}; the map holds every metric of {@link #METRICS} (null where undefined). */
    static Map<String, Number> run(Scenario sc) throws ScenarioException {
        FinishTimes finish = new FinishTimes();
        World w = Assembler.assemble(sc, Tracer.off(), finish);
        finish.world = w;
        RunResult r = ScenarioRun.run(w, -1);
        Map<String, Number> m = new LinkedHashMap<>();
        int failed = 0;
        for (RunResult.Check c : r.checks()) {
            failed += c.held() ? 0 : 1;
        }
        m.put("held", failed == 0 ? 1 : 0);
        m.put("failed_expectations", failed);
        m.put("events", r.events());
        m.put("end_s", r.endNs() / 1e9);
        long received = 0;
        long firstStart = Long.MAX_VALUE;
        for (VirtualProcess p : w.processes()) {
            received += p.receivedBytes();
            if (p.receivedBytes() > 0) {
                firstStart = Math.min(firstStart, p.startNs());
            }
        }
        m.put("completion_s", finish.lastNs < 0 ? null : finish.lastNs / 1e9);
        m.put("received_bytes", received);
        long span = finish.lastNs - (firstStart == Long.MAX_VALUE ? 0 : firstStart);
        m.put("goodput_bps", finish.lastNs < 0 || span <= 0 ? null : received * 8e9 / span);
        PacketStats s = w.network().stats();
        m.put("sent", s.sent());
        m.put("delivered", s.deliveredCount());
        m.put("dropped", s.droppedTotal());
        for (DropReason d : DropReason.values()) {
            m.put("drop_" + d.label(), s.dropped(d));
        }
        return m;
    }

    /** When the last process that ends (finishes or fails) ended; servers that idle never do. */
    private static final class FinishTimes implements ProcessObserver {
        World world;
        long lastNs = -1;

        public void call(VirtualProcess p, Step step, Call call, Outcome outcome, boolean expected) {}

        public void lifecycle(VirtualProcess p, String what, String detail) {
            if (world != null && (what.equals("finish") || what.equals("fail"))) {
                lastNs = Math.max(lastNs, world.sim().now());
            }
        }

        public void note(VirtualProcess p, String text) {}
    }
}
