package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code quiz} extension (docs/scenario-format.md): {@code quiz: all}, or a list of
 * {@code {host: NAME, port: N, first: N}} with every key optional. Null when the key is absent.
 */
final class QuizReader {
    /** The keys of one quiz entry. */
    static final List<String> KEYS = List.of("host", "port", "first");
    private final Problems problems;
    private final Names hosts;

    QuizReader(Problems problems, Names hosts) {
        this.problems = problems;
        this.hosts = hosts;
    }

    List<QuizPick> read(YamlNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s && "all".equals(s.text())) {
            return List.of(new QuizPick(null, 0, 0));
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            Values.wrongType(problems, node, "'all' or a list like [{host: web, port: 80, first: 1}]", "");
            return null;
        }
        List<QuizPick> out = new ArrayList<>();
        for (YamlNode n : seq.items()) {
            if (!(n instanceof YamlNode.Mapping m)) {
                Values.wrongType(problems, n, "a quiz entry like {host: web, port: 80, first: 1}", "");
                continue;
            }
            Fields f = new Fields(problems, m, "in quiz").allow(KEYS);
            String host = f.string("host", null);
            if (host != null && hosts.find(host) == null) {
                f.error("host", "quiz: unknown host '" + host + "'");
            }
            long port = f.whole("port", 0, 65_535, 0);
            long first = f.whole("first", 0, Integer.MAX_VALUE, 0);
            out.add(new QuizPick(host, (int) port, (int) first));
        }
        return List.copyOf(out);
    }
}
