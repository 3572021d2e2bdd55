package org.stacklab.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * The JSON Schema (draft 2020-12) of a scenario file, generated from the loader's own key tables
 * ({@link ScenarioLoader#TOP_KEYS}, {@link HostReader#KEYS}, {@link StepReader#FIELDS}, ...), so a
 * key the loader accepts is a key the schema names and the other way round. It describes the
 * shape (keys, maps, lists, steps of one kind each, errno and drop-reason names); what only the
 * loader checks (names that refer to hosts, processes or sockets, addresses, times, ranges, the
 * rules between keys) is listed in docs/scenario-format.md. {@code stacklab schema} prints it.
 */
public final class ScenarioSchema {
    /** Where the committed copy lives, relative to the repository root. */
    public static final String COMMITTED = "docs/scenario.schema.json";

    private static final JsonNodeFactory J = JsonNodeFactory.instance;

    private ScenarioSchema() {}

    /** The schema as pretty-printed JSON, ending in a newline; the same bytes on every call. */
    public static String json() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            return m.writeValueAsString(schema()).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode schema() {
        ObjectNode root = J.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", "StackLab scenario");
        root.put("description", "A network of hosts and links, processes that are scripts of socket calls, "
                + "and expectations (docs/scenario-format.md).");
        ObjectNode top = closed(root, ScenarioLoader.TOP_KEYS);
        root.putArray("required").add("scenario");
        top.set("scenario", described(J.objectNode().put("type", "string").put("pattern", "^[a-z0-9-]+$"),
                "the scenario's name: lower-case letters, digits and '-'; reports go to reports/<name>/"));
        top.set("description", J.objectNode().put("type", "string"));
        top.set("defaults", defaults());
        top.set("hosts", listOf(ref("host")));
        top.set("links", listOf(ref("link")));
        top.set("processes", listOf(ref("process")));
        top.set("expect", listOf(ref("expectation")));
        top.set("snapshots", listOf(scalar()));
        ObjectNode note = J.objectNode();
        closed(note, ScenarioLoader.TIMELINE_KEYS);
        required(note, ScenarioLoader.TIMELINE_KEYS);
        top.set("timeline", listOf(note));
        ObjectNode pick = J.objectNode();
        scalars(closed(pick, QuizReader.KEYS), QuizReader.KEYS);
        ObjectNode quiz = described(J.objectNode(), "the explorer's quiz: 'all', or entries like {host: web, port: 80, first: 1}");
        quiz.putArray("anyOf").add(J.objectNode().put("const", "all")).add(listOf(pick));
        top.set("quiz", quiz);
        for (String k : List.of("seed", "until")) {
            top.set(k, scalar());
        }
        ObjectNode defs = root.putObject("$defs");
        defs.set("scalar", J.objectNode().set("type", strings("string", "number", "boolean")));
        defs.set("host", host());
        defs.set("linkParams", linkParams(LinkReader.PARAM_KEYS));
        defs.set("link", link());
        defs.set("process", process());
        defs.set("step", step());
        defs.set("expectation", expectation());
        return root;
    }

    private static ObjectNode defaults() {
        ObjectNode d = J.objectNode();
        ObjectNode p = closed(d, DefaultsReader.KEYS);
        p.set("link", ref("linkParams"));
        p.set("ephemeral_ports", scalar());
        ObjectNode tcp = J.objectNode();
        scalars(closed(tcp, DefaultsReader.TCP_KEYS), DefaultsReader.TCP_KEYS);
        p.set("tcp", tcp);
        p.set("bindv6only", scalar());
        return d;
    }

    private static ObjectNode host() {
        ObjectNode h = J.objectNode();
        ObjectNode p = scalars(closed(h, HostReader.KEYS), HostReader.KEYS);
        p.set("ips", listOf(scalar()));
        p.set("nat", listOf(natRule()));
        p.set("firewall", firewall());
        ObjectNode tcp = J.objectNode();
        scalars(closed(tcp, TcpConfigReader.KEYS), TcpConfigReader.KEYS);
        p.set("tcp", tcp);
        h.putArray("required").add("name");
        return h;
    }

    /** One of {masquerade: {...}}, {snat: {...}}, {dnat: {...}} (docs/nat-and-firewall.md). */
    private static ObjectNode natRule() {
        ObjectNode rule = described(J.objectNode(), "a NAT rule: {masquerade: {from, to}}, {snat: {from, to, ports}}"
                + " or {dnat: {proto, at, to_port, to}}");
        rule.put("minProperties", 1).put("maxProperties", 1);
        ObjectNode p = closed(rule, FilterReader.NAT_KINDS);
        List<List<String>> keys = List.of(FilterReader.MASQUERADE_KEYS, FilterReader.SNAT_KEYS, FilterReader.DNAT_KEYS);
        for (int i = 0; i < keys.size(); i++) {
            ObjectNode body = J.objectNode();
            scalars(closed(body, keys.get(i)), keys.get(i));
            required(body, i == 1 ? List.of("from", "to") : keys.get(i));
            p.set(FilterReader.NAT_KINDS.get(i), body);
        }
        return rule;
    }

    private static ObjectNode firewall() {
        ObjectNode fw = described(J.objectNode(), "the filter table: {policy, rules: [{chain, ..., action}]}");
        ObjectNode p = closed(fw, FilterReader.FIREWALL_KEYS);
        ObjectNode perChain = J.objectNode();
        ObjectNode pc = closed(perChain, FilterReader.CHAINS);
        for (String c : FilterReader.CHAINS) {
            pc.set(c, J.objectNode().put("type", "string").set("enum", strings(FilterReader.POLICIES)));
        }
        ObjectNode policy = J.objectNode();
        policy.putArray("anyOf").add(J.objectNode().put("type", "string").set("enum", strings(FilterReader.POLICIES)))
                .add(perChain);
        p.set("policy", policy);
        ObjectNode rule = J.objectNode();
        ObjectNode rp = scalars(closed(rule, FilterReader.RULE_KEYS), FilterReader.RULE_KEYS);
        rp.set("chain", J.objectNode().put("type", "string").set("enum", strings(FilterReader.CHAINS)));
        rp.set("action", J.objectNode().put("type", "string").set("enum", strings(FilterReader.ACTIONS)));
        rp.set("proto", J.objectNode().put("type", "string").set("enum", strings(FilterReader.PROTOS)));
        rp.set("reject_with", J.objectNode().put("type", "string").set("enum", strings(FilterReader.REJECT_WITH)));
        ObjectNode state = J.objectNode();
        ObjectNode one = J.objectNode().put("type", "string");
        one.set("enum", strings(FilterReader.STATES));
        state.putArray("anyOf").add(one).add(listOf(one.deepCopy()));
        rp.set("state", state);
        required(rule, List.of("chain", "action"));
        p.set("rules", listOf(rule));
        return fw;
    }

    private static ObjectNode linkParams(List<String> keys) {
        ObjectNode l = J.objectNode();
        ObjectNode p = scalars(closed(l, keys), keys);
        ObjectNode perDirection = J.objectNode();
        scalars(closed(perDirection, LinkReader.LOSS_KEYS), LinkReader.LOSS_KEYS);
        ObjectNode loss = described(J.objectNode(), "a loss rate for both directions, or {a_to_b: 1%, b_to_a: 0%}");
        loss.putArray("anyOf").add(scalar()).add(perDirection);
        p.set("loss", loss);
        return l;
    }

    private static ObjectNode link() {
        ObjectNode asMap = linkParams(LinkReader.KEYS);
        required(asMap, List.of("a", "b"));
        ObjectNode pair = J.objectNode().put("type", "array").put("minItems", 2).put("maxItems", 2);
        pair.set("items", scalar());
        ObjectNode l = described(J.objectNode(), "a link: [a, b], or {a: r1, b: web, latency: 5ms, ...}");
        l.putArray("oneOf").add(pair).add(asMap);
        return l;
    }

    private static ObjectNode process() {
        ObjectNode proc = J.objectNode();
        ObjectNode p = scalars(closed(proc, ProcessReader.KEYS), ProcessReader.KEYS);
        p.set("steps", listOf(ref("step")).put("minItems", 1));
        p.set("app", J.objectNode().put("type", "string").set("enum", strings(AppSpec.KNOWN)));
        ObjectNode args = J.objectNode();
        scalars(closed(args, allArgs()), allArgs());
        p.set("args", args);
        required(proc, List.of("name", "host"));
        ArrayNode oneOf = proc.putArray("oneOf");
        oneOf.addObject().putArray("required").add("steps");
        oneOf.addObject().putArray("required").add("app");
        ArrayNode perApp = proc.putArray("allOf");
        for (String app : AppSpec.KNOWN) {
            ObjectNode rule = perApp.addObject();
            ObjectNode cond = rule.putObject("if");
            cond.putObject("properties").putObject("app").put("const", app);
            cond.putArray("required").add("app");
            ObjectNode appArgs = J.objectNode();
            closed(appArgs, AppReader.ARGS.get(app));
            rule.putObject("then").putObject("properties").set("args", appArgs);
        }
        return proc;
    }

    /** An errno name: listed for completion; the loader also takes it in any case ("econnrefused"). */
    private static ObjectNode errno() {
        StringBuilder pattern = new StringBuilder("^(");
        for (String e : StepReader.ERRNOS) {
            pattern.append(pattern.length() > 2 ? "|" : "");
            for (char c : e.toCharArray()) {
                pattern.append('[').append(c).append(Character.toLowerCase(c)).append(']');
            }
        }
        ObjectNode n = J.objectNode().put("type", "string");
        ArrayNode any = n.putArray("anyOf");
        any.addObject().set("enum", strings(StepReader.ERRNOS));
        any.addObject().put("pattern", pattern.append(")$").toString());
        return n;
    }

    private static List<String> allArgs() {
        return AppSpec.KNOWN.stream().flatMap(a -> AppReader.ARGS.get(a).stream()).distinct().toList();
    }

    private static ObjectNode step() {
        ObjectNode s = described(J.objectNode(), "one step: a map with one key, its kind");
        s.put("minProperties", 1).put("maxProperties", 1);
        ObjectNode p = closed(s, StepReader.KINDS);
        for (String kind : StepReader.KINDS) {
            List<String> fields = StepReader.FIELDS.get(kind);
            if (fields == null) {
                continue;
            }
            ObjectNode call = described(J.objectNode(), StepCalls.EXAMPLES.getOrDefault(kind, kind));
            List<String> keys = new java.util.ArrayList<>(fields);
            keys.addAll(StepReader.COMMON);
            ObjectNode cp = scalars(closed(call, keys), keys);
            cp.set("expect_error", errno());
            if (fields.contains("data")) {
                ObjectNode bytes = J.objectNode();
                ObjectNode bp = closed(bytes, ScriptScope.DATA_KEYS);
                bp.set("bytes", scalar());
                required(bytes, ScriptScope.DATA_KEYS);
                cp.set("data", J.objectNode().set("anyOf", J.arrayNode().add(ref("scalar")).add(bytes)));
            }
            if (fields.contains("flags")) {
                List<String> names = kind.startsWith("send") ? org.stacklab.transport.MsgFlags.SEND_NAMES
                        : org.stacklab.transport.MsgFlags.RECV_NAMES;
                cp.set("flags", listOf(J.objectNode().put("type", "string").set("enum", strings(names))));
            }
            if (kind.equals("poll")) {
                cp.set("fds", events(List.of("in", "out", "pri")));
                cp.set("expect", events(org.stacklab.transport.Readiness.NAMES));
                required(call, List.of("fds"));
            }
            p.set(kind, call);
        }
        p.set("sleep", described(scalar(), "wait, e.g. sleep: 10ms"));
        p.set("note", described(scalar(), "a line of narration in the trace"));
        ObjectNode repeat = described(J.objectNode(), "repeat: {times: 3, steps: [...]}");
        ObjectNode rp = scalars(closed(repeat, StepReader.REPEAT_KEYS), StepReader.REPEAT_KEYS);
        rp.set("steps", listOf(ref("step")).put("minItems", 1));
        required(repeat, List.of("times", "steps"));
        p.set("repeat", repeat);
        ObjectNode retry = described(J.objectNode(), "retry: {times: 5, on: [EAGAIN], steps: [...]}");
        ObjectNode tp = scalars(closed(retry, StepReader.RETRY_KEYS), StepReader.RETRY_KEYS);
        tp.set("steps", listOf(ref("step")).put("minItems", 1));
        tp.set("on", listOf(errno()).put("minItems", 1));
        tp.set("expect_error", errno());
        required(retry, List.of("times", "on", "steps"));
        p.set("retry", retry);
        p.set("exit", described(J.objectNode().put("type", "null"), "the process exits; usually written '- exit'"));
        ObjectNode either = J.objectNode();
        either.putArray("anyOf").add(J.objectNode().put("const", "exit")).add(s);
        return either;
    }

    /** poll's map of socket names to lists of event names. */
    private static ObjectNode events(List<String> names) {
        ObjectNode m = J.objectNode().put("type", "object");
        m.set("additionalProperties", listOf(J.objectNode().put("type", "string").set("enum", strings(names))));
        return m;
    }

    private static ObjectNode expectation() {
        ObjectNode e = J.objectNode();
        ObjectNode p = scalars(closed(e, ExpectReader.KEYS), ExpectReader.KEYS);
        ObjectNode drops = J.objectNode();
        ObjectNode dp = closed(drops, ExpectReader.DROP_KEYS);
        dp.set("reason", J.objectNode().put("type", "string").set("enum", strings(ScenarioLoader.DROP_REASONS)));
        dp.set("count", scalar());
        drops.putArray("required").add("count");
        p.set("drops", drops);
        return e;
    }

    /** Makes {@code node} a map of exactly {@code keys}; returns its (empty) properties. */
    private static ObjectNode closed(ObjectNode node, List<String> keys) {
        node.put("type", "object");
        ObjectNode props = node.putObject("properties");
        for (String k : keys) {
            props.set(k, J.objectNode());
        }
        node.put("additionalProperties", false);
        return props;
    }

    private static ObjectNode scalars(ObjectNode props, List<String> keys) {
        for (String k : keys) {
            props.set(k, scalar());
        }
        return props;
    }

    private static void required(ObjectNode node, List<String> keys) {
        ArrayNode r = node.putArray("required");
        keys.forEach(r::add);
    }

    private static ObjectNode scalar() {
        return ref("scalar");
    }

    private static ObjectNode ref(String def) {
        return J.objectNode().put("$ref", "#/$defs/" + def);
    }

    private static ObjectNode listOf(ObjectNode items) {
        ObjectNode l = J.objectNode().put("type", "array");
        l.set("items", items);
        return l;
    }

    private static ObjectNode described(ObjectNode node, String text) {
        return node.put("description", text);
    }

    private static ArrayNode strings(String... values) {
        return strings(List.of(values));
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode a = J.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
