package org.stacklab.process;

import java.util.ArrayDeque;
import java.util.List;
import org.stacklab.sim.SimTime;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Endpoint;

/**
 * Runs a script of {@link Step}s, one call at a time, through a {@link SocketApi}: resolves
 * socket names to descriptors and templates to values, checks each step's {@code expect} and
 * {@code expect_error}, and stops the process on a failure nobody expected.
 *
 * <p>Calls that complete at once are run in a loop rather than by recursion, so a
 * {@code repeat: forever} of non-blocking steps does not grow the stack.
 */
public final class ScriptRunner implements Program {
    /** Steps a process may run at one simulated instant before it is deemed stuck in a loop. */
    public static final int MAX_STEPS_AT_ONE_INSTANT = 1_000_000;

    private final List<Step> steps;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private VirtualProcess proc;
    private ScriptNames names;
    private SocketApi api;
    private ProcessObserver observer;
    private boolean inLoop;
    private boolean resumed;
    private boolean stopped;
    private Step current;
    private long spinTime = -1;
    private int spinSteps;

    public ScriptRunner(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    @Override
    public void start(VirtualProcess p, SocketApi api, ProcessObserver observer) {
        this.proc = p;
        this.names = new ScriptNames(p);
        this.api = api;
        this.observer = observer;
        frames.push(new Frame(steps, 1));
        advance();
    }

    private void advance() {
        inLoop = true;
        try {
            while (!stopped) {
                Step s = next();
                if (s == null) {
                    stopped = true;
                    proc.finish(observer);
                    return;
                }
                if (spinning()) {
                    return;
                }
                resumed = false;
                current = s;
                execute(s);
                if (!resumed) {
                    return; // blocked: the completion calls advance()
                }
            }
        } finally {
            inLoop = false;
        }
    }

    /**
     * Guards against a loop of steps that never block: simulated time would stand still
     * forever. Such a process fails with advice instead of hanging the run.
     */
    private boolean spinning() {
        long now = api.now();
        if (now != spinTime) {
            spinTime = now;
            spinSteps = 0;
            return false;
        }
        if (++spinSteps < MAX_STEPS_AT_ONE_INSTANT) {
            return false;
        }
        stopped = true;
        proc.fail(observer, "ran " + MAX_STEPS_AT_ONE_INSTANT + " steps at " + SimTime.format(now)
                + "s without simulated time passing; add a sleep or a blocking call to the repeat");
        return true;
    }

    /** The next step to run, unwinding finished repeat frames; null at the end of the script. */
    private Step next() {
        while (!frames.isEmpty()) {
            Frame f = frames.peek();
            if (f.index < f.steps.size()) {
                Step s = f.steps.get(f.index++);
                if (s instanceof Step.Repeat r) {
                    if (r.times() != 0 && !r.steps().isEmpty()) {
                        frames.push(new Frame(r.steps(), r.times()));
                    }
                    continue;
                }
                if (s instanceof Step.Retry r) {
                    Frame pass = new Frame(r.steps(), r.times());
                    pass.retry = r;
                    frames.push(pass);
                    continue;
                }
                return s;
            }
            f.remaining--;
            if (f.retry == null && f.remaining != 0 && frames.size() > 1) {
                f.index = 0; // repeat again (negative remaining: forever)
            } else {
                frames.pop();
            }
        }
        return null;
    }

    private void execute(Step s) {
        if (s.common().note() != null) {
            observer.note(proc, s.common().note());
        }
        if (s instanceof Step.Note n) {
            observer.note(proc, n.text()); // a note on its own: no call to make
            resumed = true;
            return;
        }
        Call c;
        try {
            c = names.toCall(s);
        } catch (ScriptNames.StepProblem e) {
            complete(s, null, Outcome.fail(e.error));
            return;
        }
        api.submit(c, o -> complete(s, c, o));
    }

    /**
     * The step the script is blocked in (or stopped at), or null when it has ended or not
     * started; used to report steps left waiting when the run ends.
     */
    public Step pendingStep() {
        return current;
    }

    private void complete(Step s, Call c, Outcome o) {
        if (current == s) {
            current = null;
        }
        boolean expectedError = s.common().expectError() != null;
        if (!(c instanceof Call.Sleep)) {
            proc.countCall(s.kind());
        }
        // An errno an enclosing retry lists is expected too: the retry handles it.
        boolean retryable = !o.ok() && o.error() != s.common().expectError() && retryDepth(o.error()) > 0;
        observer.call(proc, s, c, o, retryable || (expectedError && o.error() == s.common().expectError()));
        if (retryable && retried(o.error())) {
            resume();
            return;
        }
        String problem = check(s, c, o);
        if (problem != null) {
            stopped = true;
            current = s;
            proc.fail(observer, s.kind() + " (line " + s.common().line() + ") at " + SimTime.format(api.now())
                    + "s: " + problem);
            return;
        }
        if (o.ok()) {
            names.remember(s, o);
        }
        if (s instanceof Step.Exit) {
            stopped = true; // exit(2): the kernel closed the sockets; nothing after it runs
            proc.finish(observer);
            return;
        }
        resume();
    }

    private void resume() {
        if (stopped) {
            return;
        }
        if (inLoop) {
            resumed = true;
        } else {
            advance();
        }
    }

    /**
     * A step failed with {@code e}: if an enclosing retry lists it, the retry's block starts
     * again (another pass left) or the retry fails with it (none left: the process stops unless
     * the retry expected that errno). False when no retry handles {@code e}.
     */
    private boolean retried(SocketError e) {
        int depth = retryDepth(e);
        if (depth > 0) {
            for (int i = 1; i < depth; i++) {
                frames.pop(); // leave the blocks inside the retry
            }
            Frame f = frames.peek();
            Step.Retry r = f.retry;
            f.remaining--;
            if (f.remaining > 0) {
                f.index = 0;
                observer.note(proc, "retry (line " + r.common().line() + "): " + e + ", pass "
                        + (r.times() - f.remaining + 1) + " of " + r.times());
                return true;
            }
            frames.pop();
            if (r.common().expectError() == e) {
                return true;
            }
            stopped = true;
            proc.fail(observer, "retry (line " + r.common().line() + ") at " + SimTime.format(api.now()) + "s: "
                    + e + " (" + e.message() + ") on each of " + r.times() + " passes");
            return true;
        }
        return false;
    }

    /** How deep (1: the innermost frame) the nearest retry listing {@code e} is; 0 for none. */
    private int retryDepth(SocketError e) {
        int depth = 0;
        for (Frame f : frames) {
            depth++;
            if (f.retry != null && f.retry.on().contains(e)) {
                return depth;
            }
        }
        return 0;
    }

    /** Null when the step did what it was expected to do; otherwise what went wrong. */
    private String check(Step s, Call c, Outcome o) {
        SocketError want = s.common().expectError();
        if (want != null) {
            if (o.ok()) {
                return "expected " + want + " but the call succeeded";
            }
            return o.error() == want ? null : "expected " + want + " but got " + o.error() + " (" + o.error().message() + ")";
        }
        if (!o.ok()) {
            return "unexpected " + o.error() + " (" + o.error().message() + ")";
        }
        if (s instanceof Step.Poll p) {
            return pollProblem(p, o);
        }
        long wantLen = s instanceof Step.Recv r ? r.expectLen() : s instanceof Step.RecvFrom r ? r.expectLen() : -1;
        if (wantLen >= 0 && o.count() != wantLen) {
            return "expected a length of " + wantLen + " but the call returned " + o.count();
        }
        if (s instanceof Step.RecvFrom rf && rf.expectFrom() != null) {
            String from = names.withHostVariables(rf.expectFrom());
            if (!addressMatches(from, o.addr())) {
                return "expected a datagram from " + from + " but it came from " + o.addr();
            }
        }
        String expect = names.withHostVariables(s.expect());
        if (expect == null) {
            return null;
        }
        return s.accept(new StepPartial<String>() {
            @Override
            protected String otherwise(Step s) {
                return null;
            }

            @Override
            public String recv(Step.Recv r) {
                return dataProblem(expect, o);
            }

            @Override
            public String recvFrom(Step.RecvFrom r) {
                return dataProblem(expect, o);
            }

            @Override
            public String getSockName(Step.GetSockName g) {
                return addressMatches(expect, o.addr()) ? null : "expected local address " + expect + " but it is " + o.addr();
            }

            @Override
            public String getPeerName(Step.GetPeerName g) {
                return addressMatches(expect, o.addr()) ? null : "expected peer address " + expect + " but it is " + o.addr();
            }

            @Override
            public String getSockOpt(Step.GetSockOpt g) {
                String got = o.data().text();
                return got.equals(expect) ? null : "expected SO_ERROR " + expect + " but it is " + got;
            }
        });
    }

    /** poll's {@code expect} (exactly these sockets with exactly these events) and {@code expect_count}. */
    private static String pollProblem(Step.Poll p, Outcome o) {
        if (p.expectCount() >= 0 && o.ready().size() != p.expectCount()) {
            return "expected " + p.expectCount() + " ready but " + describeReady(o.ready());
        }
        if (p.want() == null) {
            return null;
        }
        java.util.Map<String, Integer> got = new java.util.LinkedHashMap<>();
        for (Outcome.Ready r : o.ready()) {
            got.put(r.name(), r.events());
        }
        java.util.Map<String, Integer> want = new java.util.LinkedHashMap<>();
        p.want().forEach((k, v) -> {
            if (v != 0) {
                want.put(k, v); // "s: []": s must not be ready
            }
        });
        if (!got.equals(want)) {
            StringBuilder w = new StringBuilder();
            want.forEach((k, v) -> w.append(w.length() > 0 ? ", " : "").append(k).append(' ')
                    .append(String.join("|", org.stacklab.transport.Readiness.names(v))));
            return "expected ready " + (w.length() == 0 ? "none" : w) + " but " + describeReady(o.ready());
        }
        return null;
    }

    private static String describeReady(java.util.List<Outcome.Ready> ready) {
        if (ready.isEmpty()) {
            return "none was";
        }
        StringBuilder sb = new StringBuilder();
        for (Outcome.Ready r : ready) {
            sb.append(sb.length() > 0 ? ", " : "").append(r.name()).append(' ')
                    .append(String.join("|", org.stacklab.transport.Readiness.names(r.events())));
        }
        return "got " + sb;
    }

    private static String dataProblem(String expect, Outcome o) {
        if (o.data().text().contains(expect)) {
            return null;
        }
        return "expected data containing \"" + expect + "\" but received \"" + abbreviate(o.data().text()) + "\"";
    }

    static boolean addressMatches(String pattern, Endpoint actual) {
        if (actual == null) {
            return false;
        }
        int colon = pattern.lastIndexOf(':');
        String ip = pattern.substring(0, colon);
        String port = pattern.substring(colon + 1);
        String shown = actual.toString(); // 10.0.0.2:80 or [::ffff:10.0.0.2]:80, the bracket form for IPv6
        return (ip.equals("*") || ip.equals(shown.substring(0, shown.lastIndexOf(':'))))
                && (port.equals("*") || port.equals(Integer.toString(actual.port())));
    }

    private static String abbreviate(String s) {
        String t = s.replace("\r", "\\r").replace("\n", "\\n");
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }

    private static final class Frame {
        final List<Step> steps;
        long remaining;
        int index;
        /** The retry this frame runs the passes of, or null for a repeat or the script. */
        Step.Retry retry;

        Frame(List<Step> steps, long times) {
            this.steps = steps;
            this.remaining = times;
        }
    }
}
