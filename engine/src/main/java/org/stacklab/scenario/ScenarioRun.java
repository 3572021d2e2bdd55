package org.stacklab.scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stacklab.net.DropReason;
import org.stacklab.net.PacketStats;
import org.stacklab.process.ScriptRunner;
import org.stacklab.process.Step;
import org.stacklab.process.VirtualProcess;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;

/**
 * Runs an assembled {@link World} to its end (the {@code until} limit, or no event left),
 * writes the final socket tables, and checks the expectations.
 */
public final class ScenarioRun {
    private ScenarioRun() {}

    /** Runs to the end; {@code untilOverride} (ns, or -1) replaces the scenario's {@code until}. */
    public static RunResult run(World w, long untilOverride) {
        long until = untilOverride >= 0 ? untilOverride : w.scenario().untilNs();
        Simulator sim = w.sim();
        if (until >= 0) {
            sim.runUntil(until);
        } else {
            sim.run();
        }
        Assembler.snapshot(w.network());
        List<RunResult.Check> checks = check(w);
        Tracer t = w.tracer();
        if (t.on()) {
            for (RunResult.Check c : checks) {
                t.emit(new TraceEvent.ExpectationEvent(sim.now(), "", c.description(), c.held(), c.detail(), c.line()));
            }
        }
        return new RunResult(w, checks, sim.now(), sim.executed());
    }

    static List<RunResult.Check> check(World w) {
        List<RunResult.Check> out = new ArrayList<>();
        for (Expectation e : w.scenario().expectations()) {
            out.add(check(w, e));
        }
        for (VirtualProcess p : w.processes()) {
            if (p.status() == VirtualProcess.Status.FAILED) {
                out.add(new RunResult.Check("process " + p.name() + " runs without unexpected errors", false,
                        p.failure(), 0));
            } else if (p.program() instanceof ScriptRunner r && r.pendingStep() != null) {
                Step s = r.pendingStep();
                Step.Common c = s.common();
                if (c.expectError() != null || c.hasTimeout() || s.expect() != null) {
                    out.add(new RunResult.Check("process " + p.name() + " completes " + s.kind() + " (line " + c.line() + ")",
                            false, "still waiting when the run ended", c.line()));
                }
            }
        }
        return out;
    }

    private static RunResult.Check check(World w, Expectation e) {
        int line = e.pos().line();
        if (e instanceof Expectation.Drops d) {
            PacketStats st = w.network().stats();
            long n = d.reason() == null ? st.droppedTotal() : st.dropped(DropReason.byLabel(d.reason()));
            String what = "drops" + (d.reason() == null ? "" : " with reason " + d.reason()) + " = " + d.count();
            return new RunResult.Check(what, n == d.count(), n == d.count() ? null : "counted " + n, line);
        }
        List<VirtualProcess> ps = matching(w, e.process());
        List<String> failures = new ArrayList<>();
        String description;
        if (e instanceof Expectation.Received r) {
            description = e.process() + " received \"" + r.text() + "\"";
            String needle = new String(r.text().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            for (VirtualProcess p : ps) {
                if (!p.receivedText().contains(needle)) {
                    failures.add(p.name() + " received " + p.receivedBytes() + " bytes without it");
                }
            }
        } else if (e instanceof Expectation.ReceivedBytes r) {
            description = e.process() + " received " + r.bytes() + " bytes";
            for (VirtualProcess p : ps) {
                if (p.receivedBytes() != r.bytes()) {
                    failures.add(p.name() + " received " + p.receivedBytes());
                }
            }
        } else {
            Expectation.Finished f = (Expectation.Finished) e;
            description = e.process() + (f.finished() ? " finished" : " did not finish");
            for (VirtualProcess p : ps) {
                if (p.finished() != f.finished()) {
                    failures.add(p.name() + " " + p.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            }
        }
        if (ps.isEmpty()) {
            failures = List.of("no process matches " + e.process());
        }
        return new RunResult.Check(description, failures.isEmpty(), failures.isEmpty() ? null : summary(failures), line);
    }

    private static List<VirtualProcess> matching(World w, String glob) {
        List<VirtualProcess> out = new ArrayList<>();
        for (VirtualProcess p : w.processes()) {
            if (w.matches(glob, p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The first five failures, and "..." when there are more. */
    private static String summary(List<String> failures) {
        String shown = String.join("; ", failures.subList(0, Math.min(5, failures.size())));
        return failures.size() > 5 ? shown + "; ..." : shown;
    }
}
