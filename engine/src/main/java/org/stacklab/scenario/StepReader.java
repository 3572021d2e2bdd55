package org.stacklab.scenario;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.stacklab.process.Step;
import org.stacklab.transport.SocketError;

/** Reads a process's {@code steps} into {@link Step} records, checking each against the script so far. */
final class StepReader {
    /** Keys every socket-call step may carry besides its own fields. */
    static final List<String> COMMON = List.of("expect_error", "timeout", "note");
    /** The fields of each socket-call step, and an example shown when a step is not a map. */
    static final Map<String, List<String>> FIELDS = Map.ofEntries(
            entry("socket", List.of("name", "type", "family", "nonblocking")),
            entry("setsockopt", List.of("socket", "reuseaddr", "reuseport", "nonblocking", "v6only", "linger", "rcvbuf",
                    "sndbuf", "nodelay", "keepalive", "keepidle", "keepintvl", "keepcnt")),
            entry("bind", List.of("socket", "addr")),
            entry("listen", List.of("socket", "backlog")),
            entry("accept", List.of("socket", "as")),
            entry("connect", List.of("socket", "addr")),
            entry("send", List.of("socket", "data", "flags")),
            entry("sendto", List.of("socket", "to", "data", "flags")),
            entry("recv", List.of("socket", "max", "expect", "flags", "expect_len")),
            entry("recvfrom", List.of("socket", "max", "as", "expect", "flags", "expect_len", "expect_from")),
            entry("poll", List.of("fds", "expect", "expect_count")),
            entry("getsockname", List.of("socket", "expect")),
            entry("getpeername", List.of("socket", "expect")),
            entry("getsockopt", List.of("socket", "error")),
            entry("shutdown", List.of("socket", "how")),
            entry("close", List.of("socket")));
    static final List<String> KINDS = List.of("socket", "setsockopt", "bind", "listen", "accept", "connect", "send",
            "sendto", "recv", "recvfrom", "getsockname", "getpeername", "getsockopt", "shutdown", "close", "poll", "sleep", "repeat",
            "retry", "exit", "note");
    static final List<String> REPEAT_KEYS = List.of("times", "steps", "note");
    static final List<String> RETRY_KEYS = List.of("times", "on", "steps", "note", "expect_error");
    static final List<String> ERRNOS = errnoNames();

    private static List<String> errnoNames() {
        List<String> names = new java.util.ArrayList<>();
        for (SocketError e : SocketError.values()) {
            names.add(e.name());
        }
        return List.copyOf(names);
    }

    private final Problems problems;
    private final ScriptScope scope;
    private final StepCalls calls;

    StepReader(Problems problems) {
        this.problems = problems;
        this.scope = new ScriptScope(problems);
        this.calls = new StepCalls(problems, scope);
    }

    /** The steps of the {@code steps} value {@code node}, or null when it is not a usable list. */
    List<Step> script(YamlNode node) {
        List<YamlNode> items = Values.list(problems, node, " for 'steps'");
        if (items != null && items.isEmpty()) {
            problems.at(node.pos(), "'steps' is empty: a script needs at least one step");
        }
        return items == null ? null : steps(items);
    }

    private List<Step> steps(List<YamlNode> items) {
        List<Step> out = new ArrayList<>();
        for (YamlNode item : items) {
            Step s = step(item);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private Step step(YamlNode item) {
        if (item instanceof YamlNode.Scalar sc && sc.text().strip().equals("exit")) {
            return new Step.Exit(new Step.Common(sc.pos().line(), null, -1, null)); // "- exit": exit(2)
        }
        if (!(item instanceof YamlNode.Mapping m) || m.entries().size() != 1) {
            shapeError(item);
            return null;
        }
        YamlNode.Entry e = m.entries().values().iterator().next();
        switch (e.key()) {
            case "sleep":
                Long ns = Values.parsed(problems, e.value(), "a time for 'sleep'", Units::parseTime);
                return ns == null ? null : new Step.Sleep(plain(e, null), ns);
            case "note":
                String text = Values.string(problems, e.value(), " for 'note'", null);
                return text == null ? null : new Step.Note(plain(e, null), text);
            case "repeat":
                return repeat(e);
            case "retry":
                return retry(e);
            case "exit":
                if (!(e.value() instanceof YamlNode.Scalar v && v.text().isBlank())) {
                    Values.wrongType(problems, e.value(), "nothing: write the step as '- exit'", " for step 'exit'");
                    return null;
                }
                return new Step.Exit(plain(e, null));
            default:
                return call(e);
        }
    }

    private void shapeError(YamlNode item) {
        if (!(item instanceof YamlNode.Mapping m)) {
            Values.wrongType(problems, item, "a step like '- bind: {socket: s, addr: 0.0.0.0:80}'", "");
        } else if (m.entries().isEmpty()) {
            problems.at(m.pos(), "a step is a map with one key, its kind; this one is empty");
        } else {
            String keys = m.entries().keySet().stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
            problems.at(m.pos(), "a step has one key, its kind, but this one has " + m.entries().size() + ": " + keys
                    + "; indent the step's fields under its kind, or write them as {socket: s, ...}");
        }
    }

    private Step call(YamlNode.Entry e) {
        String kind = e.key();
        List<String> fields = FIELDS.get(kind);
        if (fields == null) {
            problems.at(e.keyPos(), "unknown step '" + kind + "'"
                    + Suggest.didYouMean(kind, KINDS, "; steps are: " + String.join(", ", KINDS)));
            return null;
        }
        if (!(e.value() instanceof YamlNode.Mapping m)) {
            Values.wrongType(problems, e.value(), "a map like " + StepCalls.EXAMPLES.get(kind), " for step '" + kind + "'");
            return null;
        }
        List<String> known = new ArrayList<>(fields);
        known.addAll(COMMON);
        Fields f = new Fields(problems, m, "in step '" + kind + "'").allow(known);
        return calls.build(kind, common(f, e.keyPos().line()), f);
    }

    private Step.Common common(Fields f, int line) {
        String name = f.string("expect_error", null);
        SocketError errno = name == null ? null : SocketError.byName(name);
        if (name != null && errno == null) {
            f.error("expect_error", "unknown errno '" + name + "'"
                    + Suggest.didYouMean(name, ERRNOS, "; errnos are: " + String.join(", ", ERRNOS)));
        }
        long timeout = f.time("timeout", -1);
        return new Step.Common(line, errno, timeout, f.string("note", null));
    }

    private Step.Common plain(YamlNode.Entry e, String note) {
        return new Step.Common(e.keyPos().line(), null, -1, note);
    }

    private Step repeat(YamlNode.Entry e) {
        YamlNode.Mapping m = Values.mapping(problems, e.value(), " for 'repeat' (like {times: 3, steps: [...]})");
        if (m == null) {
            return null;
        }
        Fields f = new Fields(problems, m, "in repeat").allow(REPEAT_KEYS);
        Long times = times(f);
        List<YamlNode> items = f.require("steps") ? f.list("steps") : null;
        if (items != null && items.isEmpty()) {
            f.error("steps", "'steps' of a repeat is empty: give it at least one step");
        }
        List<Step> body = items == null ? null : steps(items);
        String note = f.string("note", null);
        return times == null || body == null ? null : new Step.Repeat(plain(e, note), times, body);
    }

    /** {@code retry: {times: N, on: [ERRNO, ...], steps: [...]}}: the block again on a listed errno. */
    private Step retry(YamlNode.Entry e) {
        YamlNode.Mapping m = Values.mapping(problems, e.value(), " for 'retry' (like {times: 3, on: [EAGAIN], steps: [...]})");
        if (m == null) {
            return null;
        }
        Fields f = new Fields(problems, m, "in retry").allow(RETRY_KEYS);
        Long times = f.require("times") ? f.whole("times", 1, Long.MAX_VALUE) : null;
        java.util.Set<SocketError> on = java.util.EnumSet.noneOf(SocketError.class);
        List<YamlNode> names = f.require("on") ? f.list("on") : null;
        boolean onOk = names != null;
        if (names != null && names.isEmpty()) {
            f.error("on", "'on' of a retry is empty: list the errnos that start the block again, like [EAGAIN]");
            onOk = false;
        }
        for (YamlNode n : names == null ? List.<YamlNode>of() : names) {
            SocketError errno = n instanceof YamlNode.Scalar s ? SocketError.byName(s.text().strip()) : null;
            if (errno == null) {
                String t = n instanceof YamlNode.Scalar s ? s.text().strip() : "?";
                problems.at(n.pos(), "unknown errno '" + t + "' in 'on'"
                        + Suggest.didYouMean(t, ERRNOS, "; errnos are: " + String.join(", ", ERRNOS)));
                onOk = false;
            } else {
                on.add(errno);
            }
        }
        List<YamlNode> items = f.require("steps") ? f.list("steps") : null;
        if (items != null && items.isEmpty()) {
            f.error("steps", "'steps' of a retry is empty: give it at least one step");
        }
        List<Step> body = items == null ? null : steps(items);
        Step.Common c = common(f, e.keyPos().line());
        return times == null || !onOk || body == null || body.isEmpty() ? null : new Step.Retry(c, times, on, body);
    }

    /** {@code times} of a repeat: a whole number of at least 1, or -1 for {@code forever}. */
    private Long times(Fields f) {
        if (!f.require("times")) {
            return null;
        }
        if (f.node("times") instanceof YamlNode.Scalar s && s.text().strip().equals("forever")) {
            return -1L;
        }
        if (f.node("times") instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING
                && !s.text().strip().matches("[+-]?[0-9]+")) {
            f.error("times", "'times' must be a whole number of at least 1, or forever, got '" + s.text() + "'");
            return null;
        }
        return f.whole("times", 1, Long.MAX_VALUE);
    }
}
