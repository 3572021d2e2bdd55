package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;

/** Reads the top-level {@code expect} list into {@link Expectation}s, one per claim. */
final class ExpectReader {
    static final List<String> KEYS = List.of("process", "received", "received_bytes", "finished", "drops");
    static final List<String> CLAIMS = List.of("received", "received_bytes", "finished");
    static final List<String> DROP_KEYS = List.of("reason", "count");

    private final Problems problems;
    private final Names processes;

    ExpectReader(Problems problems, Names processes) {
        this.problems = problems;
        this.processes = processes;
    }

    List<Expectation> read(List<YamlNode> items) {
        List<Expectation> out = new ArrayList<>();
        for (YamlNode item : items == null ? List.<YamlNode>of() : items) {
            if (item instanceof YamlNode.Mapping m) {
                expectation(new Fields(problems, m, "in expectation").allow(KEYS), m, out);
            } else {
                Values.wrongType(problems, item, "an expectation like {process: browser, finished: true}", "");
            }
        }
        return out;
    }

    private void expectation(Fields f, YamlNode.Mapping m, List<Expectation> out) {
        if (f.has("drops")) {
            for (String other : m.entries().keySet()) {
                if (!other.equals("drops") && KEYS.contains(other)) {
                    problems.at(f.keyPos(other), "'drops' stands alone: put '" + other + "' in another item of 'expect'");
                }
            }
            drops(f, out);
            return;
        }
        String glob = f.requiredString("process");
        if (glob != null && !processes.anyMatches(glob)) {
            f.error("process", "no process matches '" + glob + "'"
                    + (glob.contains("*") ? "" : Suggest.didYouMean(glob, processes.written(), "")));
        }
        boolean claims = false;
        for (String c : CLAIMS) {
            claims |= f.has(c);
        }
        if (!claims) {
            problems.at(f.pos(), "this expectation claims nothing: add received, received_bytes or finished");
        }
        for (String key : m.entries().keySet()) {
            Expectation e = claim(f, key, glob);
            if (e != null) {
                out.add(e);
            }
        }
    }

    private Expectation claim(Fields f, String key, String glob) {
        Pos pos = f.keyPos(key);
        switch (key) {
            case "received":
                String text = f.string("received", null);
                return text == null ? null : new Expectation.Received(pos, glob, text);
            case "received_bytes":
                Long bytes = f.whole("received_bytes", 0, Long.MAX_VALUE);
                return bytes == null ? null : new Expectation.ReceivedBytes(pos, glob, bytes);
            case "finished":
                Boolean done = f.bool("finished");
                return done == null ? null : new Expectation.Finished(pos, glob, done);
            default:
                return null;
        }
    }

    private void drops(Fields outer, List<Expectation> out) {
        YamlNode.Mapping m = outer.mapping("drops");
        if (m == null) {
            return;
        }
        Fields f = new Fields(problems, m, "in drops").allow(DROP_KEYS);
        String reason = f.string("reason", null);
        if (reason != null && !ScenarioLoader.DROP_REASONS.contains(reason)) {
            f.error("reason", "unknown drop reason '" + reason + "'" + Suggest.didYouMean(reason,
                    ScenarioLoader.DROP_REASONS, "; reasons are: " + String.join(", ", ScenarioLoader.DROP_REASONS)));
            return;
        }
        Long count = f.require("count") ? f.whole("count", 0, Long.MAX_VALUE) : null;
        if (count != null) {
            out.add(new Expectation.Drops(outer.keyPos("drops"), reason, count));
        }
    }
}
