package org.stacklab.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep runs: the parameters set on the command line ({@code --set KEY=V1,V2,...}), the
 * seeds ({@code --seeds 1-10}), and every combination of them in a fixed order (the first
 * parameter varies slowest, the seed fastest), so the CSV's rows are the same on every run.
 */
public final class SweepPlan {
    /** The most runs one sweep may have: beyond it a typo in a range would run for hours. */
    static final int MAX_RUNS = 100_000;

    /** One {@code --set}: a key and the values it takes, in the order given. */
    public record Param(String key, List<String> values) {}

    /** One run of the sweep: a value index per parameter, and a seed. */
    public record Combo(int index, List<String> values, long seed) {}

    private final List<Param> params;
    private final List<Long> seeds;

    SweepPlan(List<Param> params, List<Long> seeds) {
        this.params = List.copyOf(params);
        this.seeds = List.copyOf(seeds);
    }

    List<Param> params() {
        return params;
    }

    List<Long> seeds() {
        return seeds;
    }

    /** Parses one {@code KEY=V1,V2,...}; the key is a dotted path (see {@link #apply}). */
    static Param parseSet(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set: expected KEY=V1,V2,..., got '" + text + "'");
        }
        String key = text.substring(0, eq).trim();
        if (!key.matches("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("--set: '" + key + "' is not a key path such as link.loss or "
                    + "processes.pinger.args.count");
        }
        if (key.equals("seed")) {
            throw new IllegalArgumentException("--set: use --seeds for the seed");
        }
        List<String> values = new ArrayList<>();
        for (String v : text.substring(eq + 1).split(",", -1)) {
            String t = v.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("--set " + key + ": an empty value in '" + text.substring(eq + 1) + "'");
            }
            values.add(t);
        }
        return new Param(key, values);
    }

    /** Parses {@code 1-10}, {@code 1,2,7} or {@code 3} (and mixes: {@code 1-3,9}). */
    static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long lo = Long.parseLong(p.substring(0, dash).trim());
                    long hi = Long.parseLong(p.substring(dash + 1).trim());
                    if (hi < lo) {
                        throw new IllegalArgumentException("--seeds: " + p + " runs backwards");
                    }
                    if (hi - lo >= MAX_RUNS) {
                        throw new IllegalArgumentException("--seeds: " + p + " is more than " + MAX_RUNS + " seeds");
                    }
                    for (long s = lo; s <= hi; s++) {
                        out.add(s);
                    }
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds: expected N, N-M or a list of them, got '" + text + "'");
            }
        }
        return out;
    }

    /** Every combination; refuses a sweep of more than {@link #MAX_RUNS} runs. */
    List<Combo> combos() {
        long n = seeds.size();
        for (Param p : params) {
            n *= p.values().size();
            if (n > MAX_RUNS) {
                throw new IllegalArgumentException("the sweep has more than " + MAX_RUNS + " runs; split it");
            }
        }
        List<Combo> out = new ArrayList<>((int) n);
        int[] at = new int[params.size()];
        for (int i = 0; i < n / seeds.size(); i++) {
            List<String> values = new ArrayList<>();
            for (int k = 0; k < params.size(); k++) {
                values.add(params.get(k).values().get(at[k]));
            }
            for (long seed : seeds) {
                out.add(new Combo(out.size(), values, seed));
            }
            for (int k = params.size() - 1; k >= 0; k--) {
                if (++at[k] < params.get(k).values().size()) {
                    break;
                }
                at[k] = 0;
            }
        }
        return out;
    }

    /**
     * The scenario's YAML with one combination applied. A key is a dotted path into the file:
     * map keys by name, list items by index ({@code links.0.loss}) or, for hosts and processes,
     * by their {@code name} ({@code processes.pinger.args.count}). {@code link.X} is short for
     * "X on every link": {@code defaults.link.X} and every link that sets X itself.
     */
    static String apply(YAMLMapper yaml, JsonNode base, List<Param> params, Combo c) {
        ObjectNode root = base.deepCopy();
        for (int k = 0; k < params.size(); k++) {
            String key = params.get(k).key();
            JsonNode value = scalar(yaml, c.values().get(k));
            if (key.startsWith("link.") && key.indexOf('.', 5) < 0) {
                setAllLinks(root, key.substring(5), value);
            } else {
                set(root, key.split("\\."), value, key);
            }
        }
        root.put("seed", c.seed());
        try {
            return yaml.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value as YAML reads it: {@code 5} a number, {@code true} a boolean, {@code 1%} text. */
    private static JsonNode scalar(YAMLMapper yaml, String text) {
        try {
            JsonNode n = yaml.readTree(text);
            if (n != null && n.isValueNode()) {
                return n;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // not a YAML scalar: keep the text as it is
        }
        return yaml.getNodeFactory().textNode(text);
    }

    private static void setAllLinks(ObjectNode root, String field, JsonNode value) {
        ObjectNode defaults = child(root, "defaults");
        child(defaults, "link").set(field, value);
        JsonNode links = root.get("links");
        if (links instanceof ArrayNode a) {
            for (JsonNode l : a) {
                if (l instanceof ObjectNode o && o.has(field)) {
                    o.set(field, value);
                }
            }
        }
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode n = parent.get(name);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(name);
    }

    private static void set(ObjectNode root, String[] path, JsonNode value, String key) {
        JsonNode at = root;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode next = step(at, path[i], key);
            if (next == null) {
                if (!(at instanceof ObjectNode o)) {
                    throw new IllegalArgumentException("--set " + key + ": no '" + path[i] + "' in the scenario");
                }
                next = o.putObject(path[i]);
            }
            at = next;
        }
        String last = path[path.length - 1];
        if (at instanceof ObjectNode o) {
            o.set(last, value);
        } else if (at instanceof ArrayNode a && last.matches("[0-9]{1,6}") && Integer.parseInt(last) < a.size()) {
            a.set(Integer.parseInt(last), value);
        } else {
            throw new IllegalArgumentException("--set " + key + ": cannot set '" + last + "' there");
        }
    }

    private static JsonNode step(JsonNode at, String name, String key) {
        if (at instanceof ObjectNode o) {
            return o.get(name);
        }
        if (at instanceof ArrayNode a) {
            if (name.matches("[0-9]{1,6}")) {
                int i = Integer.parseInt(name);
                if (i < a.size()) {
                    return a.get(i);
                }
                throw new IllegalArgumentException("--set " + key + ": the list has " + a.size() + " items, no " + name);
            }
            for (JsonNode item : a) {
                if (item.isObject() && name.equals(item.path("name").asText(null))) {
                    return item;
                }
            }
            throw new IllegalArgumentException("--set " + key + ": no item named '" + name + "'");
        }
        throw new IllegalArgumentException("--set " + key + ": '" + name + "' is inside a value, not a map or a list");
    }
}
