package org.stacklab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.stacklab.net.DropReason;
import org.stacklab.net.PacketStats;
import org.stacklab.process.VirtualProcess;
import org.stacklab.scenario.RunResult;
import org.stacklab.scenario.Scenario;
import org.stacklab.sim.SimTime;

/** The one-screen summary printed at the end of a run. */
final class Summary {
    private static final int MAX_LISTED = 12;
    private final PrintStream out;
    private final boolean quiet;

    Summary(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    void print(RunResult r, double wallSeconds, Path dir, List<String> files) {
        Scenario sc = r.world().scenario();
        if (!quiet) {
            out.println("scenario " + sc.name() + " (" + sc.file() + ", seed " + sc.seed() + ")");
            out.printf(Locale.ROOT, "simulated %s s: %d events in %.3f s wall%n", SimTime.format(r.endNs()), r.events(), wallSeconds);
            out.println(packets(r.world().network().stats()));
            out.println(processes(r.world().processes()));
        }
        int failed = 0;
        for (RunResult.Check c : r.checks()) {
            if (!c.held()) {
                failed++;
            }
        }
        if (!r.checks().isEmpty() && (!quiet || failed > 0)) {
            out.println("expectations: " + (r.checks().size() - failed) + " held, " + failed + " failed");
            int listed = 0;
            for (RunResult.Check c : r.checks()) {
                if (quiet && c.held()) {
                    continue;
                }
                if (listed++ == MAX_LISTED) {
                    out.println("  ... (" + (r.checks().size() - MAX_LISTED) + " more in the trace)");
                    break;
                }
                out.println("  " + (c.held() ? "ok  " : "FAIL") + "  " + c.description()
                        + (c.line() > 0 ? " [line " + c.line() + "]" : "") + (c.detail() == null ? "" : ": " + c.detail()));
            }
        }
        if (!quiet && dir != null) {
            out.println("reports: " + dir + "/ (" + String.join(", ", files) + ")");
        }
    }

    static String packets(PacketStats s) {
        StringBuilder sb = new StringBuilder("packets: ").append(s.sent()).append(" sent, ").append(s.deliveredCount())
                .append(" delivered, ").append(s.droppedTotal()).append(" dropped");
        if (s.droppedTotal() > 0) {
            sb.append(" (");
            boolean first = true;
            for (DropReason d : DropReason.values()) {
                if (s.dropped(d) > 0) {
                    sb.append(first ? "" : ", ").append(d.label()).append(' ').append(s.dropped(d));
                    first = false;
                }
            }
            sb.append(')');
        }
        sb.append(", ").append(s.inFlight()).append(" in flight; ").append(s.forwardedCount()).append(" forwarded");
        return sb.toString();
    }

    static String processes(List<VirtualProcess> ps) {
        int finished = 0;
        int failed = 0;
        int running = 0;
        for (VirtualProcess p : ps) {
            switch (p.status()) {
                case FINISHED -> finished++;
                case FAILED -> failed++;
                default -> running++;
            }
        }
        StringBuilder sb = new StringBuilder("processes: ").append(ps.size()).append(" (").append(finished)
                .append(" finished, ").append(running).append(" still running or waiting, ").append(failed).append(" failed)");
        int listed = 0;
        for (VirtualProcess p : ps) {
            if (p.status() == VirtualProcess.Status.FAILED && listed++ < MAX_LISTED) {
                sb.append("\n  ").append(p.name()).append(" failed: ").append(p.failure());
            }
        }
        return sb.toString();
    }
}
