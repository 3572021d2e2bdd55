package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares the recordings of the two worlds, process by process: each script step's result (ok
 * or the errno) in order, with what else is comparable about it (a peer's host, a datagram's
 * length); a built-in app's calls counted by result; then the end results: bytes received (count
 * and digest), whom connections were accepted from and datagrams received from, how the process
 * ended. A step whose real outcome cannot be compared (see {@link Note.Kind}) or that the plan
 * excludes is listed as such; when such a step's results differ, the rest of that process is not
 * compared either, since it runs on from a different state.
 */
public final class Comparison {
    /** How a row came out. */
    public enum Verdict {
        AGREE, DIVERGE, NOT_COMPARED
    }

    /** One line of the side-by-side: {@code httpd  bind(s, 0.0.0.0:80)  sim ok  real ok}. */
    public record Row(String process, String what, String sim, String real, Verdict verdict, String why, int times) {
        Row times(int n) {
            return new Row(process, what, sim, real, verdict, why, n);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Row> ends = new ArrayList<>();
    private final BridgePlan plan;
    private final String simLoss;
    private String environment;

    private Comparison(BridgePlan plan, String simLoss) {
        this.plan = plan;
        this.simLoss = simLoss;
    }

    /**
     * Compares {@code sim} with {@code real}. {@code simLoss}, when not null, says the simulation
     * dropped packets to link loss or full queues, which loopback does not: then differences in
     * what was received are listed but not counted.
     */
    public static Comparison of(Recording sim, Recording real, BridgePlan plan, String simLoss) {
        Comparison c = new Comparison(plan, simLoss);
        for (Recording.Proc s : sim.processes()) {
            c.process(s, real.get(s.name()));
        }
        c.groups(sim, real);
        for (Recording.Proc r : real.processes()) {
            if (sim.get(r.name()) == null) {
                c.ends.add(new Row(r.name(), "process", "-", "ran", Verdict.DIVERGE, "only in the real run", 1));
            }
        }
        if (c.environment != null) {
            c.demote();
        }
        return c;
    }

    /**
     * Something outside the run (a port in use) changed the real world: its effects reach other
     * processes, so no difference can be blamed on the simulation. The run is incomplete.
     */
    private void demote() {
        String why = "after an environment problem (" + environment + "), the worlds no longer start alike";
        rows.replaceAll(r -> r.verdict() == Verdict.DIVERGE ? new Row(r.process(), r.what(), r.sim(), r.real(),
                Verdict.NOT_COMPARED, why, r.times()) : r);
        ends.replaceAll(r -> r.verdict() == Verdict.DIVERGE ? new Row(r.process(), r.what(), r.sim(), r.real(),
                Verdict.NOT_COMPARED, why, r.times()) : r);
    }

    /** The first environment problem the real run met, or null (then the comparison is incomplete). */
    public String environmentProblem() {
        return environment;
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Row> endResults() {
        return ends;
    }

    public List<Row> divergences() {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.verdict() == Verdict.DIVERGE) {
                out.add(r);
            }
        }
        for (Row r : ends) {
            if (r.verdict() == Verdict.DIVERGE) {
                out.add(r);
            }
        }
        return out;
    }

    public int count(Verdict v) {
        int n = 0;
        for (Row r : rows) {
            n += r.verdict() == v ? r.times() : 0;
        }
        for (Row r : ends) {
            n += r.verdict() == v ? 1 : 0;
        }
        return n;
    }

    public boolean agree() {
        return divergences().isEmpty();
    }

    // ---------------------------------------------------------------- per process

    private void process(Recording.Proc s, Recording.Proc r) {
        if (r == null) {
            ends.add(new Row(s.name(), "process", "ran", "-", Verdict.DIVERGE, "not run on real sockets", 1));
            return;
        }
        String group = plan.reuseportGroup(s.name());
        String hashed = group == null ? null : "REUSEPORT group " + group + ": which member serves which flow is"
                + " the kernel's hash with a secret of its own (D4); the group is compared as a whole";
        String derailed = steps(s, r, hashed, plan.lateStart(s.name()));
        apps(s, r, derailed != null ? derailed : hashed);
        String served = plan.servedByGroup(s.name());
        endResults(s, r, derailed != null ? derailed : hashed, served == null ? null
                : "served by whichever member of REUSEPORT group " + served + " the kernel's hash picked (D4)");
    }

    /** A REUSEPORT group's members together: what they received and accepted, summed over the group. */
    private void groups(Recording sim, Recording real) {
        java.util.Map<String, List<Recording.Proc[]>> byGroup = new java.util.LinkedHashMap<>();
        for (Recording.Proc s : sim.processes()) {
            String g = plan.reuseportGroup(s.name());
            Recording.Proc r = real.get(s.name());
            if (g != null && r != null) {
                byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(new Recording.Proc[] {s, r});
            }
        }
        for (java.util.Map.Entry<String, List<Recording.Proc[]>> e : byGroup.entrySet()) {
            long[] bytes = new long[2];
            long[] digest = new long[2];
            List<java.util.Map<String, Integer>> accepted = List.of(new TreeMap<>(), new TreeMap<>());
            List<java.util.Map<String, Integer>> senders = List.of(new TreeMap<>(), new TreeMap<>());
            for (Recording.Proc[] pair : e.getValue()) {
                for (int w = 0; w < 2; w++) {
                    bytes[w] += pair[w].bytes();
                    digest[w] += pair[w].digest();
                    java.util.Map<String, Integer> acc = accepted.get(w);
                    java.util.Map<String, Integer> snd = senders.get(w);
                    pair[w].accepted.forEach((k, v) -> acc.merge(k, v, Integer::sum));
                    pair[w].senders.forEach((k, v) -> snd.merge(k, v, Integer::sum));
                }
            }
            String name = "group " + e.getKey();
            String taint = plan.groupTaint(e.getKey());
            String excuse = taint != null ? taint : simLoss;
            end(name, "received", received(bytes[0], digest[0]), received(bytes[1], digest[1]), excuse);
            if (!accepted.get(0).isEmpty() || !accepted.get(1).isEmpty()) {
                end(name, "accepted from", multiset(accepted.get(0)), multiset(accepted.get(1)), taint);
            }
            if (!senders.get(0).isEmpty() || !senders.get(1).isEmpty()) {
                end(name, "datagrams from", multiset(senders.get(0)), multiset(senders.get(1)), excuse);
            }
        }
    }

    /**
     * Compares the steps; returns why the rest is not compared, or null. {@code hashed}, for a
     * member of a REUSEPORT group, stops the comparison at its first accept or receive.
     */
    private String steps(Recording.Proc s, Recording.Proc r, String hashed, String late) {
        String derailed = late;
        boolean serving = false;
        int n = Math.max(s.steps().size(), r.steps().size());
        for (int i = 0; i < n; i++) {
            Recording.Entry a = i < s.steps().size() ? s.steps().get(i) : null;
            Recording.Entry b = i < r.steps().size() ? r.steps().get(i) : null;
            String what = a != null ? a.label() : b.label();
            String simText = a == null ? "-" : text(a);
            String realText = b == null ? "-" : text(b);
            int line = a != null ? a.line() : b.line();
            String why = null;
            String kind = a != null ? a.kind() : b.kind();
            serving |= hashed != null && (kind.equals("accept") || kind.equals("recv") || kind.equals("recvfrom"));
            if (derailed != null) {
                why = derailed;
            } else if (serving) {
                why = hashed;
            } else if (b != null && !b.comparable()) {
                why = b.note().toString();
                if (b.note().kind() == Note.Kind.ENVIRONMENT && environment == null) {
                    environment = s.name() + " " + what + ": " + b.note().text();
                }
            } else if (plan.exclusion(s.name(), line) != null) {
                why = plan.exclusion(s.name(), line);
            } else if (!plan.namespaces() && a != null && (a.result().equals("EHOSTUNREACH") || a.result().equals("ENETUNREACH"))) {
                why = "routing: the simulation has no route there; on loopback every host reaches every other";
            }
            boolean same = a != null && b != null && a.result().equals(b.result()) && a.detail().equals(b.detail());
            if (why != null) {
                add(new Row(s.name(), what, simText, realText, Verdict.NOT_COMPARED, why, 1));
                if (!same && derailed == null && !serving) {
                    derailed = "follows line " + line + ", which could not be compared and came out differently";
                }
            } else {
                String note = b != null && b.note() != null ? b.note().toString() : null;
                add(new Row(s.name(), what, simText, realText, same ? Verdict.AGREE : Verdict.DIVERGE,
                        same ? note : (a == null || b == null ? "only in one world" : note), 1));
            }
        }
        return derailed;
    }

    private static String text(Recording.Entry e) {
        return e.detail().isEmpty() ? e.result() : e.result() + " " + e.detail();
    }

    /** Adds a row, folding it into the previous one when it repeats it exactly. */
    private void add(Row row) {
        if (!rows.isEmpty()) {
            Row last = rows.get(rows.size() - 1);
            if (last.process().equals(row.process()) && last.what().equals(row.what()) && last.sim().equals(row.sim())
                    && last.real().equals(row.real()) && last.verdict() == row.verdict()
                    && Objects.equals(last.why(), row.why())) {
                rows.set(rows.size() - 1, last.times(last.times() + 1));
                return;
            }
        }
        rows.add(row);
    }

    /** A built-in app's calls, counted by call and result: one row per process. */
    private void apps(Recording.Proc s, Recording.Proc r, String derailed) {
        if (s.appCalls.isEmpty() && r.appCalls.isEmpty()) {
            return;
        }
        String a = counts(s.appCalls);
        String b = counts(r.appCalls);
        String why = derailed != null ? derailed : r.appNotes.isEmpty() ? null : r.appNotes.get(0).toString();
        for (Note n : r.appNotes) {
            if (n.kind() == Note.Kind.ENVIRONMENT && environment == null) {
                environment = s.name() + " (app): " + n.text();
            }
        }
        Verdict v = a.equals(b) ? Verdict.AGREE : why != null ? Verdict.NOT_COMPARED : Verdict.DIVERGE;
        if (v == Verdict.DIVERGE && simLoss != null) {
            v = Verdict.NOT_COMPARED;
            why = simLoss;
        }
        rows.add(new Row(s.name(), "app calls", a, b, v, v == Verdict.AGREE ? null : why, 1));
    }

    private static String counts(Map<String, Map<String, Integer>> calls) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> c : calls.entrySet()) {
            for (Map.Entry<String, Integer> e : new TreeMap<>(c.getValue()).entrySet()) {
                parts.add(c.getKey() + " " + e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""));
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private void endResults(Recording.Proc s, Recording.Proc r, String derailed, String served) {
        String lossy = derailed != null ? derailed : served != null ? served : simLoss;
        end(s.name(), "received", received(s), received(r), lossy);
        if (!s.accepted.isEmpty() || !r.accepted.isEmpty()) {
            end(s.name(), "accepted from", multiset(s.accepted), multiset(r.accepted), derailed);
        }
        if (!s.senders.isEmpty() || !r.senders.isEmpty()) {
            end(s.name(), "datagrams from", multiset(s.senders), multiset(r.senders), derailed != null ? derailed : simLoss);
        }
        end(s.name(), "ended", ending(s), ending(r), derailed);
    }

    private void end(String process, String what, String a, String b, String excuse) {
        Verdict v = a.equals(b) ? Verdict.AGREE : excuse != null ? Verdict.NOT_COMPARED : Verdict.DIVERGE;
        ends.add(new Row(process, what, a, b, v, v == Verdict.NOT_COMPARED ? excuse : null, 1));
    }

    private static String received(Recording.Proc p) {
        return received(p.bytes(), p.digest());
    }

    private static String received(long bytes, long digest) {
        if (bytes == 0) {
            return "0 bytes";
        }
        return bytes + " bytes #" + String.format(Locale.ROOT, "%08x", (int) (digest ^ (digest >>> 32)));
    }

    private static String multiset(Map<String, Integer> m) {
        if (m.isEmpty()) {
            return "nobody";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            parts.add(e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""));
        }
        return String.join(", ", parts);
    }

    private static String ending(Recording.Proc p) {
        if (p.pending() != null && "running".equals(p.status())) {
            return "waiting in " + p.pending();
        }
        return p.status();
    }

    /** Text samples of what a process received in each world, for a divergence's explanation. */
    static String samples(Recording.Proc s, Recording.Proc r) {
        return "sim \"" + s.sample() + "\", real \"" + (r == null ? "" : r.sample()) + "\"";
    }
}
