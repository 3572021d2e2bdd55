package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.process.Step;

/** Reads the {@code processes} list: where each runs, as whom, from when, and what it runs. */
final class ProcessReader {
    static final List<String> KEYS = List.of("name", "host", "user", "start", "steps", "app", "args");

    private final Problems problems;
    private final Names hosts;
    private final Names processes;

    ProcessReader(Problems problems, Names hosts, Names processes) {
        this.problems = problems;
        this.hosts = hosts;
        this.processes = processes;
    }

    List<ProcessSpec> read(List<YamlNode> items) {
        List<ProcessSpec> out = new ArrayList<>();
        for (YamlNode item : items == null ? List.<YamlNode>of() : items) {
            ProcessSpec p = process(item);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private ProcessSpec process(YamlNode item) {
        if (!(item instanceof YamlNode.Mapping m)) {
            Values.wrongType(problems, item, "a process like {name: httpd, host: web, steps: [...]}", "");
            return null;
        }
        Fields f = new Fields(problems, m, "in process").allow(KEYS);
        String name = HostReader.checkedName(problems, f, "process");
        String host = host(f);
        String user = f.string("user", "root");
        if (user != null && user.isBlank()) {
            f.error("user", "'user' cannot be empty");
        }
        long start = f.time("start", 0);
        if (name != null) {
            String clash = processes.add(name, host == null ? 0 : hosts.groupSize(host), m.pos());
            if (clash != null) {
                f.error("name", clash);
            }
        }
        List<Step> steps = null;
        AppSpec app = null;
        if (program(f, name)) {
            steps = f.has("steps") ? new StepReader(problems).script(f.node("steps")) : null;
            app = f.has("app") ? new AppReader(problems).read(f) : null;
        }
        boolean ok = name != null && host != null && (steps != null || app != null);
        return ok ? new ProcessSpec(m.pos(), name, host, user, start, steps, app) : null;
    }

    private String host(Fields f) {
        String host = f.requiredString("host");
        if (host != null && hosts.find(host) == null) {
            f.error("host", "unknown host '" + host + "'" + Suggest.didYouMean(host, hosts.written(), ""));
            return null;
        }
        return host;
    }

    /** Checks the process has exactly one of {@code steps} and {@code app}; true when it does. */
    private boolean program(Fields f, String name) {
        String who = name == null ? "process" : "process '" + name + "'";
        if (f.has("args") && !f.has("app")) {
            problems.at(f.keyPos("args"), "'args' goes with 'app'; " + who + " has no 'app'");
        }
        if (f.has("steps") && f.has("app")) {
            problems.at(f.keyPos("app"), who + " has both 'steps' and 'app'; give one of them");
            return false;
        }
        if (!f.has("steps") && !f.has("app")) {
            problems.at(f.pos(), who + " needs 'steps' (a script) or 'app' (a built-in program)");
            return false;
        }
        return true;
    }
}
