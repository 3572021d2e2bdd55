package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code links} list, in its {@code [a, b]} and {@code {a, b, latency, ...}} forms. */
final class LinkReader {
    static final List<String> KEYS = List.of("a", "b", "latency", "bandwidth", "loss", "queue");
    static final List<String> PARAM_KEYS = List.of("latency", "bandwidth", "loss", "queue");
    /** {@code loss: {a_to_b: 1%, b_to_a: 0%}}: a direction not given keeps the base's. */
    static final List<String> LOSS_KEYS = List.of("a_to_b", "b_to_a");

    private final Problems problems;
    private final Names hosts;
    private final LinkParams base;

    LinkReader(Problems problems, Names hosts, LinkParams base) {
        this.problems = problems;
        this.hosts = hosts;
        this.base = base;
    }

    List<LinkSpec> read(List<YamlNode> items) {
        List<LinkSpec> out = new ArrayList<>();
        for (YamlNode item : items == null ? List.<YamlNode>of() : items) {
            LinkSpec l = link(item);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    /** {@code base} with the link keys present in {@code f} applied over it. */
    static LinkParams params(Fields f, LinkParams base) {
        long latency = f.time("latency", base.latencyNs());
        Long bandwidth = f.parsed("bandwidth", "a bandwidth", Units::parseBandwidth);
        double loss = base.loss();
        double lossBack = base.lossBack();
        if (f.node("loss") instanceof YamlNode.Mapping m) {
            Fields lf = new Fields(f.problems(), m, "in loss").allow(LOSS_KEYS);
            Double ab = lf.parsed("a_to_b", "a loss rate", Units::parseLoss);
            Double ba = lf.parsed("b_to_a", "a loss rate", Units::parseLoss);
            loss = ab == null ? loss : ab;
            lossBack = ba == null ? lossBack : ba;
        } else {
            Double both = f.parsed("loss", "a loss rate", Units::parseLoss);
            if (both != null) {
                loss = both;
                lossBack = both;
            }
        }
        long queue = f.whole("queue", 1, Integer.MAX_VALUE, base.queue());
        return new LinkParams(latency, bandwidth == null ? base.bandwidthBps() : bandwidth, loss, (int) queue, lossBack);
    }

    private LinkSpec link(YamlNode item) {
        if (item instanceof YamlNode.Sequence s) {
            return shorthand(s);
        }
        if (item instanceof YamlNode.Mapping m) {
            Fields f = new Fields(problems, m, "in link").allow(KEYS);
            String a = f.requiredString("a");
            String b = f.requiredString("b");
            LinkParams params = params(f, base);
            boolean ok = a != null && b != null && sides(m.pos(), a, f.valuePos("a"), b, f.valuePos("b"));
            return ok ? new LinkSpec(m.pos(), a, b, params) : null;
        }
        Values.wrongType(problems, item, "a link like [a, b] or {a: r1, b: web, latency: 5ms}", "");
        return null;
    }

    private LinkSpec shorthand(YamlNode.Sequence s) {
        if (s.items().size() != 2) {
            problems.at(s.pos(), "a link joins two hosts, [a, b]; this one names " + s.items().size());
            return null;
        }
        YamlNode na = s.items().get(0);
        YamlNode nb = s.items().get(1);
        String a = Values.string(problems, na, " for a host name", null);
        String b = Values.string(problems, nb, " for a host name", null);
        boolean ok = a != null && b != null && sides(s.pos(), a, na.pos(), b, nb.pos());
        return ok ? new LinkSpec(s.pos(), a, b, base) : null;
    }

    /** Checks both ends exist and make sense together; true when they do. */
    private boolean sides(Pos link, String a, Pos aPos, String b, Pos bPos) {
        boolean known = known(a, aPos) & known(b, bPos);
        if (!known) {
            return false;
        }
        if (a.equals(b)) {
            problems.at(link, "a link joins host '" + a + "' to itself");
            return false;
        }
        if (hosts.isGroup(a) && hosts.isGroup(b)) {
            problems.at(link, "a link may name a group on one side only ('" + a + "' and '" + b + "' are both groups)");
            return false;
        }
        String group = hosts.isGroup(a) ? a : hosts.isGroup(b) ? b : null;
        String other = group == null ? null : group.equals(a) ? b : a;
        if (group != null && hosts.find(group).equals(hosts.find(other))) {
            problems.at(link, "a link joins group '" + group + "' to its own member '" + other + "'");
            return false;
        }
        return true;
    }

    private boolean known(String host, Pos pos) {
        if (hosts.find(host) != null) {
            return true;
        }
        problems.at(pos, "unknown host '" + host + "'" + Suggest.didYouMean(host, hosts.written(), ""));
        return false;
    }
}
