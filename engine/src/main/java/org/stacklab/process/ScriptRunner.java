package org.stacklab.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.SimTime;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Bytes;
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
    private final Map<String, Integer> fds = new HashMap<>();
    private final Map<String, Outcome> kept = new HashMap<>();
    private VirtualProcess proc;
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
                return s;
            }
            f.remaining--;
            if (f.remaining != 0 && frames.size() > 1) {
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
            observer.note(proc, n.text());
            resumed = true;
            return;
        }
        Call c;
        try {
            c = toCall(s);
        } catch (StepProblem e) {
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
        observer.call(proc, s, c, o, expectedError && o.error() == s.common().expectError());
        String problem = check(s, c, o);
        if (problem != null) {
            stopped = true;
            current = s;
            proc.fail(observer, s.kind() + " (line " + s.common().line() + ") at " + SimTime.format(api.now())
                    + "s: " + problem);
            return;
        }
        if (o.ok()) {
            remember(s, o);
        }
        if (inLoop) {
            resumed = true;
        } else {
            advance();
        }
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
        String expect = null;
        if (s instanceof Step.Recv r) {
            expect = r.expect();
        } else if (s instanceof Step.RecvFrom r) {
            expect = r.expect();
        }
        if (expect != null && !o.data().text().contains(expect)) {
            return "expected data containing \"" + expect + "\" but received \"" + abbreviate(o.data().text()) + "\"";
        }
        if (s instanceof Step.GetSockName g && g.expect() != null && !addressMatches(g.expect(), o.addr())) {
            return "expected local address " + g.expect() + " but it is " + o.addr();
        }
        return null;
    }

    private void remember(Step s, Outcome o) {
        if (s instanceof Step.Socket k) {
            fds.put(k.name(), o.fd());
        } else if (s instanceof Step.Accept a) {
            fds.put(a.as(), o.fd());
        } else if (s instanceof Step.Close cl) {
            fds.remove(cl.socket());
        }
        if (s instanceof Step.Recv || s instanceof Step.RecvFrom) {
            proc.received(o.data());
        }
        if (s instanceof Step.RecvFrom r && r.as() != null) {
            kept.put(r.as(), o);
        }
    }

    private Call toCall(Step s) throws StepProblem {
        long timeout = s.common().timeoutNs();
        if (s instanceof Step.Socket k) {
            return new Call.Open(k.type());
        } else if (s instanceof Step.SetSockOpt o) {
            return new Call.SetOpt(fd(o.socket()), o.reuseAddr(), o.reusePort());
        } else if (s instanceof Step.Bind b) {
            return new Call.Bind(fd(b.socket()), endpoint(b.addr()));
        } else if (s instanceof Step.Listen l) {
            return new Call.Listen(fd(l.socket()), l.backlog());
        } else if (s instanceof Step.Accept a) {
            return new Call.Accept(fd(a.socket()), timeout);
        } else if (s instanceof Step.Connect c) {
            return new Call.Connect(fd(c.socket()), endpoint(c.addr()), timeout);
        } else if (s instanceof Step.Send d) {
            return new Call.Send(fd(d.socket()), data(d.data()));
        } else if (s instanceof Step.SendTo d) {
            return new Call.SendTo(fd(d.socket()), endpoint(d.to()), data(d.data()));
        } else if (s instanceof Step.Recv r) {
            return new Call.Recv(fd(r.socket()), r.max() > 0 ? r.max() : 65536, timeout);
        } else if (s instanceof Step.RecvFrom r) {
            return new Call.RecvFrom(fd(r.socket()), r.max() > 0 ? r.max() : 65536, timeout);
        } else if (s instanceof Step.GetSockName g) {
            return new Call.GetSockName(fd(g.socket()));
        } else if (s instanceof Step.Shutdown d) {
            return new Call.Shutdown(fd(d.socket()), d.how());
        } else if (s instanceof Step.Close cl) {
            return new Call.Close(fd(cl.socket()));
        } else if (s instanceof Step.Sleep sl) {
            return new Call.Sleep(sl.ns());
        }
        throw new IllegalStateException("no call for step " + s.kind());
    }

    private int fd(String name) throws StepProblem {
        Integer fd = fds.get(name);
        if (fd == null) {
            throw new StepProblem(SocketError.EBADF); // closed, or never created because its step failed
        }
        return fd;
    }

    private Endpoint endpoint(String text) throws StepProblem {
        try {
            return Endpoint.parse(substitute(text));
        } catch (IllegalArgumentException e) {
            throw new StepProblem(SocketError.EINVAL);
        }
    }

    private Bytes data(Step.Data d) throws StepProblem {
        if (d.isGenerated()) {
            return Bytes.generated(d.generated());
        }
        String t = d.template();
        int i = t.indexOf("${");
        if (i < 0) {
            return Bytes.of(t);
        }
        // "${m.data}" alone keeps the received bytes exactly, binary or not.
        if (t.startsWith("${") && t.endsWith(".data}") && t.indexOf("${", 2) < 0) {
            return kept(t.substring(2, t.length() - 6)).data();
        }
        return Bytes.of(substitute(t));
    }

    private String substitute(String t) throws StepProblem {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        while (true) {
            int i = t.indexOf("${", from);
            if (i < 0) {
                sb.append(t, from, t.length());
                return sb.toString();
            }
            int end = t.indexOf('}', i);
            if (end < 0) {
                throw new StepProblem(SocketError.EINVAL);
            }
            sb.append(t, from, i);
            String ref = t.substring(i + 2, end);
            int dot = ref.lastIndexOf('.');
            Outcome o = kept(dot < 0 ? ref : ref.substring(0, dot));
            String field = dot < 0 ? "" : ref.substring(dot + 1);
            if (field.equals("from")) {
                sb.append(o.addr());
            } else if (field.equals("data")) {
                sb.append(new String(o.data().toArray(), StandardCharsets.UTF_8));
            } else {
                throw new StepProblem(SocketError.EINVAL);
            }
            from = end + 1;
        }
    }

    private Outcome kept(String name) throws StepProblem {
        Outcome o = kept.get(name);
        if (o == null) {
            throw new StepProblem(SocketError.EINVAL); // the recvfrom that names it has not succeeded
        }
        return o;
    }

    static boolean addressMatches(String pattern, Endpoint actual) {
        if (actual == null) {
            return false;
        }
        int colon = pattern.lastIndexOf(':');
        String ip = pattern.substring(0, colon);
        String port = pattern.substring(colon + 1);
        return (ip.equals("*") || ip.equals(actual.ip().toString()))
                && (port.equals("*") || port.equals(Integer.toString(actual.port())));
    }

    private static String abbreviate(String s) {
        String t = s.replace("\r", "\\r").replace("\n", "\\n");
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }

    /** A step that cannot even be made into a call (a closed socket's name, a missing template value). */
    private static final class StepProblem extends Exception {
        final SocketError error;

        StepProblem(SocketError error) {
            super(error.name(), null, false, false);
            this.error = error;
        }
    }

    private static final class Frame {
        final List<Step> steps;
        long remaining;
        int index;

        Frame(List<Step> steps, long times) {
            this.steps = steps;
            this.remaining = times;
        }
    }
}
