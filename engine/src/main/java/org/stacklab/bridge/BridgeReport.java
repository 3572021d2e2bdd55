package org.stacklab.bridge;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stacklab.scenario.ScenarioError;
import org.stacklab.sim.SimTime;

/**
 * Prints a bridge run: the machine, the host mapping, the side-by-side of every step, the end
 * results, what was not compared and why, and every divergence.
 */
public final class BridgeReport {
    private static final int WHAT = 40;
    private static final int RESULT = 24;
    private final PrintStream out;
    private final boolean quiet;

    public BridgeReport(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    /** The mapping, printed before anything runs. */
    public void header(BridgePlan plan, Environment env, String scenario, String file, Bridge.Options o) {
        out.println("bridge: scenario " + scenario + " (" + file + ")");
        out.println("machine: " + env.describe());
        out.println(plan.namespaces() ? "hosts, each in a network namespace of its own:" : "hosts on loopback:");
        for (String l : plan.map().describe()) {
            out.println("  " + l);
        }
        out.println("time: durations / " + o.scale().factor() + " (never below " + SimTime.human(o.scale().floorNs())
                + "), process starts at least " + SimTime.human(o.scale().gapNs()) + " apart, deadline "
                + SimTime.human(o.deadlineNs()));
        for (String w : plan.warnings()) {
            out.println("warning: " + w);
        }
    }

    /** Addresses the bridge will not use: one line each, FILE:LINE:COLUMN: message. */
    public static void refusals(PrintStream err, BridgePlan plan) {
        for (ScenarioError e : plan.refusals()) {
            err.println(e);
        }
    }

    public void result(Bridge.Result r) {
        for (String n : r.skipped() && r.skip() == null ? r.notes().subList(0, r.notes().size() - 1) : r.notes()) {
            out.println("note: " + n);
        }
        if (r.skipped()) {
            out.println((r.skip() != null ? "SKIPPED: " : "NOT COMPARED: ") + r.skipReason());
            return;
        }
        Comparison c = r.comparison();
        out.printf(Locale.ROOT, "real run: %.3f s, ended %s%n", r.realNs() / 1e9, switch (r.end()) {
            case QUIET -> "when every process was done or waiting";
            case UNTIL -> "at the scenario's until (scaled)";
            case DEADLINE -> "at the deadline";
            case DESCRIPTORS -> "out of file descriptors (stopped)";
        });
        out.println("compared: " + (c.count(Comparison.Verdict.AGREE) + c.count(Comparison.Verdict.DIVERGE)) + " item(s) ("
                + c.count(Comparison.Verdict.DIVERGE) + " diverge), not compared: " + c.count(Comparison.Verdict.NOT_COMPARED));
        int pw = 8;
        for (Comparison.Row row : c.rows()) {
            pw = Math.max(pw, row.process().length() + 4);
        }
        for (Comparison.Row row : c.endResults()) {
            pw = Math.max(pw, row.process().length() + 4);
        }
        pw = Math.min(pw, 16);
        out.println();
        out.println("steps (sim | real):");
        for (Shown s : fold(c.rows())) {
            if (!quiet || s.row().verdict() != Comparison.Verdict.AGREE) {
                print(s, pw);
            }
        }
        out.println();
        out.println("end results (sim | real):");
        List<Comparison.Row> ends = new ArrayList<>(c.endResults());
        ends.sort(Comparator.comparingInt(row -> END_ORDER.indexOf(row.what()))); // stable: processes stay in order
        for (Shown s : fold(ends)) {
            if (!quiet || s.row().verdict() != Comparison.Verdict.AGREE) {
                print(s, pw);
            }
        }
        out.println();
        out.println("not compared:");
        for (String n : r.plan().notCompared()) {
            out.println("  - " + n);
        }
        int skipped = c.count(Comparison.Verdict.NOT_COMPARED);
        if (skipped > 0) {
            out.println("  - " + skipped + " step(s) or result(s) marked '--' above");
        }
        if (c.environmentProblem() != null) {
            out.println("INCOMPLETE: the real run met an environment problem, not a divergence: " + c.environmentProblem()
                    + "; run again when the machine's ports are free");
        }
        List<Comparison.Row> d = c.divergences();
        out.println();
        out.println("agree: " + c.count(Comparison.Verdict.AGREE) + ", diverge: " + c.count(Comparison.Verdict.DIVERGE)
                + ", not compared: " + skipped);
        if (c.environmentProblem() != null && d.isEmpty()) {
            out.println("no verdict: the real run was incomplete (see INCOMPLETE above)");
        } else if (d.isEmpty()) {
            out.println("the real run agrees with the simulation" + (skipped > 0
                    ? " on the " + c.count(Comparison.Verdict.AGREE) + " item(s) compared; " + skipped + " not compared" : ""));
        } else {
            out.println("DIVERGENCES (" + d.size() + "):");
            for (Comparison.Row row : d) {
                out.println("  " + row.process() + " " + row.what() + ": sim " + row.sim() + ", real " + row.real()
                        + (row.why() != null ? " (" + row.why() + ")" : ""));
            }
        }
    }

    private static final List<String> END_ORDER = List.of("process", "received", "accepted from", "datagrams from", "ended");
    private static final Pattern MEMBER = Pattern.compile("(.*?)(\\d+)");

    /** A row as printed: {@code process} may name a run of group members, {@code pinger1..20}. */
    record Shown(String process, Comparison.Row row) {}

    /** Folds rows of consecutive group members (pinger1, pinger2, ...) that say the same thing into one. */
    static List<Shown> fold(List<Comparison.Row> rows) {
        List<Shown> out = new ArrayList<>();
        Comparison.Row first = null;
        Comparison.Row last = null;
        for (Comparison.Row r : rows) {
            if (last != null && same(last, r) && next(last.process(), r.process())) {
                last = r;
                continue;
            }
            if (first != null) {
                out.add(shown(first, last));
            }
            first = r;
            last = r;
        }
        if (first != null) {
            out.add(shown(first, last));
        }
        return out;
    }

    private static Shown shown(Comparison.Row first, Comparison.Row last) {
        if (first == last) {
            return new Shown(first.process(), first);
        }
        Matcher m = MEMBER.matcher(last.process());
        m.matches();
        return new Shown(first.process() + ".." + m.group(2), first);
    }

    private static boolean same(Comparison.Row a, Comparison.Row b) {
        return a.what().equals(b.what()) && a.sim().equals(b.sim()) && a.real().equals(b.real())
                && a.verdict() == b.verdict() && java.util.Objects.equals(a.why(), b.why()) && a.times() == b.times();
    }

    private static boolean next(String a, String b) {
        Matcher x = MEMBER.matcher(a);
        Matcher y = MEMBER.matcher(b);
        if (!x.matches() || !y.matches() || !x.group(1).equals(y.group(1))) {
            return false;
        }
        try {
            return Long.parseLong(y.group(2)) == Long.parseLong(x.group(2)) + 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void print(Shown s, int pw) {
        Comparison.Row row = s.row();
        String mark = switch (row.verdict()) {
            case AGREE -> "  ";
            case DIVERGE -> "!!";
            case NOT_COMPARED -> "--";
        };
        String what = row.what() + (row.times() > 1 ? " x" + row.times() : "");
        out.printf(Locale.ROOT, "%s %-" + pw + "s  %-" + WHAT + "s  %-" + RESULT + "s | %-" + RESULT + "s%s%n", mark, s.process(),
                cut(what, WHAT), cut(row.sim(), 60), cut(row.real(), 60),
                row.why() == null ? "" : "  (" + row.why() + ")");
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }
}
